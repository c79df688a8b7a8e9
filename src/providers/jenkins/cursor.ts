import { z } from 'zod';
import type { JenkinsJob } from './map-jobs';

/**
 * Where the last sync of one Jenkins stopped: per job (by full name), the last build number seen
 * and the builds that were still open then. Small on purpose: the caller stores it between runs.
 */
export const jenkinsCursorSchema = z.object({
  provider: z.literal('jenkins'),
  version: z.literal(1),
  /** The instance had more than STEPWISE_JOBS jobs at the last run: read its jobs step by step (discover.ts). */
  stepwise: z.literal(true).optional(),
  jobs: z.record(
    z.string(),
    z.object({
      last: z.number().int().nonnegative(),
      open: z.array(z.number().int().positive()).max(50).optional(),
    }),
  ),
});
export type JenkinsCursor = z.infer<typeof jenkinsCursorSchema>;
export type JenkinsCursorEntry = JenkinsCursor['jobs'][string];

export interface SyncLimits {
  /** Builds read from a job the sync has not seen before. */
  readonly initialBuilds: number;
  /** New builds read per job and run; older new builds are skipped (a burst larger than this in one interval). */
  readonly maxNewBuilds: number;
  /**
   * How far back one request may reach for a build still open since an earlier run. Past 100,
   * the request uses `allBuilds`; open builds older than this are given up.
   */
  readonly maxRange: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = { initialBuilds: 10, maxNewBuilds: 50, maxRange: 300 };

export interface JobPlan {
  readonly job: JenkinsJob;
  /** How many of the newest builds to request (a `{0,count}` range). */
  readonly count: number;
  readonly wanted: (number: number) => boolean;
}

/**
 * What to fetch for one job, or null when nothing can have changed: no build newer than the
 * last one seen and no build still open. A job whose last build number went down (recreated, or
 * its builds deleted) is read as if new. Build numbers can have gaps, so a `{0,n}` range of the
 * newest builds always reaches back at least to build `last - n + 1`.
 */
export function planJob(job: JenkinsJob, entry: JenkinsCursorEntry | undefined, limits: SyncLimits): JobPlan | null {
  const last = job.lastBuild;
  if (last === null) return null;
  if (!entry || last < entry.last) {
    return { job, count: Math.min(limits.initialBuilds, last), wanted: () => true };
  }
  const open = new Set(entry.open ?? []);
  if (last === entry.last && open.size === 0) return null;
  const newest = Math.min(last - entry.last, limits.maxNewBuilds);
  const reachOpen = open.size ? last - Math.min(...open) + 1 : 0;
  const count = Math.min(Math.max(newest, reachOpen), limits.maxRange);
  return { job, count, wanted: (n) => (n > entry.last && n > last - newest) || open.has(n) };
}
