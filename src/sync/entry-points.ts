import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { forgeRuntime } from '../forge/provider-deps';
import { scheduleAll } from './scheduler';
import { MAX_TRANSIENT_RETRIES, recordFailure, retryWorthy } from './failures';
import { syncConnection, type SyncOutcome, type WorkerOptions } from './sync-connection';
import { pushWork, syncWorkSchema } from './work';

/** Forge's 100 outbound requests per minute and invocation, less a margin for retries after a refusal. */
export const REQUEST_LIMIT = 90;
/** A first sync of 90 batches of jobs is far beyond any real server; past it, the schedule carries on. */
export const MAX_ROUNDS = 200;

export function workerOptions(): WorkerOptions {
  return {
    requestLimit: REQUEST_LIMIT,
    ...forgeRuntime(),
    maxRounds: MAX_ROUNDS,
    owner: `${getAppContext().invocationId}:${randomUUID()}`,
  };
}

/** fiveMinute trigger: queues one unit of work per connection. */
export async function syncScheduler(): Promise<void> {
  await scheduleAll();
}

const eventSchema = z.object({
  body: z.unknown(),
  /** Present on Forge's retries only. */
  retryContext: z.object({ retryCount: z.number().int().nonnegative() }).optional(),
});

/**
 * Consumer of the sync-work queue: syncs one connection, then queues its continuation if work is
 * left. It finishes the event whatever happens, except for a transient failure of the platform
 * (left to Forge's retry, at most MAX_TRANSIENT_RETRIES times): a failure recorded in the
 * connection's status is seen by a person, and the next schedule tries again.
 */
export async function syncWorker(event: unknown): Promise<void> {
  const parsed = eventSchema.safeParse(event);
  const work = syncWorkSchema.safeParse(parsed.data?.body);
  if (!work.success) {
    // Retrying cannot fix a malformed event: drop it, loudly.
    console.warn(`[sync] ignored a sync-work event that is not one: ${z.prettifyError(work.error)}`);
    return;
  }
  const retries = parsed.data?.retryContext?.retryCount ?? 0;
  if (retries > MAX_TRANSIENT_RETRIES) {
    // Forge retried past our own limit (the invocation timed out or ran out of memory): stop here.
    await recordFailure(work.data.connectionId, new Error(`Forge retried the sync ${retries} times; it stopped without finishing.`), retries);
    return;
  }
  let outcome: SyncOutcome;
  try {
    outcome = await syncConnection(work.data, workerOptions());
  } catch (error) {
    if (retryWorthy(error, retries)) {
      console.warn(`[sync] ${work.data.connectionId}: transient failure, Forge retries (retry ${retries + 1} of ${MAX_TRANSIENT_RETRIES}):`, error);
      throw error;
    }
    await recordFailure(work.data.connectionId, error, retries);
    return;
  }
  if (outcome.kind === 'synced') {
    console.log(
      `[sync] ${work.data.connectionId}: ${outcome.buildsWritten} builds, ${outcome.deploysWritten} deploys written, ` +
        `${outcome.requests} requests${outcome.next ? ', continuing' : ''}`,
    );
    if (outcome.next) await pushWork([outcome.next]);
  }
}
