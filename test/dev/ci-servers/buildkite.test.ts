import { startBuildkiteStandIn, DEMO_CREDENTIALS, type BuildkiteStandIn } from '../../../dev/ci-servers';
import { AuthError, PermissionError } from '../../../src/domain/errors';
import { buildkiteConnection, providerFor, syncFrom, testClock, type TestClock } from './support';

let buildkite: BuildkiteStandIn;
let clock: TestClock;
const TOKEN = DEMO_CREDENTIALS.buildkite.apiToken;

beforeEach(async () => {
  clock = testClock();
  buildkite = await startBuildkiteStandIn({ world: { clock: clock.now } });
});

afterEach(() => buildkite.close());

const demoBuildkite = (token: string = TOKEN) => providerFor(buildkiteConnection(buildkite.url), token, clock);
const api = (path: string) => fetch(`${buildkite.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
const ORG = '/v2/organizations/demo-org';

describe('the Buildkite stand-in, synced by the real Buildkite provider', () => {
  it('testConnection names the token user and finds no missing scope', async () => {
    await expect(demoBuildkite().testConnection()).resolves.toMatchObject({ provider: 'buildkite', user: 'Demo User', warnings: [] });
  });

  it('first sync: the organisation\'s builds of the last day, deploys on main among them', async () => {
    const page = await demoBuildkite().listBuildsSince(undefined);

    expect(page.complete).toBe(true);
    expect(page.builds.length).toBeGreaterThan(100);
    expect(new Set(page.builds.map((b) => b.job.id))).toEqual(new Set(['storefront', 'deploy', 'payments-api', 'docs-site']));
    const deploy = page.builds.find((b) => b.job.id === 'deploy');
    expect(deploy).toMatchObject({ branch: 'main', state: expect.stringMatching(/successful|failed/), sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(page.builds.some((b) => b.job.id === 'storefront' && b.branch !== 'main')).toBe(true);
  });

  it('second sync with nothing new: at most two requests, and what the provider counted is what the server saw', async () => {
    const provider = demoBuildkite();
    const first = await provider.listBuildsSince(undefined);
    buildkite.stats.reset();

    const second = await syncFrom(provider, first.cursor);

    expect(buildkite.stats.requests).toBe(second.requests);
    expect(buildkite.stats.requests).toBeLessThanOrEqual(2);
    const firstIds = new Set(first.builds.map((b) => `${b.job.id}#${b.number}`));
    expect(second.builds.every((b) => firstIds.has(`${b.job.id}#${b.number}`))).toBe(true);
  });

  it('after grow(): the new builds are found', async () => {
    const provider = demoBuildkite();
    const first = await provider.listBuildsSince(undefined);

    const grown = buildkite.grow(5);
    const second = await syncFrom(provider, first.cursor);

    const shas = new Set(grown.commits.map((i) => buildkite.world.commits.get(i).sha));
    expect(second.builds.filter((b) => b.sha !== null && shas.has(b.sha))).toHaveLength(grown.builds);
  });

  it('a wrong token gets AuthError; a token without read_builds gets PermissionError', async () => {
    await expect(demoBuildkite('wrong').testConnection()).rejects.toBeInstanceOf(AuthError);
    await expect(demoBuildkite('wrong').listBuildsSince(undefined)).rejects.toBeInstanceOf(AuthError);

    const limited = await startBuildkiteStandIn({ world: { clock: clock.now }, tokens: { 'agents-only': ['read_agents'] } });
    try {
      const provider = providerFor(buildkiteConnection(limited.url), 'agents-only', clock);
      await expect(provider.testConnection()).rejects.toBeInstanceOf(PermissionError);
      expect((await fetch(`${limited.url}${ORG}/builds`, { headers: { authorization: 'Bearer agents-only' } })).status).toBe(403);
    } finally {
      await limited.close();
    }
  });
});

