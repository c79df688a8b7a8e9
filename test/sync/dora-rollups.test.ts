import { seedDemoSite } from '../../dev/demo/seed';
import { storeDemoDoraHistory } from '../../dev/demo/dora-history';
import type { Deploy } from '../../src/domain/deploy';
import { loadFigures } from '../../src/storage/dora-figures';
import { DoraStore } from '../../src/storage/dora-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { recordIncidents } from '../../src/sync/dora-incidents';
import { rollupDeps, updateDoraRollups } from '../../src/sync/dora-rollups';
import { aDeploy } from '../support/builders';
import { createTestPlatform } from '../support/platform';

const H = 3600_000;
const DAY = 24 * H;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const at = (millis: number) => new Date(millis).toISOString();

const platform = createTestPlatform();
beforeAll(() => platform.install());
afterAll(() => platform.close());

/** Saves deploys as the sync does (DeployStore), then runs the sync's rollup hook on them. */
async function written(project: string, ...deploys: Deploy[]): Promise<void> {
  const items = deploys.map((d) => ({ deploy: { ...d, projectKey: project }, previous: undefined }));
  await new DeployStore().saveAll(items);
  await updateDoraRollups(items, rollupDeps(() => NOW));
}

function release(id: string, startedAt: number, overrides: Partial<Deploy> = {}): Deploy {
  return aDeploy({ id, startedAt: at(startedAt), finishedAt: at(startedAt), issueKeys: [], ...overrides });
}

describe('DORA rollups kept by the sync', () => {
  it("npm start's demo history gives every measure a value, a band and a trend, and 90 days load in at most 5 reads", async () => {
    // Given the demo site and its stored history
    seedDemoSite(platform.site, NOW);
    await storeDemoDoraHistory(NOW);

    // When the page loads 90 days (and the 90 before) from the rollups
    platform.kvs.resetStats();
    const { figures, environment } = await loadFigures('DEMO', 90, undefined, NOW);
    const reads = platform.kvs.stats.reads;

    // Then every measure has a value, the first four a band, and all a trend
    expect(environment?.id).toBe('production');
    expect(reads).toBeLessThanOrEqual(5);
    const { deploymentFrequency, leadTime, changeFailureRate, recoveryTime, reworkRate } = figures;
    for (const m of [deploymentFrequency, leadTime, changeFailureRate, recoveryTime, reworkRate]) {
      expect(m.value).not.toBeNull();
      expect(m.value).toBeGreaterThan(0);
      expect(m.trend.direction).not.toBeNull();
      expect(m.series).toHaveLength(13);
    }
    for (const m of [deploymentFrequency, leadTime, changeFailureRate, recoveryTime]) expect(m.band).not.toBeNull();
    expect(changeFailureRate.failures).toBeGreaterThan(0);
    expect(recoveryTime.recoveries).toBeGreaterThan(0);
  });

  it('a late deploy that shipped a commit first moves its lead time, and a late failure gets its recovery', async () => {
    const today = Date.parse('2026-12-07T00:00:00Z');
    const commit = { sha: 'c'.repeat(40), message: 'fix', author: null, timestamp: at(today - 2 * DAY) };
    // Given a release today carrying a commit from two days ago
    await written('LATE', release('late-2', today + H, { commits: [commit] }));
    expect((await loadFigures('LATE', 7, undefined, NOW)).figures.leadTime.value).toBe((2 * DAY + H) / 1000);

    // When a release of yesterday that already carried it arrives late
    await written('LATE', release('late-1', today - DAY, { commits: [commit] }));
    // Then the commit's lead time is to yesterday's release
    const after = (await loadFigures('LATE', 7, undefined, NOW)).figures;
    expect(after.leadTime).toMatchObject({ value: DAY / 1000, changes: 1 });

    // When a failed deploy of last night arrives late, it is recovered by today's release
    await written('LATE', release('late-failed', today - 2 * H, { state: 'failed', finishedAt: at(today - H) }));
    const withFailure = (await loadFigures('LATE', 7, undefined, NOW)).figures;
    expect(withFailure.changeFailureRate).toMatchObject({ failures: 1, deploys: 3 });
    expect(withFailure.recoveryTime).toMatchObject({ value: 2 * 3600, recoveries: 1 });
  });

  it('an incident is tied once and stays tied; two incidents of one deploy count it once', async () => {
    const today = Date.parse('2026-12-07T00:00:00Z');
    // Given two releases and two incidents opened after the second
    await written('INC', release('inc-1', today + H), release('inc-2', today + 3 * H));
    const incident = (key: string, resolvedAt: number | null) => ({
      key,
      projectKey: 'INC',
      issueType: 'Incident',
      labels: [],
      createdAt: today + 5 * H,
      resolvedAt,
      linkedIssueKeys: [],
    });
    const deps = rollupDeps(() => NOW);
    expect(await recordIncidents('INC', [incident('INC-1', null), incident('INC-2', today + 7 * H)], deps)).toEqual({ tied: 2, updated: 0 });
    let figures = (await loadFigures('INC', 7, undefined, NOW)).figures;
    expect(figures.changeFailureRate).toMatchObject({ failures: 1, deploys: 2, value: 0.5 });
    expect(figures.recoveryTime).toMatchObject({ open: 1, recoveries: 0 });

    // When a deploy between the release and the incidents arrives late, and the first incident is resolved
    await written('INC', release('inc-late', today + 4 * H));
    expect(await recordIncidents('INC', [incident('INC-1', today + 8 * H), incident('INC-2', today + 7 * H)], deps)).toEqual({ tied: 0, updated: 1 });

    // Then both stay tied to the release they were tied to, and it recovered when the last was resolved
    const ties = await new DoraStore().ties('INC', ['2026Q4']);
    expect([...(ties.get('2026Q4')?.values() ?? [])].map((t) => t.deployId)).toEqual(['inc-2', 'inc-2']);
    figures = (await loadFigures('INC', 7, undefined, NOW)).figures;
    expect(figures.changeFailureRate).toMatchObject({ failures: 1, deploys: 3 });
    expect(figures.recoveryTime).toMatchObject({ value: 5 * 3600, recoveries: 1, open: 0 });
  });
});
