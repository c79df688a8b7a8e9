import { z } from 'zod';

/**
 * Where the last Buildkite sync stopped, in the server's own timestamps.
 *
 * A running build has no `finished_at`, so one query cannot catch both new and finishing builds.
 * Each sync asks twice, organisation-wide:
 *   1. `finished_from=finishedFrom`: every build that finished since, including builds first
 *      seen running by an earlier sync, whenever they were created;
 *   2. `created_from=createdFrom` with the unfinished states: builds started since, so they show
 *      as in progress before they finish.
 * Both cursors move to the newest timestamp seen, minus an overlap for builds that become
 * visible late; builds seen twice are the same build (same id) and the caller upserts them.
 */
export const buildkiteCursorSchema = z.object({
  provider: z.literal('buildkite'),
  version: z.literal(1),
  finishedFrom: z.iso.datetime({ offset: true }),
  createdFrom: z.iso.datetime({ offset: true }),
});
export type BuildkiteCursor = z.infer<typeof buildkiteCursorSchema>;

export const UNFINISHED_STATES = ['scheduled', 'running', 'blocked', 'failing', 'canceling', 'creating', 'waiting'] as const;

/** The newer of a cursor time and the newest of some server timestamps. */
export function advance(current: string, seen: readonly (string | null | undefined)[]): string {
  let best = Date.parse(current);
  for (const value of seen) {
    const time = value ? Date.parse(value) : NaN;
    if (Number.isFinite(time) && time > best) best = time;
  }
  return new Date(best).toISOString();
}
