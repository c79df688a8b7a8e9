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
  readonly signature?: string | undefined;
}

function send(options: Send = {}) {
  const body = options.body ?? JSON.stringify(aRegistration());
  const timestamp = 'timestamp' in options ? options.timestamp : Math.floor(Date.now() / 1000);
  const signature = 'signature' in options ? options.signature : timestamp === undefined ? undefined : sign(SECRET, timestamp, body);
  const headers: Record<string, string[]> = { 'content-type': [options.contentType ?? 'application/json'] };
  if (timestamp !== undefined) headers[TIMESTAMP_HEADER] = [String(timestamp)];
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
    ['a project without a signing secret', 404, { project: 'OPS' }, 'not_enabled'],
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
