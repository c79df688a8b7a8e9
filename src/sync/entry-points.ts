import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { forgeRuntime } from '../forge/provider-deps';
import { SyncStateStore } from '../storage/sync-state-store';
import { scheduleAll } from './scheduler';
import { recordStatus } from './status';
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

const eventSchema = z.object({ body: z.unknown() });

/** Consumer of the sync-work queue: syncs one connection, then queues its continuation if work is left. */
export async function syncWorker(event: unknown): Promise<void> {
  const work = syncWorkSchema.safeParse(eventSchema.safeParse(event).data?.body);
  if (!work.success) {
    // Retrying cannot fix a malformed event: drop it, loudly.
    console.warn(`[sync] ignored a sync-work event that is not one: ${z.prettifyError(work.error)}`);
    return;
  }
  let outcome: SyncOutcome;
  try {
    outcome = await syncConnection(work.data, workerOptions());
  } catch (error) {
    await recordFailure(work.data.connectionId, error);
    // Jira or storage refusing with a reason: recorded, and the next schedule tries again. A bug: Forge retries and logs it.
    if (error instanceof DomainError) return;
    throw error;
  }
  if (outcome.kind === 'synced') {
    console.log(
      `[sync] ${work.data.connectionId}: ${outcome.buildsWritten} builds, ${outcome.deploysWritten} deploys written, ` +
        `${outcome.requests} requests${outcome.next ? ', continuing' : ''}`,
    );
    if (outcome.next) await pushWork([outcome.next]);
  }
}

/** A failure outside the CI server (Jira, storage, a bug): the settings page shows it, the logs say more. */
async function recordFailure(connectionId: string, error: unknown): Promise<void> {
  const name = error instanceof Error ? error.name : 'Error';
  console.error(`[sync] ${connectionId} failed:`, error);
  try {
    const state = new SyncStateStore();
    const previous = await state.status(connectionId);
    const now = new Date().toISOString();
    await recordStatus({
      schemaVersion: 1,
      connectionId,
      lastRunAt: now,
      ...(previous?.lastSuccessAt ? { lastSuccessAt: previous.lastSuccessAt } : {}),
      durationMs: 0,
      buildsWritten: 0,
      deploysWritten: 0,
      requests: 0,
      complete: false,
      error:
        error instanceof DomainError
          ? error.toJSON()
          : {
              name: 'UnexpectedError',
              message: `The sync stopped on an unexpected ${name}.`,
              hint: "Forge retries it a few times and the next scheduled sync starts again; if it keeps happening, the app's logs say why.",
            },
      problems: [],
    }, state);
  } catch {
    // Storage itself may be what failed; the error above is already logged.
  }
}
