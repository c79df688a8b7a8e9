import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { forgeRuntime } from '../../forge/provider-deps';
import { HistoryStore } from '../../storage/history-store';
import { failureOf, retryWorthy } from '../failures';
import { failed, importHistoryRound, type HistoryOptions } from './round';
import { historyWorkSchema } from './work';

/**
 * Forge allows 100 outbound requests per minute of the function's timeout: 1,500 for the
 * consumer's 900 s. A margin is kept for the retries the HTTP layer makes after a refusal.
 */
export const HISTORY_REQUEST_LIMIT = 1_350;
/** About 100 KVS writes for the builds of a round, planned and written well inside the invocation. */
export const HISTORY_ROUND_BUILDS = 2_500;

export function historyOptions(): HistoryOptions {
  return {
    requestLimit: HISTORY_REQUEST_LIMIT,
    maxBuilds: HISTORY_ROUND_BUILDS,
    ...forgeRuntime(),
    owner: `history:${getAppContext().invocationId}:${randomUUID()}`,
  };
}

const eventSchema = z.object({
  body: z.unknown(),
  /** Present on Forge's retries only. */
  retryContext: z.object({ retryCount: z.number().int().nonnegative() }).optional(),
});

/**
 * Consumer of the history-work queue: one round of one connection's import, then the next round
 * queued. A transient failure of the platform is left to Forge's retry a few times (the round is
 * idempotent: its record's revision tells it what is done); anything else stops the import with
 * the failure recorded, and starting it again resumes from its position.
 */
export async function historyWorker(event: unknown): Promise<void> {
  await handleHistoryEvent(event, historyOptions());
}

/** The worker with its options given (tests and the bench use smaller rounds to see many of them). */
export async function handleHistoryEvent(event: unknown, options: HistoryOptions): Promise<void> {
  const parsed = eventSchema.safeParse(event);
  const work = historyWorkSchema.safeParse(parsed.data?.body);
  if (!work.success) {
    console.warn(`[history] ignored a history-work event that is not one: ${z.prettifyError(work.error)}`);
    return;
  }
  const retries = parsed.data?.retryContext?.retryCount ?? 0;
  try {
    const outcome = await importHistoryRound(work.data, options, parsed.data?.retryContext !== undefined);
    if (outcome.kind === 'imported') {
      console.log(`[history] ${work.data.connectionId}: ${outcome.builds} builds, ${outcome.deploys} deploys${outcome.done ? ', done' : ''}`);
    }
  } catch (error) {
    if (retryWorthy(error, retries)) throw error;
    const store = new HistoryStore();
    const record = await store.get(work.data.connectionId);
    if (record?.state === 'running' && record.revision === work.data.revision) await store.save(failed(record, failureOf(error, retries), options));
    console.warn(`[history] ${work.data.connectionId}: stopped:`, error);
  }
}
