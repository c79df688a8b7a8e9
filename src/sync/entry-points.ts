import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { FUNCTION_TIMEOUT_SECONDS, outboundBudget } from '../forge/outbound-budget';
import { forgeRuntime } from '../forge/provider-deps';
import { PROBE_REQUEST_LIMIT, probeBatch, scheduleAll } from './scheduler';
import { MAX_TRANSIENT_RETRIES, recordFailure, retryWorthy } from './failures';
import { syncConnection, type SyncOutcome, type WorkerOptions } from './sync-connection';
import { pushWork, queuedBodySchema } from './work';

/** The worker's share of Forge's outbound budget for its 900 s timeout. */
export const REQUEST_LIMIT = outboundBudget(FUNCTION_TIMEOUT_SECONDS['sync-worker']);
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

/** The scheduler's share of its 60 s invocation's outbound requests, and its clock. */
function scheduleOptions() {
  return { requestLimit: PROBE_REQUEST_LIMIT, ...forgeRuntime(), log: (line: string) => console.warn(line) };
}

/** fiveMinute trigger: asks each connection whether anything changed and queues work for those that did. */
export async function syncScheduler(): Promise<void> {
  const result = await scheduleAll(scheduleOptions());
  if (result.queued.length || result.deferred.length) {
    console.log(`[sync] schedule: ${result.queued.length} to sync, ${result.deferred.length} to probe in batches, ${result.requests} requests`);
  }
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
  const body = queuedBodySchema.safeParse(parsed.data?.body);
  if (!body.success) {
    // Retrying cannot fix a malformed event: drop it, loudly.
    console.warn(`[sync] ignored a sync-work event that is not one: ${z.prettifyError(body.error)}`);
    return;
  }
  if ('kind' in body.data) {
    await probeBatch(body.data.connectionIds, { ...scheduleOptions(), requestLimit: REQUEST_LIMIT });
    return;
  }
  const work = body.data;
  const retries = parsed.data?.retryContext?.retryCount ?? 0;
  if (retries > MAX_TRANSIENT_RETRIES) {
    // Forge retried past our own limit (the invocation timed out or ran out of memory): stop here.
    await recordFailure(work.connectionId, new Error(`Forge retried the sync ${retries} times; it stopped without finishing.`), retries);
    return;
  }
  let outcome: SyncOutcome;
  try {
    outcome = await syncConnection(work, workerOptions());
  } catch (error) {
    if (retryWorthy(error, retries)) {
      console.warn(`[sync] ${work.connectionId}: transient failure, Forge retries (retry ${retries + 1} of ${MAX_TRANSIENT_RETRIES}):`, error);
      throw error;
    }
    await recordFailure(work.connectionId, error, retries);
    return;
  }
  if (outcome.kind === 'synced') {
    console.log(
      `[sync] ${work.connectionId}: ${outcome.buildsWritten} builds, ${outcome.deploysWritten} deploys written, ` +
        `${outcome.requests} requests${outcome.next ? ', continuing' : ''}`,
    );
    if (outcome.next) await pushWork([outcome.next]);
  }
}
