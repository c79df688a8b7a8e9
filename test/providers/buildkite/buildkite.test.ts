import { AuthError, InvalidResponse, NotFound, PermissionError } from '../../../src/domain/errors';
import { buildkiteState } from '../../../src/providers/buildkite/map';
import { BuildkiteProvider } from '../../../src/providers/buildkite/service';
import { SECRET, TOKEN, buildkiteAt, fakeClock, testDeps, type TestDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';

const DIR = 'buildkite/sourcelaborg-buildkite-api-client';
const BUILDS = '/v2/organizations/acme/builds';
let server: RecordedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function buildkiteServing(routes: Route[], deps: TestDeps = testDeps()): Promise<BuildkiteProvider> {
  server = await startRecordedServer(routes);
  return new BuildkiteProvider(buildkiteAt(server.url), SECRET, deps);
}

const finishedBuild = envelope('[', [fixture(`${DIR}/getBuild.json`)], ']');

describe('testing a Buildkite connection', () => {
  it('names the missing read_builds scope (the recorded token has other scopes only)', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/access-token', reply: json(fixture(`${DIR}/accessToken.json`)) }]);

    const error = await buildkite.testConnection().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ missing: ['read_builds'], message: expect.stringMatching(/read_builds/) });
    expect((error as PermissionError).hint).toMatch(/read_builds, read_pipelines, read_organizations/);
    expect(server?.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('with read_builds: proves the organisation with one build, and warns about the useful scopes missing', async () => {
    const buildkite = await buildkiteServing([
      { path: '/v2/access-token', reply: json('{"uuid":"4c2b8a10-0000-4000-8000-000000000000","scopes":["read_builds"]}') },
      { path: BUILDS, reply: json(finishedBuild) },
    ]);

    const result = await buildkite.testConnection();

    expect(result).toMatchObject({ provider: 'buildkite', warnings: [expect.stringMatching(/read_pipelines/), expect.stringMatching(/read_organizations/)] });
    expect(server?.requests[1]?.query.get('per_page')).toBe('1');
  });

  it('reports what the token says about itself: scopes, creation in Buildkite\'s own time format, and no expiry when the answer names none', async () => {
    const token = { uuid: 'b1', scopes: ['read_builds'], description: 'deploy tracker', created_at: '2025-07-16 06:07:42 UTC', user: { name: 'Ada', email: 'ada@example.test' } };
    const buildkite = await buildkiteServing([{ path: '/v2/access-token', reply: json(JSON.stringify(token)) }, { path: BUILDS, reply: json(finishedBuild) }]);

    const result = await buildkite.testConnection();

    expect(result.token).toEqual({ scopes: ['read_builds'], createdAt: '2025-07-16T06:07:42.000Z', expiry: { kind: 'not-reported' } });
  });

  it('reads an expiry when the answer carries one (null: never), and a time it cannot read fails nothing', async () => {
    const answer = (fields: object) => json(JSON.stringify({ scopes: ['read_builds'], ...fields }));
    const expiring = await buildkiteServing([{ path: '/v2/access-token', reply: answer({ expires_at: '2026-12-01 00:00:00 UTC', created_at: 'yesterday' }) }, { path: BUILDS, reply: json(finishedBuild) }]);
    expect((await expiring.testConnection()).token).toEqual({ scopes: ['read_builds'], createdAt: null, expiry: { kind: 'at', at: '2026-12-01T00:00:00.000Z' } });
    await server?.close();

    const never = await buildkiteServing([{ path: '/v2/access-token', reply: answer({ expires_at: null }) }, { path: BUILDS, reply: json(finishedBuild) }]);
    expect((await never.testConnection()).token?.expiry).toEqual({ kind: 'never' });
  });

  it('a wrong organisation slug: NotFound saying where to find the slug', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/access-token', reply: json('{"scopes":["read_builds"]}') }, { path: BUILDS, reply: json('{"message":"No organization found"}', 404) }]);
    const error = await buildkite.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as NotFound).hint).toMatch(/organisation slug "acme"/);
  });

  it('recorded error bodies are quoted in the message', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/access-token', reply: json(fixture(`${DIR}/errorResponse1.json`), 401) }]);
    const error = await buildkite.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/It said: "Error Happened"/);
  });

  it('a validation error (422) is an InvalidResponse quoting Buildkite', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/organizations/acme/pipelines/app/builds/1', reply: json(fixture(`${DIR}/errorResponse2.json`), 422) }]);
    const error = await buildkite.getBuild('app', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toMatch(/Validation Failed/);
  });

  it('403 on builds: the read_builds scope or organisation access', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/organizations/acme/pipelines/app/builds/1', reply: json('{"message":"Forbidden"}', 403) }]);
    const error = await buildkite.getBuild('app', 1).catch((e: unknown) => e);
    expect((error as PermissionError).hint).toMatch(/read_builds scope and access to the organisation "acme"/);
  });
});

