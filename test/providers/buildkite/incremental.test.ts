import { BuildkiteProvider } from '../../../src/providers/buildkite/service';
import type { BuildkiteCursor } from '../../../src/providers/buildkite/cursor';
import { OPEN_REACH_MS } from '../../../src/providers/buildkite/incremental';
import { SECRET, buildkiteAt, fakeClock, testDeps } from '../support/deps';
import { json, startRecordedServer, type RecordedServer, type SeenRequest } from '../support/recorded-server';

/**
 * An organisation's builds served the way Buildkite filters and pages them: newest created first,
 * `created_from` / `created_to` / `finished_from` / `state[]`, 100 a page with a `Link` header.
 */
interface ModelBuild {
  id: string;
  number: number;
  state: string;
  created: number;
  finished: number | null;
}

const BUILDS = '/v2/organizations/acme/builds';
const NOW = Date.parse('2026-11-01T12:00:00Z');
let server: RecordedServer | undefined;
let model: ModelBuild[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  model = [];
});

function add(number: number, state: string, created: number, finished: number | null = state === 'running' ? null : created + 60_000): ModelBuild {
  const build = { id: `b-${number}`, number, state, created, finished };
  model.push(build);
  return build;
}

function wire(b: ModelBuild) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    id: b.id,
    number: b.number,
    state: b.state,
    web_url: `https://buildkite.example.com/acme/app/builds/${b.number}`,
    commit: 'a'.repeat(40),
    branch: 'main',
    message: 'DEMO-1 change',
    source: 'webhook',
    created_at: iso(b.created),
    started_at: iso(b.created + 1000),
    finished_at: iso(b.finished),
    pipeline: { slug: 'app', name: 'App' },
  };
}

function list(request: SeenRequest) {
  const q = request.query;
  const time = (name: string) => (q.get(name) ? Date.parse(q.get(name) ?? '') : null);
  const [createdFrom, createdTo, finishedFrom] = [time('created_from'), time('created_to'), time('finished_from')];
  const states = q.getAll('state[]');
  const matching = model
    .filter((b) => createdFrom === null || b.created >= createdFrom)
    .filter((b) => createdTo === null || b.created <= createdTo)
    .filter((b) => finishedFrom === null || (b.finished !== null && b.finished >= finishedFrom))
    .filter((b) => states.length === 0 || states.includes(b.state))
    .sort((a, b) => b.created - a.created);
  const page = Number(q.get('page') ?? '1');
  const items = matching.slice((page - 1) * 100, page * 100);
  const next = new URLSearchParams(q);
  next.set('page', String(page + 1));
  const link = matching.length > page * 100 ? { link: `<http://${request.headers.host}${BUILDS}?${next.toString()}>; rel="next"` } : {};
  return json(JSON.stringify(items.map(wire)), 200, link);
}

async function buildkite(): Promise<BuildkiteProvider> {
  server = await startRecordedServer([
    { path: BUILDS, reply: list },
    { path: '/v2/organizations/acme/pipelines', reply: json(JSON.stringify([{ slug: 'app', name: 'App', repository: 'git@github.com:acme/app.git' }])) },
    {
      path: /^\/v2\/organizations\/acme\/pipelines\/app\/builds\/\d+$/,
      reply: (r) => {
        const found = model.find((b) => b.number === Number(r.path.split('/').pop()));
        return found ? json(JSON.stringify(wire(found))) : json('{"message":"No build found"}', 404);
      },
    },
  ]);
  return new BuildkiteProvider(buildkiteAt(server.url), SECRET, testDeps({ clock: fakeClock(NOW) }));
}

const cursorAt = (createdFrom: number, extra: Partial<BuildkiteCursor> = {}): BuildkiteCursor => ({
  provider: 'buildkite',
  version: 1,
  finishedFrom: new Date(createdFrom).toISOString(),
  createdFrom: new Date(createdFrom).toISOString(),
  // Read a minute ago: these runs have no reason to list the pipelines again.
  pipelines: { readAt: new Date(NOW - 60_000).toISOString(), repositories: { 'https://github.com/acme/app': ['app'] }, none: [] },
  ...extra,
});

