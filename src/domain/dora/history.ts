import type { DeployState } from '../deploy';
import { countedOf, type Counted } from './stats';

/** One deploy to one environment as the measures see it; times in epoch milliseconds. */
export interface DoraDeploy {
  readonly id: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly state: DeployState;
  readonly commits: readonly { readonly sha: string; readonly timestamp: number | null }[];
  /** An unplanned fix, per the project's settings (rework rate). */
  readonly isFix: boolean;
  /** Incidents tied to this deploy (each incident is tied to exactly one deploy, stored). */
  readonly incidents: readonly DoraIncident[];
}

export interface DoraIncident {
  readonly key: string;
  readonly createdAt: number;
  readonly resolvedAt: number | null;
}

/** What one day (UTC) adds to each measure; days are summed into periods and chart buckets. */
export interface DayFacts {
  /** Finished deploys started that day: successful, failed or rolled back (cancelled and running ones do not count). */
  readonly deploys: number;
  readonly successes: number;
  /** Of `deploys`, those that failed, were rolled back or caused an incident: each deploy once. */
  readonly failures: number;
  readonly fixes: number;
  /** Seconds from commit to its first successful deploy, for deploys that succeeded that day. */
  readonly leadTimes: Counted;
  /** Seconds to recover, for failing deploys started that day that have recovered. */
  readonly recoveries: readonly number[];
  /** Failing deploys started that day not recovered yet. */
  readonly open: number;
}

export const EMPTY_DAY: DayFacts = { deploys: 0, successes: 0, failures: 0, fixes: 0, leadTimes: [], recoveries: [], open: 0 };

const FINISHED: ReadonlySet<DeployState> = new Set(['successful', 'failed', 'rolled_back']);

export function dayOf(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

const doneAt = (d: DoraDeploy) => d.finishedAt ?? d.startedAt;

export type FailureReason = 'failed' | 'rolled_back' | 'incident';

export function failureOf(deploy: DoraDeploy): FailureReason | null {
  if (deploy.state === 'failed' || deploy.state === 'rolled_back') return deploy.state;
  return deploy.state === 'successful' && deploy.incidents.length > 0 ? 'incident' : null;
}

/**
 * Seconds from a failing deploy to recovery: the next successful deploy (for a failed or rolled
 * back one) and the resolution of every incident it caused; the later of the two when both
 * apply. Null while not recovered.
 */
export function recoveryOf(deploy: DoraDeploy, later: readonly DoraDeploy[]): number | null {
  const ends: number[] = [];
  if (deploy.state === 'failed' || deploy.state === 'rolled_back') {
    const next = later.find((d) => d.state === 'successful' && d.startedAt > deploy.startedAt);
    if (!next) return null;
    ends.push(doneAt(next));
  }
  for (const incident of deploy.incidents) {
    if (incident.resolvedAt === null) return null;
    ends.push(incident.resolvedAt);
  }
  return Math.max(0, Math.round((Math.max(...ends) - doneAt(deploy)) / 1000));
}

/**
 * Lead time of each change a successful deploy brought first: commits already shipped by an
 * earlier successful deploy (in `earlier`) count there, not here. Commits without a time are skipped.
 */
export function leadTimesOf(deploy: DoraDeploy, shipped: ReadonlySet<string>): number[] {
  if (deploy.state !== 'successful') return [];
  const seen = new Set<string>();
  const times: number[] = [];
  for (const commit of deploy.commits) {
    if (commit.timestamp === null || shipped.has(commit.sha) || seen.has(commit.sha)) continue;
    seen.add(commit.sha);
    times.push(Math.max(0, Math.round((doneAt(deploy) - commit.timestamp) / 1000)));
  }
  return times;
}

/**
 * Day facts for every day of `deploys` that starts at or after `fromMillis`. `deploys` is the
 * environment's history from early enough that the commits of the window's deploys could have
 * shipped before it (the sync reads it from the oldest commit's time); order does not matter.
 */
export function dayFactsOf(deploys: readonly DoraDeploy[], fromMillis: number): Map<string, DayFacts> {
  const sorted = [...deploys].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  const shipped = new Set<string>();
  const days = new Map<string, { facts: Mutable; lead: number[] }>();
  sorted.forEach((deploy, i) => {
    const counted = deploy.startedAt >= fromMillis && FINISHED.has(deploy.state);
    if (counted) {
      const key = dayOf(deploy.startedAt);
      const day = days.get(key) ?? { facts: { ...EMPTY_DAY, recoveries: [] }, lead: [] };
      days.set(key, day);
      const f = day.facts;
      f.deploys += 1;
      if (deploy.state === 'successful') f.successes += 1;
      if (deploy.isFix) f.fixes += 1;
      day.lead.push(...leadTimesOf(deploy, shipped));
      if (failureOf(deploy)) {
        f.failures += 1;
        const recovery = recoveryOf(deploy, sorted.slice(i + 1));
        if (recovery === null) f.open += 1;
        else f.recoveries.push(recovery);
      }
    }
    if (deploy.state === 'successful') for (const c of deploy.commits) shipped.add(c.sha);
  });
  return new Map([...days].map(([key, { facts, lead }]) => [key, { ...facts, leadTimes: countedOf(lead) }]));
}

type Mutable = { -readonly [K in keyof DayFacts]: K extends 'recoveries' ? number[] : DayFacts[K] };
