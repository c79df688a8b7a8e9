import { DORA_2024_BANDS, type BandLevel, type Figures, type Measure, type Trend } from '../../../src/shared/contract/dora';
import { plural } from '../../shared/src/words';
import { formatDuration, formatRate, formatShare } from './format';

export type ChartKind = 'bar' | 'line';
/** How a series' values are drawn: counts as they are, shares as percentages, durations in a readable unit. */
export type SeriesUnit = 'count' | 'share' | 'duration';

export interface MeasureView {
  readonly measure: Measure;
  readonly title: string;
  /** What the figure means, in one line. */
  readonly description: string;
  /** The main figure, or null when there is nothing to measure in the period. */
  readonly value: string | null;
  readonly detail: string;
  readonly trend: Trend;
  /** A second trend shown under the first (lead time's 90th percentile). */
  readonly secondTrend?: { readonly label: string; readonly trend: Trend };
  /** Undefined: the report defines no band for this measure. */
  readonly band: BandLevel | null | undefined;
  readonly bandText: string | null;
  readonly series: Figures['measures']['leadTime']['series'];
  readonly chart: ChartKind;
  readonly unit: SeriesUnit;
  readonly seriesLabel: string;
}

type BandedMeasure = keyof typeof DORA_2024_BANDS;

function bandText(measure: BandedMeasure, level: BandLevel | null): string | null {
  return DORA_2024_BANDS[measure].find((rule) => rule.level === level)?.reportText ?? null;
}

/** The five cards, in the order the DORA reports list the measures. */
export function measureViews(figures: Figures): MeasureView[] {
  const { deploymentFrequency: df, leadTime: lt, changeFailureRate: cfr, recoveryTime: rt, reworkRate: rw } = figures.measures;
  const bucket = figures.period.granularity;
  return [
    {
      measure: 'deploymentFrequency',
      title: 'Deployment frequency',
      description: 'Successful deploys per day and per week',
      value: `${formatRate(df.value)} per day`,
      detail: `${formatRate(df.perWeek)} per week · ${plural(df.deploys, 'successful deploy')}`,
      trend: df.trend,
      band: df.band,
      bandText: bandText('deploymentFrequency', df.band),
      series: df.series,
      chart: 'bar',
      unit: 'count',
      seriesLabel: `Successful deploys per ${bucket}`,
    },
    {
      measure: 'leadTime',
      title: 'Lead time for changes',
      description: 'From a commit to its first successful deploy',
      value: lt.value === null ? null : `${formatDuration(lt.value)} median`,
      detail: `${lt.p90 === null ? 'No 90th percentile' : `90th percentile ${formatDuration(lt.p90)}`} · ${plural(lt.changes, 'change')}`,
      trend: lt.trend,
      secondTrend: { label: '90th percentile', trend: lt.p90Trend },
      band: lt.band,
      bandText: bandText('leadTime', lt.band),
      series: lt.series,
      chart: 'line',
      unit: 'duration',
      seriesLabel: `Median lead time per ${bucket}`,
    },
    {
      measure: 'changeFailureRate',
      title: 'Change failure rate',
      description: 'Deploys that failed, were rolled back or caused an incident',
      value: cfr.value === null ? null : formatShare(cfr.value),
      detail: `${cfr.failures} of ${plural(cfr.deploys, 'finished deploy')}`,
      trend: cfr.trend,
      band: cfr.band,
      bandText: bandText('changeFailureRate', cfr.band),
      series: cfr.series,
      chart: 'bar',
      unit: 'share',
      seriesLabel: `Change failure rate per ${bucket}`,
    },
    {
      measure: 'recoveryTime',
      title: 'Failed deployment recovery time',
      description: 'From a failing deploy to the next successful one, or its incident’s resolution',
      value: rt.value === null ? null : `${formatDuration(rt.value)} median`,
      detail: `${plural(rt.recoveries, 'recovery', 'recoveries')} · ${rt.open} not recovered yet`,
      trend: rt.trend,
      band: rt.band,
      bandText: bandText('recoveryTime', rt.band),
      series: rt.series,
      chart: 'line',
      unit: 'duration',
      seriesLabel: `Median recovery time per ${bucket}`,
    },
    {
      measure: 'reworkRate',
      title: 'Rework rate',
      description: 'Deploys that were unplanned fixes (added by the 2025 report)',
      value: rw.value === null ? null : formatShare(rw.value),
      detail: `${rw.fixes} of ${plural(rw.deploys, 'deploy')} were fixes`,
      trend: rw.trend,
      band: undefined,
      bandText: null,
      series: rw.series,
      chart: 'bar',
      unit: 'share',
      seriesLabel: `Rework rate per ${bucket}`,
    },
  ];
}

/** Whether the period has anything to show: no deploy of any kind means an empty page, not five zeros. */
export function hasDeploys(figures: Figures): boolean {
  const m = figures.measures;
  return m.deploymentFrequency.deploys > 0 || m.changeFailureRate.deploys > 0 || m.reworkRate.deploys > 0;
}
