import { z } from 'zod';
import { pipelineRepositoriesSchema } from './repository-record';

/**
 * Where the last Buildkite sync stopped, in the server's own timestamps.
 *
 * The first sync asks twice, organisation-wide: `finished_from` (builds that finished in the
 * look-back window) and `created_from` with the unfinished states (builds still running).
 * After that, one query a run is enough when nothing is running: `created_from=createdFrom`
 * in every state lists each new build once, finished or not. Builds seen unfinished are kept in
 * `open` (with their creation time) until a later answer shows them again:
 *   - open builds created less than OPEN_REACH_MS before `createdFrom` are covered by starting
 *     that same query at the oldest of them (still one request);
 *   - older ones (a build blocked for hours) are read one by one, a few a run.
 * A listing cut off at its page limit leaves `gap`: builds created in [from, to] not yet read,
 * which the next runs read with `created_to` until none are left.
 * `finishedFrom` is where the first sync's `finished_from` query left off; later syncs do not
 * need it and leave it alone, so a run that finds nothing leaves the cursor unchanged.
 * `pipelines` is which repository each pipeline builds (repositories.ts); a damaged one is
 * dropped and read again, never the reason the whole cursor starts afresh.
 */
const iso = z.iso.datetime({ offset: true });

export const MAX_OPEN_BUILDS = 200;

export const openBuildSchema = z.object({
  id: z.string(),
  pipeline: z.string(),
  number: z.number().int(),
  createdAt: iso,
});
export type OpenBuild = z.infer<typeof openBuildSchema>;

export const buildkiteCursorSchema = z.object({
  provider: z.literal('buildkite'),
  version: z.literal(1),
  finishedFrom: iso,
  createdFrom: iso,
  open: z.array(openBuildSchema).max(MAX_OPEN_BUILDS).optional(),
  gap: z.object({ from: iso, to: iso }).optional(),
  pipelines: pipelineRepositoriesSchema.optional().catch(undefined),
});
export type BuildkiteCursor = z.infer<typeof buildkiteCursorSchema>;
export type CreatedGap = NonNullable<BuildkiteCursor['gap']>;

/**
 * The `state[]` filter values of builds still to finish. `blocked` is finished for Buildkite (its
 * `finished` filter includes it) and `waiting` is not a filter value Buildkite documents.
 */
export const UNFINISHED_STATES = ['creating', 'scheduled', 'running', 'failing', 'canceling'] as const;

/** The newer of a cursor time and the newest of some server timestamps. */
export function advance(current: string, seen: readonly (string | null | undefined)[]): string {
  let best = Date.parse(current);
  for (const value of seen) {
    const time = value ? Date.parse(value) : NaN;
    if (Number.isFinite(time) && time > best) best = time;
  }
  return new Date(best).toISOString();
}

/** The oldest of some server timestamps, or null when none parses. */
export function oldest(seen: readonly (string | null | undefined)[]): string | null {
  let best = Number.POSITIVE_INFINITY;
  for (const value of seen) {
    const time = value ? Date.parse(value) : NaN;
    if (Number.isFinite(time) && time < best) best = time;
  }
  return Number.isFinite(best) ? new Date(best).toISOString() : null;
}

/** One range covering both gaps: re-reading what lies between them is harmless, losing it is not. */
export function mergeGaps(a: CreatedGap | undefined, b: CreatedGap | undefined): CreatedGap | undefined {
  if (!a || !b) return a ?? b;
  return {
    from: Date.parse(a.from) <= Date.parse(b.from) ? a.from : b.from,
    to: Date.parse(a.to) >= Date.parse(b.to) ? a.to : b.to,
  };
}
