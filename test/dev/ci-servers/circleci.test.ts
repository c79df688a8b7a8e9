import { startCircleCiStandIn, DEMO_CREDENTIALS, type CircleCiStandIn } from '../../../dev/ci-servers';
import { AuthError, NotFound } from '../../../src/domain/errors';
import { circleCiConnection, providerFor, syncFrom, testClock, type TestClock } from './support';

let circleci: CircleCiStandIn;
let clock: TestClock;
const TOKEN = DEMO_CREDENTIALS.circleci.apiToken;

beforeEach(async () => {
  clock = testClock();
  circleci = await startCircleCiStandIn({ world: { clock: clock.now } });
});

afterEach(() => circleci.close());

const demoCircleCi = (token: string = TOKEN, slugs: readonly string[] = circleci.projectSlugs) => providerFor(circleCiConnection(circleci.url, slugs), token, clock);
const api = (path: string) => fetch(`${circleci.url}${path}`, { headers: { 'circle-token': TOKEN } });

describe('the CircleCI stand-in, synced by the real CircleCI provider', () => {
  it('testConnection reads /me and every project', async () => {
    await expect(demoCircleCi().testConnection()).resolves.toMatchObject({ provider: 'circleci', user: 'demo-user' });
    expect(circleci.stats.byPath).toEqual({
      '/api/v2/me': 1,
      '/api/v2/project/gh/demo-org/storefront': 1,
      '/api/v2/project/gh/demo-org/storefront-deploy': 1,
    });
  });

  it('first sync: pipelines with their workflows; deploy pipelines run a `deploy` workflow on main', async () => {
    const page = await demoCircleCi().listBuildsSince(undefined);

    expect(page.complete).toBe(true);
    expect(page.builds.filter((b) => b.job.id === 'gh/demo-org/storefront')).toHaveLength(10);
    const deploys = page.builds.filter((b) => b.job.id === 'gh/demo-org/storefront-deploy');
    expect(deploys.length).toBeGreaterThan(0);
    expect(deploys.every((b) => b.branch === 'main' && /^deploy:/.test(b.rawState ?? ''))).toBe(true);
    expect(page.builds.some((b) => (b.rawState ?? '').includes('lint:'))).toBe(true);
  });

  it('second sync with nothing new: exactly one request per project', async () => {
    const provider = demoCircleCi();
    const first = await provider.listBuildsSince(undefined);
    circleci.stats.reset();

    const second = await syncFrom(provider, first.cursor);

    expect(second.builds).toEqual([]);
    expect(circleci.stats.byPath).toEqual({
      '/api/v2/project/gh/demo-org/storefront/pipeline': 1,
      '/api/v2/project/gh/demo-org/storefront-deploy/pipeline': 1,
    });
  });

  it('after grow(): the new pipelines are found', async () => {
    const provider = demoCircleCi();
    const first = await provider.listBuildsSince(undefined);

    const grown = circleci.grow(10);
    const second = await syncFrom(provider, first.cursor);

    expect(second.builds).toHaveLength(grown.builds);
    const shas = new Set(grown.commits.map((i) => circleci.world.commits.get(i).sha));
    expect(second.builds.every((b) => b.sha !== null && shas.has(b.sha))).toBe(true);
  });

  it('a wrong token gets AuthError; an unknown project is NotFound', async () => {
    await expect(demoCircleCi('wrong').testConnection()).rejects.toBeInstanceOf(AuthError);
    await expect(demoCircleCi(TOKEN, ['gh/demo-org/nope']).testConnection()).rejects.toBeInstanceOf(NotFound);
  });

  it('can answer a bad token on project URLs with 404, as CircleCI does', async () => {
    const strict = await startCircleCiStandIn({ world: { clock: clock.now }, badTokenOnProjectsAs404: true });
    try {
      expect((await fetch(`${strict.url}/api/v2/project/gh/demo-org/storefront/pipeline`, { headers: { 'circle-token': 'wrong' } })).status).toBe(404);
      expect((await fetch(`${strict.url}/api/v2/me`, { headers: { 'circle-token': 'wrong' } })).status).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('the CircleCI list API', () => {
  it('pages of 20, newest first, by page-token to the end', async () => {
    const numbers: number[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `?page-token=${encodeURIComponent(token)}` : '';
      const page = (await (await api(`/api/v2/project/gh/demo-org/storefront/pipeline${query}`)).json()) as { items: { number: number }[]; next_page_token: string | null };
      expect(page.items.length).toBeLessThanOrEqual(20);
      numbers.push(...page.items.map((i) => i.number));
      token = page.next_page_token;
    } while (token);

    const count = circleci.model.projects[0]?.pipelines.length ?? 0;
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => count - i));
  });

  it('finds a pipeline, its workflows and their jobs by id, and by number; made-up ids are 404', async () => {
    const pipeline = (await (await api('/api/v2/project/gh/demo-org/storefront/pipeline/5')).json()) as { id: string; number: number };
    const workflows = (await (await api(`/api/v2/pipeline/${pipeline.id}/workflow`)).json()) as { items: { id: string; name: string; pipeline_number: number }[] };
    const workflow = workflows.items[0];
    const jobs = (await (await api(`/api/v2/workflow/${workflow?.id ?? ''}/job`)).json()) as { items: { name: string; dependencies: string[] }[] };

    expect(pipeline.number).toBe(5);
    expect(workflows.items.map((w) => w.name)).toEqual(['build-and-test', 'lint']);
    expect(workflow?.pipeline_number).toBe(5);
    expect(jobs.items.map((j) => j.name)).toEqual(['install', 'test', 'build']);
    expect(jobs.items[1]?.dependencies).toHaveLength(1);
    expect((await api('/api/v2/pipeline/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers in CircleCI\'s Jackson layout ("key" : value)', async () => {
    expect(await (await api('/api/v2/me')).text()).toMatch(/^\{\n {2}"name" : "Demo User"/);
  });
});
