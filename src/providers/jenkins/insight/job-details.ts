import type { JobRef } from '../../../domain/build';
import type { BuildBrief, HealthReport, JobDetails, Trend } from '../../../domain/jenkins-insight';
import { itemName, jobRefFromPath } from '../map-jobs';
import { HISTORY_SIZE } from '../tree';
import type { WireJobDetails } from '../wire';
import { brief, jobSummary, summaryAt } from './map-summary';

/** Fewer finished builds than this (passed or failed) say nothing about a trend. */
const MIN_BUILDS_FOR_TREND = 4;
/** A change of success rate between the older and the newer half smaller than this is noise. */
const TREND_THRESHOLD = 0.2;

export function mapJobDetails(wire: WireJobDetails, baseUrl: string, path: readonly string[]): JobDetails {
  const ref: JobRef = jobRefFromPath(baseUrl, path);
  const summary = jobSummary(wire, ref);
  const history = (wire.builds ?? []).map(brief).filter((b): b is BuildBrief => b !== null);
  // Newest first and no longer than asked, even from a server that ignored the `{0,n}` range.
  history.sort((a, b) => b.number - a.number).splice(HISTORY_SIZE);
  const reports: HealthReport[] = (wire.healthReport ?? []).map((r) => ({
    score: typeof r.score === 'number' ? r.score : null,
    description: r.description ?? '',
  }));
  const scores = reports.flatMap((r) => (r.score === null ? [] : [r.score]));
  return {
    summary,
    description: wire.description ? wire.description : null,
    health: { score: scores.length ? Math.min(...scores) : null, reports },
    lastBuild: brief(wire.lastBuild) ?? summary.lastBuild,
    lastSuccessfulBuild: brief(wire.lastSuccessfulBuild),
    lastFailedBuild: brief(wire.lastFailedBuild),
    history,
    successRate: successRate(history),
    trend: trend(history),
    averageDurationMs: averageDuration(history),
    children: (wire.jobs ?? []).flatMap((item) => {
      const name = itemName(item);
      return name ? [summaryAt(baseUrl, [...path, name], item)] : [];
    }),
  };
}

/** Builds that passed or failed: running, cancelled and unknown ones say nothing about health. */
function verdicts(history: readonly BuildBrief[]): boolean[] {
  return history.flatMap((b) => (b.state === 'successful' ? [true] : b.state === 'failed' ? [false] : []));
}

export function successRate(history: readonly BuildBrief[]): number | null {
  const passed = verdicts(history);
  return passed.length ? passed.filter(Boolean).length / passed.length : null;
}

/** The newer half of the finished builds against the older half (history is newest first). */
export function trend(history: readonly BuildBrief[]): Trend | null {
  const passed = verdicts(history);
  if (passed.length < MIN_BUILDS_FOR_TREND) return null;
  const half = Math.floor(passed.length / 2);
  const rate = (part: boolean[]) => part.filter(Boolean).length / part.length;
  const change = rate(passed.slice(0, half)) - rate(passed.slice(passed.length - half));
  if (change >= TREND_THRESHOLD) return 'improving';
  if (change <= -TREND_THRESHOLD) return 'degrading';
  return 'stable';
}

export function averageDuration(history: readonly BuildBrief[]): number | null {
  const durations = history.flatMap((b) => (b.durationMs === null || b.state === 'in_progress' ? [] : [b.durationMs]));
  return durations.length ? Math.round(durations.reduce((sum, d) => sum + d, 0) / durations.length) : null;
}
