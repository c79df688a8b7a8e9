import { randomUUID } from 'node:crypto';
import { startCircleCiStandIn, DEMO_CREDENTIALS, type CircleCiStandIn } from '../../../dev/ci-servers';
import { BuildStore } from '../../../src/storage/build-store';
import { CIRCLECI_SIGNATURE_HEADER, signCircleCi } from '../../../src/webtrigger/build-events/circleci';
import { errorOf, pushPlatform, saveConnectionWithWebhook, sendEvent } from './support';

const platform = pushPlatform();
let ci: CircleCiStandIn;
let hook: { hookId: string; secret: string };
let slug: string;
const SHA = 'c1c1000000000000000000000000000000000001';

function anEvent(overrides: { id?: string; type?: string; number?: number; status?: string; happenedAt?: string } = {}): string {
  return JSON.stringify({
    id: overrides.id ?? randomUUID(),
    type: overrides.type ?? 'workflow-completed',
    happened_at: overrides.happenedAt ?? new Date().toISOString(),
    webhook: { id: 'wh-1', name: 'Deploy Tracker' },
    project: { id: 'p-1', name: 'storefront', slug },
    organization: { id: 'o-1', name: 'demo-org' },
    workflow: { id: randomUUID(), name: 'build', created_at: '2026-11-01T10:00:00Z', stopped_at: '2026-11-01T10:03:00Z', url: 'https://app.circleci.com/x', status: overrides.status ?? 'success' },
    pipeline: {
      id: randomUUID(),
      number: overrides.number ?? 5000,
      created_at: '2026-11-01T09:59:58Z',
      trigger: { type: 'webhook' },
      vcs: { revision: SHA, branch: 'main', commit: { subject: 'DEMO-4 faster checkout', body: '' }, origin_repository_url: 'https://github.com/demo-org/storefront' },
    },
  });
}

function send(body: string, signature: string | null = signCircleCi(hook.secret, body)) {
  return sendEvent(platform, 'build-events-circleci', { hookId: hook.hookId, headers: signature === null ? {} : { [CIRCLECI_SIGNATURE_HEADER]: signature }, body });
}

beforeAll(async () => {
  ci = await startCircleCiStandIn({ world: { growing: false } });
  slug = ci.projectSlugs[0] ?? 'gh/demo-org/storefront';
  hook = await saveConnectionWithWebhook({ kind: 'circleci', id: 'cc-1', name: 'CircleCI', projectSlugs: [slug], apiBaseUrl: ci.url, mode: 'pushed' }, DEMO_CREDENTIALS.circleci.apiToken);
});

afterAll(async () => {
  await ci.close();
  platform.close();
});

describe('CircleCI build events', () => {
  it('records a signed workflow-completed as the pipeline build the poll would name', async () => {
    const response = await send(anEvent());
    expect(response.statusCode).toBe(201);
    expect(await new BuildStore().get('cc-1', slug, 5000)).toMatchObject({ provider: 'circleci', state: 'successful', sha: SHA, branch: 'main' });
    // The payload's pipeline names its repository as the API does, so the build's commit links too.
    expect((await new BuildStore().get('cc-1', slug, 5000))?.repositoryUrl).toBe('https://github.com/demo-org/storefront');
  });

  it.each([
    ['missing', () => null, 401, 'missing_signature'],
    ['malformed', () => 'v1=xyz', 401, 'malformed_signature'],
    ['bad', () => `v1=${'0'.repeat(64)}`, 403, 'bad_signature'],
  ])('refuses a %s signature, writing nothing and reading at most once', async (_label, signature, status, code) => {
    const body = anEvent({ number: 5099 });
    platform.kvs.resetStats();
    const response = await send(body, signature());
    expect(response.statusCode).toBe(status);
    expect(errorOf(response)).toBe(code);
    expect(platform.kvs.stats.writes).toBe(0);
    expect(platform.kvs.stats.reads).toBeLessThanOrEqual(1);
  });

  it('refuses an old event and a replayed event id, writing nothing', async () => {
    // Given an event two days old, and an event id that was accepted
    const old = anEvent({ number: 5098, happenedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    const id = randomUUID();
    expect((await send(anEvent({ id, number: 5001 }))).statusCode).toBe(201);
    platform.kvs.resetStats();

    // When each arrives (the replay re-sent as CircleCI re-delivers: same id)
    const stale = await send(old);
    const replay = await send(anEvent({ id, number: 5001, status: 'failed' }));

    // Then both are refused and nothing is written
    expect(errorOf(stale)).toBe('stale_event');
    expect(errorOf(replay)).toBe('replayed');
    expect(platform.kvs.stats.writes).toBe(0);
    expect(await new BuildStore().get('cc-1', slug, 5001)).toMatchObject({ state: 'successful' });
  });

  it('never reopens a finished pipeline for a job-completed that arrives after its workflow-completed', async () => {
    expect((await send(anEvent({ number: 5002, status: 'failed' }))).statusCode).toBe(201);
    const late = await send(anEvent({ number: 5002, type: 'job-completed' }));
    expect(late.statusCode).toBe(200);
    expect(await new BuildStore().get('cc-1', slug, 5002)).toMatchObject({ state: 'failed' });
  });

  it('reads the pipeline once when a workflow event cannot say the whole pipeline\'s outcome', async () => {
    // Given a pipeline CircleCI knows, with all its workflows
    const listed = await fetch(`${ci.url}/api/v2/project/${slug}/pipeline`, { headers: { 'Circle-Token': DEMO_CREDENTIALS.circleci.apiToken } });
    const [pipeline] = ((await listed.json()) as { items: { number: number }[] }).items;
    if (!pipeline) throw new Error('the stand-in has no pipeline');
    const before = ci.stats.requests;

    // When one of its workflows reports
    const response = await send(anEvent({ number: pipeline.number }));

    // Then the app read that pipeline (one targeted read: the pipeline and its workflows) and stored what CircleCI says
    expect(response.statusCode).toBeLessThan(300);
    expect(ci.stats.requests - before).toBeGreaterThan(0);
    expect(ci.stats.requests - before).toBeLessThanOrEqual(3);
    expect(await new BuildStore().get('cc-1', slug, pipeline.number)).toMatchObject({ number: pipeline.number, causes: [expect.objectContaining({ kind: expect.any(String) })] });
  });

  it('ignores a project that is not the connection\'s', async () => {
    const body = anEvent().replace(`"slug":"${slug}"`, '"slug":"gh/other/repo"');
    const response = await send(body);
    expect(response.statusCode).toBe(202);
  });
});
