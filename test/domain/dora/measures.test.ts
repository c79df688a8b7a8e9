import { bandOf } from '../../../src/domain/dora/bands';
import { figuresOf, periodOf } from '../../../src/domain/dora/figures';
import { dayFactsOf, type DoraDeploy } from '../../../src/domain/dora/history';

const H = 3600_000;
const DAY = 24 * H;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const TODAY = Date.parse('2026-12-07T00:00:00Z');

function deploy(id: string, startedAt: number, init: Partial<DoraDeploy> = {}): DoraDeploy {
  return { id, startedAt, finishedAt: startedAt + 0.5 * H, state: 'successful', commits: [], isFix: false, incidents: [], ...init };
}
const commit = (sha: string, at: number) => ({ sha, timestamp: at });

function figures(deploys: DoraDeploy[], days: 7 | 30 | 90 = 7) {
  const period = periodOf(days, NOW);
  return figuresOf(dayFactsOf(deploys, period.previousFrom), period);
}

describe('DORA measures on hand-built histories', () => {
  it('an empty period has no figures, no bands and no trends, and still a full series of buckets', () => {
    const f = figures([]);
    expect(f.deploymentFrequency).toMatchObject({ value: 0, deploys: 0, band: null, trend: { direction: 'same' } });
    expect(f.leadTime).toMatchObject({ value: null, p90: null, band: null, trend: { direction: null } });
    expect(f.changeFailureRate).toMatchObject({ value: null, band: null });
    expect(f.recoveryTime).toMatchObject({ value: null, band: null, open: 0 });
    expect(f.reworkRate.value).toBeNull();
    expect(f.deploymentFrequency.series).toHaveLength(7);
    expect(figures([], 90).leadTime.series).toHaveLength(13);
  });

  it('counts successful deploys per day and per week, with the trend against the previous 7 days', () => {
    // Given 14 successful deploys this week and 7 the week before
    const now = Array.from({ length: 14 }, (_, i) => deploy(`n${i}`, TODAY - (i % 7) * DAY + H));
    const before = Array.from({ length: 7 }, (_, i) => deploy(`b${i}`, TODAY - (7 + i) * DAY + H));
    const f = figures([...now, ...before]);
    expect(f.deploymentFrequency).toMatchObject({ value: 2, perWeek: 14, deploys: 14, band: 'elite' });
    expect(f.deploymentFrequency.trend).toEqual({ previous: 1, change: 1, direction: 'better' });
    expect(f.deploymentFrequency.series.map((p) => p.value)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });

  it('a deploy with no commits counts as a deploy and adds no lead time', () => {
    const f = figures([deploy('a', TODAY + H)]);
    expect(f.deploymentFrequency.deploys).toBe(1);
    expect(f.leadTime).toMatchObject({ value: null, changes: 0 });
  });

  it('lead time runs from each commit to its FIRST successful deploy: median and p90', () => {
    // Given commits 1..10 hours before a deploy that finishes at TODAY+1h, and a later deploy repeating two of them
    const done = TODAY + H;
    const commits = Array.from({ length: 10 }, (_, i) => commit(`c${i + 1}`, done - (i + 1) * H));
    const first = deploy('first', TODAY + 0.5 * H, { finishedAt: done, commits });
    const failed = deploy('failed', TODAY - DAY, { state: 'failed', commits: [commit('x', TODAY - 2 * DAY)] });
    const again = deploy('again', TODAY + 2 * H, { commits: [commits[0] ?? commit('c1', 0), commit('new', TODAY + H)] });
    const f = figures([first, failed, again]);
    // Then 11 changes: 1..10 hours and 1.5 hours (new, first shipped by `again`, done at +2.5h); a failed deploy ships nothing
    expect(f.leadTime.changes).toBe(11);
    expect(f.leadTime.value).toBe(5 * 3600);
    expect(f.leadTime.p90).toBe(9 * 3600);
    expect(f.leadTime.band).toBe('elite');
  });

  it('a rolled-back deploy is a failure, recovered by the next successful deploy', () => {
    const bad = deploy('bad', TODAY + H, { state: 'rolled_back', finishedAt: TODAY + 2 * H });
    const good = deploy('good', TODAY + 3 * H, { finishedAt: TODAY + 5 * H });
    const f = figures([bad, good]);
    expect(f.changeFailureRate).toMatchObject({ value: 0.5, failures: 1, deploys: 2, band: 'low' });
    expect(f.recoveryTime).toMatchObject({ value: 3 * 3600, recoveries: 1, open: 0, band: 'high' });
    expect(f.deploymentFrequency.deploys).toBe(1);
  });

  it('one deploy with two incidents is one failure, recovered when the later incident is resolved', () => {
    const incidents = [
      { key: 'OPS-1', createdAt: TODAY + 2 * H, resolvedAt: TODAY + 3 * H },
      { key: 'OPS-2', createdAt: TODAY + 2 * H, resolvedAt: TODAY + 4 * H },
    ];
    const f = figures([deploy('a', TODAY, { incidents }), deploy('b', TODAY + H), deploy('c', TODAY + 2 * H), deploy('d', TODAY + 3 * H)]);
    expect(f.changeFailureRate).toMatchObject({ value: 0.25, failures: 1, deploys: 4 });
    expect(f.recoveryTime).toMatchObject({ value: 3.5 * 3600, recoveries: 1 });
  });

  it('a failure not recovered yet is open and has no recovery time', () => {
    const f = figures([deploy('a', TODAY + H, { state: 'failed' })]);
    expect(f.recoveryTime).toMatchObject({ value: null, recoveries: 0, open: 1 });
  });

  it('late-arriving data: a deploy synced later that shipped a commit first takes its lead time', () => {
    const c = commit('c', TODAY - 2 * DAY);
    const later = deploy('later', TODAY + H, { finishedAt: TODAY + H, commits: [c] });
    expect(figures([later]).leadTime.value).toBe(2 * DAY / 1000 + 3600);
    const earlier = deploy('earlier', TODAY - DAY, { finishedAt: TODAY - DAY, commits: [c] });
    // When the earlier deploy arrives, the same history gives the commit's lead time to it
    expect(figures([later, earlier]).leadTime).toMatchObject({ value: DAY / 1000, changes: 1 });
    // and a late failure's recovery is found from the deploys already there
    const late = deploy('late-failure', TODAY, { state: 'failed', finishedAt: TODAY });
    expect(figures([later, earlier, late]).recoveryTime.value).toBe(3600);
  });

  it('rework rate is the share of finished deploys that were unplanned fixes; cancelled ones do not count', () => {
    const f = figures([deploy('a', TODAY, { isFix: true }), deploy('b', TODAY + H), deploy('c', TODAY + 2 * H, { state: 'cancelled', isFix: true })]);
    expect(f.reworkRate).toMatchObject({ value: 0.5, fixes: 1, deploys: 2 });
  });
});

describe('DORA 2024 bands', () => {
  it('follows the report: frequency, lead time, failure rate, recovery', () => {
    expect([2, 1, 0.5, 1 / 7, 0.1, 1 / 30, 0.01].map((v) => bandOf('deploymentFrequency', v))).toEqual(['elite', 'elite', 'high', 'high', 'medium', 'medium', 'low']);
    expect([3600, 86_400, 86_400 * 7, 86_400 * 30, 86_400 * 31].map((v) => bandOf('leadTime', v))).toEqual(['elite', 'high', 'high', 'medium', 'low']);
    expect([0, 0.05, 0.1, 0.2, 0.21].map((v) => bandOf('changeFailureRate', v))).toEqual(['elite', 'elite', 'high', 'high', 'low']);
    expect([60, 3600, 86_399, 86_400].map((v) => bandOf('recoveryTime', v))).toEqual(['elite', 'high', 'high', 'low']);
    expect(bandOf('leadTime', null)).toBeNull();
  });
});
