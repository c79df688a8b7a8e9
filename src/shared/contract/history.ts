// zod/mini, as every contract (see contract/resolver.ts).
import * as z from 'zod/mini';
import { issuedId } from './ids';

/**
 * History import (src/sync/history): start one for a connection, and see how far each has got.
 * On the admin page any connection; on a project settings page that project's own connections to
 * start, and the connections it can see to follow.
 */
export const HISTORY_RESOLVERS = {
  start: 'history.start',
  progress: 'history.progress',
} as const;

export const MAX_HISTORY_DAYS = 730;
export const DEFAULT_HISTORY_DAYS = 30;

export const startHistoryPayloadSchema = z.strictObject({
  connectionId: issuedId(64),
  /** The oldest day to bring in, `YYYY-MM-DD`; absent: 30 days back. At most two years back. */
  from: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-01-31'))),
});

const failureSchema = z.object({ name: z.string(), message: z.string(), hint: z.string() });

export const historyProgressSchema = z.object({
  connectionId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  /** The oldest day asked for (ISO). */
  until: z.string(),
  builds: z.number(),
  deploys: z.number(),
  /** The oldest build start the import has read (ISO), null before the first. */
  reachedBack: z.nullable(z.string()),
  /** 0 to 100. */
  percentDone: z.number(),
  /** Builds still to read at the pace so far; null until there is a pace to go by. */
  estimatedBuildsLeft: z.nullable(z.number()),
  updatedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  error: z.nullable(failureSchema),
});
export type HistoryProgress = z.infer<typeof historyProgressSchema>;

export const historyProgressListSchema = z.object({ imports: z.array(historyProgressSchema) });
export type HistoryProgressList = z.infer<typeof historyProgressListSchema>;