describe('incremental Buildkite sync after the first', () => {
  it('nothing new and nothing running: one request, all states, and the cursor stays as it was', async () => {
    add(1, 'passed', NOW - 3_600_000);
    const provider = await buildkite();
    const cursor = cursorAt(NOW - 3_600_000);

    const page = await provider.listBuildsSince(cursor);

    expect(server?.requests).toHaveLength(1);
    expect(server?.requests[0]?.query.get('created_from')).toBe(new Date(NOW - 3_600_000 - 120_000).toISOString());
    expect(server?.requests[0]?.query.getAll('state[]')).toEqual([]);
    expect(page.cursor).toEqual(cursor);
    expect(page.complete).toBe(true);
  });

  it('a running build is followed with the same single query until it finishes', async () => {
    add(1, 'passed', NOW - 600_000);
    const running = add(2, 'running', NOW - 300_000);
    const provider = await buildkite();

    const first = await provider.listBuildsSince(cursorAt(NOW - 900_000));
    expect(first.cursor).toMatchObject({ open: [{ id: 'b-2', pipeline: 'app', number: 2 }] });

    // Newer builds move the cursor past it; it finishes meanwhile
    add(3, 'passed', NOW - 60_000);
    Object.assign(running, { state: 'passed', finished: NOW - 30_000 });
    const second = await provider.listBuildsSince(first.cursor);

    expect(server?.requests).toHaveLength(2);
    expect(Date.parse(server?.requests[1]?.query.get('created_from') ?? '')).toBeLessThanOrEqual(running.created);
    expect(second.builds.map((b) => [b.number, b.state])).toEqual(expect.arrayContaining([[2, 'successful'], [3, 'successful']]));
    expect(second.cursor).not.toHaveProperty('open');
  });

  it('a listing cut at its page limit leaves a gap that the next run reads with created_to, losing nothing', async () => {
    for (let n = 1; n <= 1_050; n++) add(n, 'passed', NOW - 2_000_000 + n * 1_000);
    const provider = await buildkite();

    const first = await provider.listBuildsSince(cursorAt(NOW - 2_000_000));
    expect(first.builds).toHaveLength(1_000);
    expect(first.complete).toBe(false);
    expect(first.cursor).toHaveProperty('gap');

    const second = await provider.listBuildsSince(first.cursor);

    expect(server?.requests.at(-1)?.query.get('created_to')).toBeTruthy();
    const seen = new Set([...first.builds, ...second.builds].map((b) => b.number));
    expect(seen.size).toBe(1_050);
    expect(second.complete).toBe(true);
    expect(second.cursor).not.toHaveProperty('gap');
  });

  it('an open build older than the reach of the query is read by number; one deleted since is dropped', async () => {
    const old = NOW - 2 * OPEN_REACH_MS - 3_600_000;
    add(7, 'passed', old);
    const provider = await buildkite();
    const cursor = cursorAt(NOW - 600_000, {
      open: [
        { id: 'b-7', pipeline: 'app', number: 7, createdAt: new Date(old).toISOString() },
        { id: 'b-8', pipeline: 'app', number: 8, createdAt: new Date(old + 1000).toISOString() },
      ],
    });

    const page = await provider.listBuildsSince(cursor);

    expect(server?.requests.map((r) => r.path)).toEqual([BUILDS, '/v2/organizations/acme/pipelines/app/builds/7', '/v2/organizations/acme/pipelines/app/builds/8']);
    expect(page.builds.map((b) => [b.number, b.state])).toEqual([[7, 'successful']]);
    expect(page.cursor).not.toHaveProperty('open');
    expect(page.problems).toEqual([expect.objectContaining({ jobId: 'app#8' })]);
  });
});