describe('Buildkite builds, as recorded', () => {
  it('a finished build', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/organizations/acme/pipelines/pipeline-slug/builds/22', reply: json(fixture(`${DIR}/getBuild.json`)) }]);

    const build = await buildkite.getBuild('pipeline-slug', 22);

    expect(build).toMatchObject({
      provider: 'buildkite',
      job: { id: 'pipeline-slug', displayName: 'Run Tests', url: 'https://buildkite.com/orgSlug/pipeline-slug' },
      number: 22,
      state: 'failed',
      rawState: 'failed',
      startedAt: '2023-01-09T09:26:52.321Z',
      finishedAt: '2023-01-09T09:27:20.357Z',
      durationMs: 28036,
      sha: 'commit-hash',
      branch: 'main',
      tag: null,
      commits: [{ sha: 'commit-hash', message: 'Add state chooser', author: null, timestamp: null }],
      causes: [{ kind: 'user', description: 'ui', actor: 'First Last' }],
      parameters: [],
      url: 'https://buildkite.com/orgSlug/pipeline-slug/builds/22',
    });
  });

  it('without the expanded pipeline (exclude_pipeline=true): the slug from the build URL, the pipeline page from its web URL', async () => {
    const recorded: unknown = JSON.parse(fixture(`${DIR}/getBuild.json`).toString('utf8'));
    const { pipeline: _left, ...withoutPipeline } = recorded as Record<string, unknown>;
    const buildkite = await buildkiteServing([{ path: '/v2/organizations/acme/pipelines/pipeline-slug/builds/22', reply: json(JSON.stringify(withoutPipeline)) }]);

    const build = await buildkite.getBuild('pipeline-slug', 22);

    expect(server?.requests[0]?.query.get('exclude_pipeline')).toBe('true');
    expect(server?.requests[0]?.query.get('exclude_jobs')).toBe('true');
    expect(build).toMatchObject({ job: { id: 'pipeline-slug', displayName: 'pipeline-slug', url: 'https://buildkite.com/orgSlug/pipeline-slug' }, number: 22, state: 'failed' });
  });

  it('pipelines', async () => {
    const buildkite = await buildkiteServing([{ path: '/v2/organizations/acme/pipelines', reply: json(fixture(`${DIR}/listPipelines.json`)) }]);
    await expect(buildkite.listJobs()).resolves.toEqual([
      { id: 'pipeline-name-slug', displayName: 'pipeline-name', url: 'https://buildkite.com/org/pipeline-name', folderPath: [] },
      { id: 'pipeline-name-2-slug', displayName: 'pipeline-name-2', url: 'https://buildkite.com/org/pipeline-name', folderPath: [] },
    ]);
  });
});

