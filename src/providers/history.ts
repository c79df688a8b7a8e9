import { z } from 'zod';
import type { Build } from '../domain/build';
import type { DomainError } from '../domain/errors';
import type { SyncProblem } from './sync-problem';

/**
 * Where a history import stands on one connection: how far back it has read, per provider, in
 * the provider's own terms. Separate from the sync cursor on purpose: the regular sync moves
 * forward from its own cursor and never waits for the import, which moves backward from here.
 */
const iso = z.iso.datetime({ offset: true });

/** Jenkins: jobs in order of their id; in the current job, the oldest build number read and the `allBuilds` index reached. */
export const jenkinsHistorySchema = z.object({
  provider: z.literal('jenkins'),
  version: z.literal(1),
  job: z.string().optional(),
  last: z.number().int().nonnegative().optional(),
  skip: z.number().int().nonnegative(),
  jobsDone: z.number().int().nonnegative(),
  jobsTotal: z.number().int().nonnegative(),
});

/** Buildkite: builds created before `createdTo` are still to read; `seen` are the ids at that instant already read. */
export const buildkiteHistorySchema = z.object({
  provider: z.literal('buildkite'),
  version: z.literal(1),
  from: iso,
  createdTo: iso,
  seen: z.array(z.string().max(64)).max(100),
});

/** CircleCI: projects in the connection's order; in the current one, the page being read and the lowest pipeline number read. */
export const circleCiHistorySchema = z.object({
  provider: z.literal('circleci'),
  version: z.literal(1),
  from: iso,
  project: z.string().optional(),
  pageToken: z.string().max(2048).optional(),
  below: z.number().int().optional(),
  projectsDone: z.number().int().nonnegative(),
});

export const historyPositionSchema = z.discriminatedUnion('provider', [jenkinsHistorySchema, buildkiteHistorySchema, circleCiHistorySchema]);
export type HistoryPosition = z.infer<typeof historyPositionSchema>;

export interface HistoryRequest {
  /** The oldest start time wanted (ISO): nothing older is read. */
  readonly until: string;
  /** Builds one call returns at most, so one invocation can plan and write them. */
  readonly maxBuilds: number;
}

export interface HistoryPage {
  /** Builds read this call, none of them read by an earlier call of the same import. */
  readonly builds: readonly Build[];
  /** Pass it to the next call. */
  readonly position: HistoryPosition;
  /** True once everything back to `until` has been read. */
  readonly done: boolean;
  /** Rough share of the whole import done after this call, from 0 to 1. */
  readonly fractionDone: number;
  readonly stoppedBy: DomainError | null;
  readonly problems: readonly SyncProblem[];
  readonly requests: number;
}

/** How much of [until, from] lies at or after `reached`, from 0 to 1. */
export function timeFraction(from: number, until: number, reached: number | null): number {
  if (reached === null || !(from > until)) return 0;
  return Math.min(1, Math.max(0, (from - reached) / (from - until)));
}

/** A stored position read back; null when missing or from another provider or format (the import starts afresh). */
export function parseHistoryPosition(stored: unknown): HistoryPosition | null {
  const parsed = historyPositionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
