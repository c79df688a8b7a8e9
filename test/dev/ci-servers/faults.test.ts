import { startCiStandIns, DEMO_CREDENTIALS, type CiStandIns } from '../../../dev/ci-servers';
import { InvalidResponse, ServiceUnavailable } from '../../../src/domain/errors';
import { buildkiteConnection, circleCiConnection, jenkinsConnection, providerFor, testClock, type TestClock } from './support';

let ci: CiStandIns;
let clock: TestClock;

beforeEach(async () => {
  clock = testClock();
  ci = await startCiStandIns({ world: { clock: clock.now } });
});

afterEach(() => ci.close());

const jenkins = () => providerFor(jenkinsConnection(ci.jenkins.url), DEMO_CREDENTIALS.jenkins.apiToken, clock);
const buildkite = () => providerFor(buildkiteConnection(ci.buildkite.url), DEMO_CREDENTIALS.buildkite.apiToken, clock);
const circleci = () => providerFor(circleCiConnection(ci.circleci.url, ci.circleci.projectSlugs), DEMO_CREDENTIALS.circleci.apiToken, clock);

describe('fault injection', () => {
  it('503 for two requests: Jenkins "is getting ready", the client retries and gets through', async () => {
    ci.jenkins.faults.add({ kind: 'unavailable', count: 2 });

    await expect(jenkins().testConnection()).resolves.toMatchObject({ user: 'demo' });
    expect(ci.jenkins.stats.requests).toBe(4);
    expect(ci.jenkins.faults.pending).toBe(0);
  });

  it('503 until cleared: ServiceUnavailable with the quiet-down hint', async () => {
    ci.jenkins.faults.add({ kind: 'unavailable' });

    const error = await jenkins().testConnection().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect((error as ServiceUnavailable).hint).toMatch(/quiet-down/);
    ci.jenkins.faults.clear();
    await expect(jenkins().testConnection()).resolves.toMatchObject({ user: 'demo' });
  });

  it('429 with Retry-After: the client waits that long, then reads on', async () => {
    ci.circleci.faults.add({ kind: 'rateLimited', retryAfterSeconds: 7, count: 1, path: /\/pipeline$/ });
    const before = clock.time;

    const page = await circleci().listBuildsSince(undefined);

    expect(page.complete).toBe(true);
    expect(clock.time - before).toBe(7_000);
  });

  it('an HTML login page instead of JSON is an InvalidResponse', async () => {
    ci.buildkite.faults.add({ kind: 'loginPage', count: 1 });

    const error = await buildkite().testConnection().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as InvalidResponse).message).toMatch(/HTML page/);
  });

  it('truncated JSON is an InvalidResponse', async () => {
    ci.jenkins.faults.add({ kind: 'truncated', count: 1, path: /^\/api\/json$/ });

    await expect(jenkins().listJobs()).rejects.toThrow(/incomplete or malformed JSON/);
  });

  it('latency delays the answer, then answers normally', async () => {
    ci.circleci.faults.add({ kind: 'latency', ms: 150, count: 1 });
    const started = performance.now();

    const answer = await fetch(`${ci.circleci.url}/api/v2/me`, { headers: { 'circle-token': DEMO_CREDENTIALS.circleci.apiToken } });

    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
