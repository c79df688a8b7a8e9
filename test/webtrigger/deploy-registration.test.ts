import { BuildStore } from '../../src/storage/build-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/webtrigger/signature';
import { aBuild } from '../support/builders';
import { demoConfig, deploysOf, saveProject, syncPlatform } from '../sync/support/sync-platform';

const platform = syncPlatform();
const SECRET = 'whsec-5b1d0c7e9a2f4e6b8c3d1a0f';
const SHA = 'c0ffee0000000000000000000000000000000001';

beforeAll(async () => {
  await saveProject(demoConfig());
  await new ProjectConfigStore().saveDeploySecret('DEMO', SECRET);
  // A CI build of the deployed commit, already synced from the project's build server
  await new BuildStore().write([aBuild({ connectionId: 'jenkins-1', sha: SHA, number: 41, startedAt: '2026-11-01T09:00:00.000Z', finishedAt: '2026-11-01T09:04:00.000Z' })]);
});

afterAll(() => platform.close());

function aRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    environment: { name: 'Production', type: 'production' },
    sha: SHA,
    state: 'in_progress',
    url: 'https://deploy.example.com/runs/77',
    pipeline: { id: 'argo-shop', name: 'Argo CD: shop' },
    runId: '77',
    commits: [{ sha: SHA, message: 'DEMO-7 rate-limit the public API; fixes UTF-8 in SHA-256 ids' }],
    startedAt: '2026-11-01T10:00:00Z',
    branch: 'main',
    ...overrides,
  };
}

interface Send {
  readonly body?: string;
  readonly method?: string;
  readonly project?: string | undefined;
  readonly contentType?: string;
  readonly timestamp?: number | undefined;
  /** The timestamp header exactly as sent, when it differs from the signed `timestamp`. */
  readonly timestampHeader?: string;
  readonly signature?: string | undefined;
}

function send(options: Send = {}) {
  const body = options.body ?? JSON.stringify(aRegistration());
  const timestamp = 'timestamp' in options ? options.timestamp : Math.floor(Date.now() / 1000);
  const signature = 'signature' in options ? options.signature : timestamp === undefined ? undefined : sign(SECRET, timestamp, body);
  const headers: Record<string, string[]> = { 'content-type': [options.contentType ?? 'application/json'] };
  if (options.timestampHeader !== undefined) headers[TIMESTAMP_HEADER] = [options.timestampHeader];
  else if (timestamp !== undefined) headers[TIMESTAMP_HEADER] = [String(timestamp)];
  if (signature !== undefined) headers[SIGNATURE_HEADER] = [signature];
  const project = 'project' in options ? options.project : 'DEMO';
  return platform.app.runWebtrigger('deploy-registration', {
    method: options.method ?? 'POST',
    path: '/x1/test',
    headers,
    queryParameters: project === undefined ? {} : { project: [project] },
    body,
  });
}

const errorOf = (response: { body: string }) => JSON.parse(response.body) as { error: string; message: string };

