import { bandOf, type BandLevel } from './bands';
import { dayOf, EMPTY_DAY, type DayFacts } from './history';
import { mergeCounted, quantile, totalOf, trendOf, type Trend } from './stats';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Period {
  readonly days: 7 | 30 | 90;
  readonly from: number;
  readonly to: number;
  readonly previousFrom: number;
  readonly granularity: 'day' | 'week';
}

/** The last `days` whole UTC days up to and including today, and the same length before them. */
export function periodOf(days: 7 | 30 | 90, nowMillis: number): Period {
  const to = Date.parse(dayOf(nowMillis)) + DAY_MS;
  const from = to - days * DAY_MS;
  return { days, from, to, previousFrom: from - days * DAY_MS, granularity: days === 90 ? 'week' : 'day' };
}

export interface Point {
  readonly start: string;
  readonly value: number | null;
}

interface Totals {
  readonly deploys: number;
  readonly successes: number;
  readonly failures: number;
  readonly fixes: number;
  readonly leadP50: number | null;
  readonly leadP90: number | null;
  readonly changes: number;
  readonly recovery: number | null;
  readonly recoveries: number;
  readonly open: number;
}

function daysIn(days: ReadonlyMap<string, DayFacts>, from: number, to: number): DayFacts[] {
  const out: DayFacts[] = [];
  for (let t = from; t < to; t += DAY_MS) out.push(days.get(dayOf(t)) ?? EMPTY_DAY);
  return out;
}

function totalsOf(facts: readonly DayFacts[]): Totals {
  const sum = (pick: (f: DayFacts) => number) => facts.reduce((s, f) => s + pick(f), 0);
  const lead = mergeCounted(facts.map((f) => f.leadTimes));
  const recoveries = mergeCounted(facts.map((f) => f.recoveries.map((r) => [r, 1] as const)));
  return {
    deploys: sum((f) => f.deploys),
    successes: sum((f) => f.successes),
    failures: sum((f) => f.failures),
    fixes: sum((f) => f.fixes),
    leadP50: quantile(lead, 0.5),
    leadP90: quantile(lead, 0.9),
    changes: totalOf(lead),
    recovery: quantile(recoveries, 0.5),
    recoveries: totalOf(recoveries),
    open: sum((f) => f.open),
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export interface DomainFigures {
  readonly period: Period;
  readonly deploymentFrequency: { value: number; perWeek: number; deploys: number; trend: Trend; band: BandLevel | null; series: Point[] };
  readonly leadTime: { value: number | null; p90: number | null; changes: number; trend: Trend; p90Trend: Trend; band: BandLevel | null; series: Point[] };
  readonly changeFailureRate: { value: number | null; failures: number; deploys: number; trend: Trend; band: BandLevel | null; series: Point[] };
  readonly recoveryTime: { value: number | null; recoveries: number; open: number; trend: Trend; band: BandLevel | null; series: Point[] };
  readonly reworkRate: { value: number | null; fixes: number; deploys: number; trend: Trend; series: Point[] };
}

/** The five measures for a period and the one before it, from day facts (the rollups or a history). */
export function figuresOf(days: ReadonlyMap<string, DayFacts>, period: Period): DomainFigures {
  const now = totalsOf(daysIn(days, period.from, period.to));
  const before = totalsOf(daysIn(days, period.previousFrom, period.from));
  const step = period.granularity === 'week' ? 7 : 1;
  const buckets: { start: string; totals: Totals }[] = [];
  for (let t = period.from; t < period.to; t += step * DAY_MS) {
    buckets.push({ start: dayOf(t), totals: totalsOf(daysIn(days, t, Math.min(t + step * DAY_MS, period.to))) });
  }
  const series = (pick: (t: Totals) => number | null): Point[] => buckets.map((b) => ({ start: b.start, value: pick(b.totals) }));
  const perDay = (t: Totals) => t.successes / period.days;
  const cfr = (t: Totals) => rate(t.failures, t.deploys);
  const rework = (t: Totals) => rate(t.fixes, t.deploys);
  return {
    period,
    deploymentFrequency: {
      value: perDay(now),
      perWeek: perDay(now) * 7,
      deploys: now.successes,
      trend: trendOf(perDay(now), perDay(before), true),
      band: now.successes === 0 ? null : bandOf('deploymentFrequency', perDay(now)),
      series: series((t) => t.successes),
    },
    leadTime: {
      value: now.leadP50,
      p90: now.leadP90,
      changes: now.changes,
      trend: trendOf(now.leadP50, before.leadP50, false),
      p90Trend: trendOf(now.leadP90, before.leadP90, false),
      band: bandOf('leadTime', now.leadP50),
      series: series((t) => t.leadP50),
    },
    changeFailureRate: {
      value: cfr(now),
      failures: now.failures,
      deploys: now.deploys,
      trend: trendOf(cfr(now), cfr(before), false),
      band: bandOf('changeFailureRate', cfr(now)),
      series: series(cfr),
    },
    recoveryTime: {
      value: now.recovery,
      recoveries: now.recoveries,
      open: now.open,
      trend: trendOf(now.recovery, before.recovery, false),
      band: bandOf('recoveryTime', now.recovery),
      series: series((t) => t.recovery),
    },
    reworkRate: {
      value: rework(now),
      fixes: now.fixes,
      deploys: now.deploys,
      trend: trendOf(rework(now), rework(before), false),
      series: series(rework),
    },
  };
}