describe('the Buildkite list API', () => {
  it('pages with a Link header, newest first', async () => {
    const first = await api(`${ORG}/builds?per_page=10`);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    const second = await fetch(next, { headers: { authorization: `Bearer ${TOKEN}` } });

    const a = (await first.json()) as { created_at: string }[];
    const b = (await second.json()) as { created_at: string }[];
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(10);
    const times = [...a, ...b].map((x) => Date.parse(x.created_at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(second.headers.get('link')).toMatch(/rel="prev"/);
  });

  it('filters by finished_from, created_from and state[]', async () => {
    const since = new Date(clock.time - 3 * 3600_000).toISOString();
    const finished = (await (await api(`${ORG}/builds?per_page=100&finished_from=${since}`)).json()) as { finished_at: string | null }[];
    const created = (await (await api(`${ORG}/builds?per_page=100&created_from=${since}`)).json()) as { created_at: string }[];
    const failed = (await (await api(`${ORG}/builds?per_page=100&state[]=failed&state[]=canceled`)).json()) as { state: string }[];

    expect(finished.every((b) => b.finished_at !== null && b.finished_at >= since)).toBe(true);
    expect(created.every((b) => b.created_at >= since)).toBe(true);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((b) => b.state === 'failed' || b.state === 'canceled')).toBe(true);
  });

  it('shows a build as scheduled, then running, then finished as time passes', async () => {
    const growing = await startBuildkiteStandIn({ world: { clock: clock.now, growing: { commitEveryMs: 10_000 } } });
    try {
      const states: string[] = [];
      for (let step = 0; step < 12; step += 1) {
        clock.tick(2_000);
        const [build] = (await (await fetch(`${growing.url}${ORG}/pipelines/storefront/builds?per_page=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { number: number; state: string }[];
        if (build && build.number === growing.model.builds.get(growing.model.builds.length - 1, 'number')) states.push(build.state);
      }
      expect(states).toEqual(expect.arrayContaining(['running']));
      expect(states.some((s) => s === 'passed' || s === 'failed')).toBe(true);
    } finally {
      await growing.close();
    }
  });
});

describe('blocked builds (stopped at a block step, finished for Buildkite)', () => {
  it('are listed as finished, and an idle sync stays at one request', async () => {
    const rows = buildkite.block(15, clock.time - 2 * 3600_000);
    const provider = demoBuildkite();

    const first = await provider.listBuildsSince(undefined);
    clock.tick(5 * 60_000);
    buildkite.stats.reset();
    const idle = await syncFrom(provider, first.cursor);

    expect(rows).toHaveLength(15);
    const blocked = first.builds.filter((b) => b.rawState === 'blocked');
    expect(blocked).toHaveLength(15);
    expect(blocked.every((b) => b.state === 'successful' && b.finishedAt !== null)).toBe(true);
    expect(buildkite.stats.requests).toBe(1);
    expect(idle.requests).toBe(1);
    const open = idle.cursor.provider === 'buildkite' ? (idle.cursor.open ?? []) : [];
    expect(open.filter((o) => blocked.some((b) => b.job.id === o.pipeline && b.number === o.number))).toEqual([]);
  });

  it('the list API: state[]=blocked and the finished shortcut find them; an undocumented state is refused', async () => {
    buildkite.block(3, clock.time - 3600_000);

    const blocked = (await (await api(`${ORG}/builds?state[]=blocked`)).json()) as { state: string; blocked: boolean; blocked_state: string; finished_at: string | null }[];
    const finished = (await (await api(`${ORG}/builds?per_page=100&state=finished`)).json()) as { state: string }[];
    const refused = await api(`${ORG}/builds?state[]=waiting`);

    expect(blocked).toHaveLength(3);
    expect(blocked.every((b) => b.blocked && b.blocked_state === 'passed' && b.finished_at !== null)).toBe(true);
    expect(finished.every((b) => ['passed', 'failed', 'blocked', 'canceled'].includes(b.state))).toBe(true);
    expect(finished.some((b) => b.state === 'blocked')).toBe(true);
    expect(refused.status).toBe(422);
  });
});

describe('exclude_jobs and exclude_pipeline', () => {
  it('leave the jobs and the pipeline out of listed builds and of one build, as Buildkite documents', async () => {
    const full = (await (await api(`${ORG}/builds?per_page=5`)).json()) as Record<string, unknown>[];
    const trimmed = (await (await api(`${ORG}/builds?per_page=5&exclude_jobs=true&exclude_pipeline=true`)).json()) as Record<string, unknown>[];
    const one = (await (await api(`${ORG}/pipelines/storefront/builds/1?exclude_jobs=true&exclude_pipeline=true`)).json()) as Record<string, unknown>;

    expect(full.every((b) => 'jobs' in b && 'pipeline' in b)).toBe(true);
    expect(trimmed.some((b) => 'jobs' in b || 'pipeline' in b)).toBe(false);
    expect(trimmed.map((b) => b['id'])).toEqual(full.map((b) => b['id']));
    expect(one).not.toHaveProperty('jobs');
    expect(one).not.toHaveProperty('pipeline');
    expect(one['url']).toMatch(/\/pipelines\/storefront\/builds\/1$/);
  });
});