describe('incremental Buildkite sync', () => {
  const start = Date.parse('2023-01-09T12:00:00Z');

  function orgBuilds(finished: Buffer, running: Buffer, link?: string): Route[] {
    return [
      {
        path: BUILDS,
        reply: (request) => {
          if (request.query.get('page') === '2') return json(running);
          if (request.query.has('finished_from')) return json(finished, 200, link ? { link } : {});
          return json(running);
        },
      },
    ];
  }

  it('asks for finished builds since the cursor and running builds created since, org-wide, and moves both cursors', async () => {
    const deps = testDeps({ clock: fakeClock(start) });
    const buildkite = await buildkiteServing(orgBuilds(finishedBuild, fixture(`${DIR}/listBuilds.json`)), deps);

    const page = await buildkite.listBuildsSince(undefined);

    expect(server?.requests).toHaveLength(2);
    const [finished, running] = server?.requests ?? [];
    expect(finished?.query.get('finished_from')).toBe('2023-01-08T11:58:00.000Z');
    expect(finished?.query.get('per_page')).toBe('100');
    expect(finished?.query.get('exclude_jobs')).toBe('true');
    expect(finished?.query.get('exclude_pipeline')).toBe('true');
    expect(running?.query.get('created_from')).toBe('2023-01-08T11:58:00.000Z');
    expect(running?.query.getAll('state[]')).toEqual(expect.arrayContaining(['scheduled', 'running', 'failing', 'canceling']));
    // Blocked builds are finished for Buildkite: the finished query finds them, they are not waited for.
    expect(running?.query.getAll('state[]')).not.toContain('blocked');
    expect(page.builds.map((b) => [b.job.id, b.number, b.state])).toEqual([
      ['run-tests', 8, 'pending'],
      ['run-tests', 7, 'pending'],
      ['pipeline-slug', 22, 'failed'],
    ]);
    expect(page.builds[0]?.causes).toEqual([
      { kind: 'webhook', description: 'webhook', actor: 'First Last' },
      { kind: 'retry', description: 'Rebuild of #46', actor: 'First Last' },
    ]);
    expect(page.cursor).toEqual({ provider: 'buildkite', version: 1, finishedFrom: '2023-01-09T09:27:20.357Z', createdFrom: '2023-01-09T09:26:50.971Z' });
  });

  it('follows Link rel="next" on the same host', async () => {
    const deps = testDeps({ clock: fakeClock(start) });
    const buildkite = await buildkiteServing(
      [
        {
          path: BUILDS,
          reply: (request) =>
            request.query.has('finished_from')
              ? json(finishedBuild, 200, { link: `<http://${request.headers.host}${BUILDS}?page=2&per_page=100>; rel="next", <http://${request.headers.host}${BUILDS}?page=9>; rel="last"` })
              : json('[]'),
        },
      ],
      deps,
    );

    await buildkite.listBuildsSince(undefined);

    expect(server?.requests.map((r) => r.query.get('page'))).toEqual([null, '2', null]);
  });

  it('refuses to send the token to another host named in a Link header', async () => {
    const deps = testDeps({ clock: fakeClock(start) });
    const buildkite = await buildkiteServing(orgBuilds(finishedBuild, finishedBuild, '<https://elsewhere.example.com/v2/builds?page=2>; rel="next"'), deps);

    const page = await buildkite.listBuildsSince(undefined);

    expect(page.problems).toEqual([expect.objectContaining({ error: expect.any(InvalidResponse) })]);
    expect(page.cursor).toMatchObject({ finishedFrom: new Date(start - 24 * 3600_000).toISOString() });
  });

  it('waits out a 429 for as long as RateLimit-Reset says', async () => {
    const deps = testDeps({ clock: fakeClock(start) });
    let calls = 0;
    const buildkite = await buildkiteServing(
      [{ path: BUILDS, reply: () => (calls++ === 0 ? json('{"message":"rate limited"}', 429, { 'ratelimit-remaining': '0', 'ratelimit-reset': '17', 'ratelimit-limit': '200' }) : json('[]')) }],
      deps,
    );

    const page = await buildkite.listBuildsSince(undefined);

    expect(page.complete).toBe(true);
    expect(deps.clock.sleeps).toEqual([17_000]);
  });
});

describe('Buildkite states', () => {
  it.each([
    ['scheduled', 'pending'],
    ['waiting', 'pending'],
    ['creating', 'pending'],
    ['running', 'in_progress'],
    ['failing', 'in_progress'],
    ['canceling', 'in_progress'],
    ['passed', 'successful'],
    ['failed', 'failed'],
    ['canceled', 'cancelled'],
    ['skipped', 'cancelled'],
    ['not_run', 'cancelled'],
    ['something_new', 'unknown'],
  ])('%s: %s', (raw, state) => {
    expect(buildkiteState(raw)).toBe(state);
  });

  it.each([
    ['passed', 'successful'],
    ['', 'successful'],
    [null, 'successful'],
    ['failed', 'failed'],
  ])('blocked with blocked_state %p: finished, %s', (blockedState, state) => {
    expect(buildkiteState('blocked', blockedState)).toBe(state);
  });
});
