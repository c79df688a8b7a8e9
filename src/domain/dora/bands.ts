/**
 * The bands of the 2024 Accelerate State of DevOps report (DORA, Google Cloud), chapter "Software
 * delivery performance", table of performance levels (elite 19%, high 22%, medium 35%, low 25% of
 * respondents). Checked against https://dora.dev/research/2024/dora-report/ and its summaries
 * (e.g. https://octopus.com/blog/2024-devops-performance-clusters).
 *
 * The report describes clusters, not cut-offs, and two of them overlap: medium's typical change
 * fail rate (10%) is below high's (20%), and high and medium both recover in less than a day. A
 * figure therefore gets the BEST band whose bound it meets (for change fail rate: does not
 * exceed that band's typical rate), and low otherwise. So medium is never given for those two
 * measures; the page shows the report's own words next to each band so nobody reads more into it.
 * Rework rate (added in 2025) has no bands in any report.
 */
export const BAND_LEVELS = ['elite', 'high', 'medium', 'low'] as const;
export type BandLevel = (typeof BAND_LEVELS)[number];

export const BANDED_MEASURES = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'recoveryTime'] as const;
export type BandedMeasure = (typeof BANDED_MEASURES)[number];

export const DORA_BANDS_SOURCE = {
  title: 'Accelerate State of DevOps Report 2024',
  publisher: 'DORA, Google Cloud',
  year: 2024,
  url: 'https://dora.dev/research/2024/dora-report/',
  rule: 'Each figure gets the best band whose bound it meets, low otherwise. The report describes clusters: its medium cluster fails less often (10%) than its high one (20%) and both recover in under a day, so medium is never given for change failure rate or recovery time.',
} as const;

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface BandRule {
  readonly level: BandLevel;
  /** The report's words for this level. */
  readonly reportText: string;
  /** The bound a figure must meet for this band; null for the last band (everything else). */
  readonly bound: number | null;
  readonly comparison: 'atLeast' | 'atMost' | 'below';
}

/** Units: deploys per day; seconds; a ratio 0..1; seconds. */
export const DORA_2024_BANDS: Readonly<Record<BandedMeasure, readonly BandRule[]>> = {
  deploymentFrequency: [
    { level: 'elite', reportText: 'On demand (multiple deploys per day)', bound: 1, comparison: 'atLeast' },
    { level: 'high', reportText: 'Between once per day and once per week', bound: 1 / 7, comparison: 'atLeast' },
    { level: 'medium', reportText: 'Between once per week and once per month', bound: 1 / 30, comparison: 'atLeast' },
    { level: 'low', reportText: 'Between once per month and once every six months', bound: null, comparison: 'atLeast' },
  ],
  leadTime: [
    { level: 'elite', reportText: 'Less than one day', bound: DAY, comparison: 'below' },
    { level: 'high', reportText: 'Between one day and one week', bound: 7 * DAY, comparison: 'atMost' },
    { level: 'medium', reportText: 'Between one week and one month', bound: 30 * DAY, comparison: 'atMost' },
    { level: 'low', reportText: 'Between one month and six months', bound: null, comparison: 'atMost' },
  ],
  changeFailureRate: [
    { level: 'elite', reportText: '5%', bound: 0.05, comparison: 'atMost' },
    { level: 'high', reportText: '20%', bound: 0.2, comparison: 'atMost' },
    { level: 'medium', reportText: '10%', bound: 0.1, comparison: 'atMost' },
    { level: 'low', reportText: '40%', bound: null, comparison: 'atMost' },
  ],
  recoveryTime: [
    { level: 'elite', reportText: 'Less than one hour', bound: HOUR, comparison: 'below' },
    { level: 'high', reportText: 'Less than one day', bound: DAY, comparison: 'below' },
    { level: 'medium', reportText: 'Less than one day', bound: DAY, comparison: 'below' },
    { level: 'low', reportText: 'Between one week and one month', bound: null, comparison: 'below' },
  ],
};

function meets(value: number, rule: BandRule): boolean {
  if (rule.bound === null) return true;
  if (rule.comparison === 'atLeast') return value >= rule.bound;
  if (rule.comparison === 'atMost') return value <= rule.bound;
  return value < rule.bound;
}

/** The band of a figure; null when there is no figure (no deploys, no changes, no failures). */
export function bandOf(measure: BandedMeasure, value: number | null): BandLevel | null {
  if (value === null || !Number.isFinite(value)) return null;
  return DORA_2024_BANDS[measure].find((rule) => meets(value, rule))?.level ?? 'low';
}
