/** A multiset of values as sorted [value, count] pairs: lead times compress well this way. */
export type Counted = readonly (readonly [value: number, count: number])[];

export function countedOf(values: readonly number[]): Counted {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

export function mergeCounted(parts: readonly Counted[]): Counted {
  const counts = new Map<number, number>();
  for (const part of parts) for (const [v, c] of part) counts.set(v, (counts.get(v) ?? 0) + c);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

export function totalOf(counted: Counted): number {
  return counted.reduce((sum, [, c]) => sum + c, 0);
}

/**
 * The q-quantile (0..1) by linear interpolation between closest ranks (the spreadsheet's
 * PERCENTILE.INC), so a lead can check a CSV with a spreadsheet and get the same number.
 */
export function quantile(counted: Counted, q: number): number | null {
  const n = totalOf(counted);
  if (n === 0) return null;
  const rank = q * (n - 1);
  const lower = valueAt(counted, Math.floor(rank));
  const upper = valueAt(counted, Math.ceil(rank));
  return lower + (upper - lower) * (rank - Math.floor(rank));
}

function valueAt(counted: Counted, index: number): number {
  let seen = 0;
  for (const [v, c] of counted) {
    seen += c;
    if (index < seen) return v;
  }
  return counted[counted.length - 1]?.[0] ?? 0;
}

export function median(values: readonly number[]): number | null {
  return quantile(countedOf(values), 0.5);
}

export type TrendDirection = 'better' | 'worse' | 'same';
export interface Trend {
  readonly previous: number | null;
  readonly change: number | null;
  readonly direction: TrendDirection | null;
}

/** Within 1% counts as the same: a lead should not read noise as a trend. */
export function trendOf(current: number | null, previous: number | null, higherIsBetter: boolean): Trend {
  if (current === null || previous === null) return { previous, change: null, direction: null };
  const change = previous === 0 ? null : (current - previous) / Math.abs(previous);
  const same = previous === 0 ? current === 0 : Math.abs(current - previous) <= 0.01 * Math.abs(previous);
  if (same) return { previous, change, direction: 'same' };
  return { previous, change, direction: current > previous === higherIsBetter ? 'better' : 'worse' };
}

/**
 * The same multiset with each value rounded to the nearest step of a log scale (`precision` 0.02:
 * values within 2% share a step), for a day whose lead times would not fit its stored value.
 * A quantile of the result is within `precision` of the exact one.
 */
export function compactCounted(counted: Counted, precision: number): Counted {
  const step = Math.log1p(precision);
  return mergeCounted([counted.map(([v, c]) => [v <= 0 ? 0 : Math.round(Math.exp(Math.round(Math.log(v) / step) * step)), c] as const)]);
}