describe('deploy registration', () => {
  it('records a signed deploy with its issue links and the build snapshot of its commit', async () => {
    const response = await send();

    expect(response.statusCode).toBe(201);
    const [deploy] = await deploysOf('DEMO');
    expect(deploy).toMatchObject({
      environment: { id: 'production', name: 'Production', type: 'production' },
      origin: { kind: 'registration', pipelineId: 'argo-shop', runId: '77' },
      sequence: 77,
      state: 'in_progress',
      // its own commit, and the commit of the CI build of the same SHA (DEMO-1 fix login)
      issueKeys: ['DEMO-7', 'DEMO-1'],
      snapshot: [expect.objectContaining({ number: 41, stateAtDeploy: 'successful' })],
    });
    expect((await new DeployStore().forIssue('DEMO-7')).deploys.map((d) => d.id)).toEqual([deploy?.id]);
  });

  it('the same run sent again with its final state updates the deploy', async () => {
    const response = await send({ body: JSON.stringify(aRegistration({ state: 'successful', finishedAt: '2026-11-01T10:06:00Z' })) });

    expect(response.statusCode).toBe(200);
    expect((await deploysOf('DEMO')).map((d) => [d.sequence, d.state])).toEqual([[77, 'successful']]);
  });

  it('refuses a replayed request: the same signature twice', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(aRegistration({ runId: '78', startedAt: '2026-11-01T11:00:00Z' }));

    expect((await send({ body, timestamp })).statusCode).toBe(201);
    const replay = await send({ body, timestamp });

    expect(replay.statusCode).toBe(409);
    expect(errorOf(replay).error).toBe('replayed');
  });

  it.each([
    ['a missing signature', 401, { signature: undefined }, 'missing_signature'],
    ['a missing timestamp', 401, { timestamp: undefined, signature: 'sha256=' + '0'.repeat(64) }, 'missing_timestamp'],
    ['a malformed signature', 401, { signature: 'md5=abc' }, 'malformed_signature'],
    ['an old timestamp (ten minutes)', 401, { timestamp: Math.floor(Date.now() / 1000) - 600 }, 'stale_timestamp'],
    ['a timestamp with a leading zero', 401, { timestampHeader: `0${Math.floor(Date.now() / 1000)}` }, 'malformed_timestamp'],
    ['a timestamp with a sign', 401, { timestampHeader: `+${Math.floor(Date.now() / 1000)}` }, 'malformed_timestamp'],
    ['a timestamp in milliseconds', 401, { timestampHeader: String(Date.now()) }, 'malformed_timestamp'],
    ['an upper-case signature', 401, { signature: sign(SECRET, Math.floor(Date.now() / 1000), JSON.stringify(aRegistration())).toUpperCase() }, 'malformed_signature'],
    ['a bad signature (another secret)', 403, { signature: sign('another-secret', Math.floor(Date.now() / 1000), JSON.stringify(aRegistration())) }, 'bad_signature'],
  ] as const)('refuses %s with %i, writing nothing', async (_name, status, options, code) => {
    platform.kvs.resetStats();

    const response = await send(options);

    expect(response.statusCode).toBe(status);
    expect(errorOf(response)).toMatchObject({ error: code, message: expect.any(String) });
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it.each([
    ['a GET', 405, { method: 'GET' }, 'method_not_allowed'],
    ['no project in the URL', 400, { project: undefined }, 'missing_project'],
    ['a form body', 415, { contentType: 'application/x-www-form-urlencoded' }, 'unsupported_media_type'],
    ['a body over the limit', 413, { body: JSON.stringify(aRegistration({ branch: 'x'.repeat(600 * 1024) })) }, 'payload_too_large'],
    ['a body that is not JSON', 400, { body: '{"environment":' }, 'invalid_json'],
  ] as const)('refuses %s with %i', async (_name, status, options, code) => {
    platform.kvs.resetStats();

    const response = await send(options);

    expect(response.statusCode).toBe(status);
    expect(errorOf(response).error).toBe(code);
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('names every invalid field, and writes nothing', async () => {
    platform.kvs.resetStats();

    const response = await send({ body: JSON.stringify(aRegistration({ sha: 'main', state: 'done', enviroment: 'prod' })) });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(/sha: .*commit SHA/);
    expect(errorOf(response).message).toMatch(/state:/);
    expect(errorOf(response).message).toMatch(/enviroment/);
    expect(platform.kvs.stats.writes).toBe(0);
  });
});

describe('deploy registration: one spelling of a signed request', () => {
  it.each(['0', '00', '000'])('refuses a captured request replayed with its timestamp prefixed by "%s"', async (zeros) => {
    // given a request that was accepted
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(aRegistration({ runId: `replay-${zeros.length}`, startedAt: '2026-11-02T10:00:00Z' }));
    const signature = sign(SECRET, timestamp, body);
    expect((await send({ body, timestamp, signature })).statusCode).toBe(201);
    platform.kvs.resetStats();

    // when it is sent again with the same signature and another spelling of its timestamp
    const replay = await send({ body, timestamp, timestampHeader: `${zeros}${timestamp}`, signature });

    // then it is refused before anything is read or written
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).error).toBe('malformed_timestamp');
    expect(platform.kvs.stats.reads + platform.kvs.stats.writes).toBe(0);
  });

  it('a finished deploy does not go back to in_progress when its first request is replayed', async () => {
    // given a run registered in progress, then finished
    const started = Math.floor(Date.now() / 1000);
    const inProgress = JSON.stringify(aRegistration({ runId: '90', state: 'in_progress', startedAt: '2026-11-03T10:00:00Z' }));
    const captured = sign(SECRET, started, inProgress);
    expect((await send({ body: inProgress, timestamp: started, signature: captured })).statusCode).toBe(201);
    const finished = JSON.stringify(aRegistration({ runId: '90', state: 'successful', startedAt: '2026-11-03T10:00:00Z' }));
    expect((await send({ body: finished })).statusCode).toBe(200);

    // when the captured in-progress request is replayed, as sent and with zeros before its timestamp
    const replays = [
      await send({ body: inProgress, timestamp: started, signature: captured }),
      await send({ body: inProgress, timestamp: started, timestampHeader: `0${started}`, signature: captured }),
      await send({ body: inProgress, timestamp: started, timestampHeader: `00${started}`, signature: captured }),
    ];

    // then every replay is refused and the deploy stays successful
    expect(replays.map((r) => errorOf(r).error)).toEqual(['replayed', 'malformed_timestamp', 'malformed_timestamp']);
    expect((await deploysOf('DEMO')).find((d) => d.origin.kind === 'registration' && d.origin.runId === '90')?.state).toBe('successful');
  });
});

describe('deploy registration: a body read one way only', () => {
  it.each([
    ['startedAt in 9999', { startedAt: '9999-12-31T23:59:59Z' }, /startedAt: more than a day in the future/],
    ['startedAt two days ahead', { startedAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }, /startedAt/],
    ['finishedAt in 9999', { finishedAt: '9999-01-01T00:00:00Z' }, /finishedAt/],
  ])('refuses %s, writing nothing', async (_name, overrides, message) => {
    platform.kvs.resetStats();

    const response = await send({ body: JSON.stringify(aRegistration({ runId: 'future', ...overrides })) });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ error: 'invalid_body', message: expect.stringMatching(message) });
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it.each([
    ['a javascript: link', { url: 'javascript:alert(1)' }, /url:/],
    ['credentials in the link', { url: 'https://deployer:hunter2@deploy.example.com/runs/1' }, /url: no user name or password/],
    ['credentials in the pipeline link', { pipeline: { id: 'argo', url: 'https://a:b@deploy.example.com/' } }, /pipeline.url: no user name/],
  ])('refuses %s, writing nothing', async (_name, overrides, message) => {
    platform.kvs.resetStats();

    const response = await send({ body: JSON.stringify(aRegistration({ runId: 'links', ...overrides })) });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toMatch(message);
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('accepts a start a few hours ahead (a sender clock running fast)', async () => {
    const response = await send({ body: JSON.stringify(aRegistration({ runId: 'ahead', startedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() })) });

    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['a field twice', '{"state":"successful","state":"in_progress"}', 'state'],
    ['a field twice, once escaped', '{"state":"successful","st\\u0061te":"in_progress"}', 'state'],
    ['a nested field twice', '{"environment":{"name":"Production","type":"production","type":"staging"}}', 'type'],
  ])('refuses a body with %s, writing nothing', async (_name, duplicated, key) => {
    // given a valid registration with one more copy of a field
    const valid = JSON.stringify(aRegistration({ runId: 'dup' }));
    const body = `${duplicated.slice(0, -1)},${valid.slice(1)}`;
    platform.kvs.resetStats();

    const response = await send({ body });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ error: 'invalid_json', message: expect.stringContaining(`"${key}" twice`) });
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('keeps the same name in different objects and inside strings apart', async () => {
    const body = JSON.stringify(aRegistration({ runId: 'same-names', pipeline: { id: 'argo', name: '"id": twice, "id"' }, commits: [{ sha: SHA, message: 'm' }, { sha: SHA, message: 'm' }] }));

    expect((await send({ body })).statusCode).toBe(201);
  });
});

describe('deploy registration: who learns that a project takes deploys', () => {
  const signedFor = (project: string) => send({ project, signature: sign('a-guessed-secret', Math.floor(Date.now() / 1000), JSON.stringify(aRegistration())) });

  it('answers a project that does not exist, one without a secret and a wrong secret alike, in one read', async () => {
    // given DEMO with a secret, OPS with settings but no secret, and NOPE with nothing
    await saveProject(demoConfig({ projectKey: 'OPS' }));
    const answers = [];
    const reads = [];

    // when each is sent a request signed with a guessed secret
    for (const project of ['DEMO', 'OPS', 'NOPE']) {
      platform.kvs.resetStats();
      answers.push(await signedFor(project));
      reads.push(platform.kvs.stats.reads);
    }

    // then each gets the same 403, having cost exactly one read and no write
    expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 403]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(errorOf(answers[0] ?? { body: '{}' }).error).toBe('bad_signature');
    expect(reads).toEqual([1, 1, 1]);
  });

  it.each([
    ['no signature', { signature: undefined }],
    ['no timestamp', { timestamp: undefined }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('answers an unsigned request (%s) the same for every project, without reading storage', async (_name, options) => {
    const answers = [];
    platform.kvs.resetStats();

    for (const project of ['DEMO', 'OPS', 'NOPE']) answers.push(await send({ project, ...options }));

    expect(new Set(answers.map((a) => `${a.statusCode} ${a.body}`)).size).toBe(1);
    expect(platform.kvs.stats.reads).toBe(0);
  });

  it.each(['opſ', 'DE MO', 'DÉMO', 'ops\u0000'])('refuses the project key %j: keys are ASCII, never case-folded into another', async (project) => {
    const response = await send({ project });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).error).toBe('invalid_project');
  });
});

describe('deploy registration: the repository the commit was built from', () => {
  const deployNamed = async (runId: string) => (await deploysOf('DEMO')).find((d) => d.origin.kind === 'registration' && d.origin.runId === runId);

  it('keeps the repository the body names, in one spelling, on the deploy and on its issue links', async () => {
    const body = JSON.stringify(aRegistration({ runId: 'repo-1', startedAt: '2026-11-04T10:00:00Z', repositoryUrl: 'https://github.com/Acme/shop.git/' }));

    expect((await send({ body })).statusCode).toBe(201);

    const deploy = await deployNamed('repo-1');
    expect(deploy?.repositoryUrl).toBe('https://github.com/Acme/shop');
    const link = (await new DeployStore().forIssue('DEMO-7')).deploys.find((d) => d.id === deploy?.id);
    expect(link?.repositoryUrl).toBe('https://github.com/Acme/shop');
  });

  it('without one in the body, takes the repository a CI build of the same commit named', async () => {
    // given a CI build of another commit that names its repository
    const built = 'c0ffee00000000000000000000000000000000a1';
    await new BuildStore().write([aBuild({ connectionId: 'jenkins-1', sha: built, number: 42, startedAt: '2026-11-04T08:00:00.000Z', repositoryUrl: 'https://gitlab.com/acme/shop' })]);

    // when a deploy of that commit is registered without a repository
    const body = JSON.stringify(aRegistration({ runId: 'repo-2', sha: built, startedAt: '2026-11-04T11:00:00Z' }));
    expect((await send({ body })).statusCode).toBe(201);

    // then it is recorded with the build's
    expect((await deployNamed('repo-2'))?.repositoryUrl).toBe('https://gitlab.com/acme/shop');
  });

  it.each([
    ['a javascript: address', 'javascript:alert(1)//github.com/acme/shop'],
    ['a data: address', 'data:text/html,<script>alert(1)</script>'],
    ['not an address', 'github.com/acme/shop'],
    ['credentials in the address', 'https://bot:token@github.com/acme/shop'],
    ['an address longer than any Git host uses', `https://github.com/acme/${'x'.repeat(600)}`],
  ])('refuses %s with a message naming repositoryUrl, writing nothing', async (_name, repositoryUrl) => {
    platform.kvs.resetStats();

    const response = await send({ body: JSON.stringify(aRegistration({ runId: 'repo-bad', repositoryUrl })) });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ error: 'invalid_body', message: expect.stringMatching(/repositoryUrl: /) });
    expect(platform.kvs.stats.writes).toBe(0);
    expect(await deployNamed('repo-bad')).toBeUndefined();
  });
});
