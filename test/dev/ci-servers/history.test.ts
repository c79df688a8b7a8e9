import { startBuildkiteStandIn, startCircleCiStandIn, DEMO_CREDENTIALS, type BuildkiteStandIn, type CircleCiStandIn } from '../../../dev/ci-servers';
import type { Build } from '../../../src/domain/build';
import type { HistoryPosition } from '../../../src/providers/history';
import type { Provider } from '../../../src/providers';
import { RequestCounter } from '../../../src/providers';
import { buildkiteConnection, circleCiConnection, providerFor, testClock, type TestClock } from './support';

const DAY = 24 * 3_600_000;

/** Pages through a provider's history in small rounds, as the import's invocations do, and keeps what each round read. */
async function importInRounds(provider: () => Provider, until: number, maxBuilds: number): Promise<{ builds: Build[]; rounds: number; done: boolean }> {
  const builds: Build[] = [];
  let position: HistoryPosition | undefined;
  for (let rounds = 1; rounds <= 500; rounds++) {
    const page = await provider().listBuildsBefore(position, { until: new Date(until).toISOString(), maxBuilds });
    expect(page.stoppedBy).toBeNull();
    builds.push(...page.builds);
    position = page.position;
    if (page.done) return { builds, rounds, done: true };
  }
  return { builds, rounds: 500, done: false };
}

const idOf = (b: Build) => `${b.job.id}#${b.number}`;

describe('history through the stand-ins, in rounds', () => {
  let clock: TestClock;

  describe('Buildkite', () => {
    let buildkite: BuildkiteStandIn;
    beforeEach(async () => {
      clock = testClock();
      buildkite = await startBuildkiteStandIn({ world: { clock: clock.now } });
    });
    afterEach(() => buildkite.close());

    it('given a week of an organisation\'s builds, when read back in rounds of 60, then each build created since is read exactly once and none older', async () => {
      const until = clock.now() - 7 * DAY;
      const provider = () => providerFor(buildkiteConnection(buildkite.url), DEMO_CREDENTIALS.buildkite.apiToken, clock, new RequestCounter(500));

      const { builds, rounds, done } = await importInRounds(provider, until, 60);

      const t = buildkite.model.builds;
      const expected: string[] = [];
      for (let row = 0; row < t.length; row++) {
        const created = t.get(row, 'created');
        if (created < until || created > clock.now()) continue;
        const build = buildkite.model.build(row, clock.now());
        if (build) expected.push(`${build.pipeline.slug}#${build.number}`);
      }
      expect(done).toBe(true);
      expect(rounds).toBeGreaterThan(1);
      const ids = builds.map(idOf);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...expected].sort());
    });
  });

  describe('CircleCI', () => {
    let circleci: CircleCiStandIn;
    beforeEach(async () => {
      clock = testClock();
      circleci = await startCircleCiStandIn({ world: { clock: clock.now } });
    });
    afterEach(() => circleci.close());

    it('given the projects\' pipelines, when read back in small rounds, then the same pipelines as one large read, each once, none older than the date', async () => {
      const until = clock.now() - 7 * DAY;
      const provider = () => providerFor(circleCiConnection(circleci.url, circleci.projectSlugs), DEMO_CREDENTIALS.circleci.apiToken, clock, new RequestCounter(1_000));

      const small = await importInRounds(provider, until, 15);
      const whole = await importInRounds(provider, until, 10_000);

      expect(small.done).toBe(true);
      expect(small.rounds).toBeGreaterThan(1);
      const ids = small.builds.map(idOf);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(whole.builds.map(idOf).sort());
      expect(ids.length).toBeGreaterThan(0);
      expect(small.builds.filter((b) => b.startedAt !== null && Date.parse(b.startedAt) < until)).toEqual([]);
    });
  });
});
