import { DomainError } from '../domain/errors';
import { SyncStateStore } from '../storage/sync-state-store';
import { recordStatus } from './status';

/**
 * What the worker does with a failure outside the CI server. Forge retries a failed event with
 * backoff for 24 hours (async events API), so throwing re-runs a whole sync some 100 times:
 * only a failure that waiting can fix is left to Forge, and only a few times.
 */

/** Retries of one event Forge may make for a transient failure (about 30 s, 1 and 2 minutes apart). */
export const MAX_TRANSIENT_RETRIES = 3;

/** KVS refusals that say "not now" rather than "never" (storage-reference/handling-errors-kvs). */
const TRANSIENT_KVS_CODES = new Set(['RATE_LIMIT_EXCEEDED', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'TOO_MANY_REQUESTS']);

/** A KVS or network failure another attempt in a minute may not meet: rate limits, 5xx, a dropped connection. */
export function isTransient(error: unknown): boolean {
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && TRANSIENT_KVS_CODES.has(code)) return true;
  const details = 'responseDetails' in error ? error.responseDetails : undefined;
  const status = typeof details === 'object' && details !== null && 'status' in details ? Number(details.status) : Number.NaN;
  if (status === 429 || status >= 500) return true;
  // undici's "fetch failed" with a socket-level cause: the platform's API could not be reached.
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** Whether the worker should hand this failure back to Forge for another attempt. */
export function retryWorthy(error: unknown, retryCount: number): boolean {
  return isTransient(error) && retryCount < MAX_TRANSIENT_RETRIES;
}

const STORAGE_REFUSED_CODES = new Set(['MAX_SIZE', 'MAX_DEPTH', 'INVALID_KEY', 'KEY_TOO_LONG', 'KEY_TOO_SHORT']);

/** The `{name, message, hint}` the settings page shows for a failure the worker gives up on. */
export function failureOf(error: unknown, retries: number): { name: string; message: string; hint: string } {
  if (error instanceof DomainError) return error.toJSON();
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined && STORAGE_REFUSED_CODES.has(code)) {
    return {
      name: 'StorageRefused',
      message: `Forge storage refused a value of this connection's sync (${code}).`,
      hint: 'The sync tries again in an hour. If this stays, the connection holds more than the app can store in one place: report it with the connection kind and its number of jobs.',
    };
  }
  if (isTransient(error)) {
    return {
      name: 'StorageUnavailable',
      message: `Forge storage was unavailable${retries ? ` after ${retries} retries` : ''}.`,
      hint: 'Nothing to fix: the next scheduled sync tries again.',
    };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return {
    name: 'UnexpectedError',
    message: `The sync stopped on an unexpected ${name}.`,
    hint: "The sync tries again in an hour; if it keeps happening, the app's logs say why.",
  };
}

/**
 * Error names of failures that rerunning soon cannot fix and that the CI server's answer does not
 * reveal (the scheduler's probe may see it healthy): such a connection is tried again only once
 * its failure is an hour old, so a broken sync never re-reads a whole server every 5 minutes.
 */
export const HELD_FAILURES: ReadonlySet<string> = new Set(['StorageRefused', 'UnexpectedError', 'CursorTooLarge']);

/** Records a failure outside the CI server in the connection's status, keeping when it last succeeded. */
export async function recordFailure(connectionId: string, error: unknown, retries: number): Promise<void> {
  console.error(`[sync] ${connectionId} failed:`, error);
  try {
    const state = new SyncStateStore();
    const previous = await state.status(connectionId);
    const now = new Date().toISOString();
    await recordStatus(
      {
        schemaVersion: 1,
        connectionId,
        lastRunAt: now,
        ...(previous?.lastSuccessAt ? { lastSuccessAt: previous.lastSuccessAt } : {}),
        durationMs: 0,
        buildsWritten: 0,
        deploysWritten: 0,
        requests: 0,
        complete: false,
        error: failureOf(error, retries),
        problems: [],
      },
      state,
    );
  } catch {
    // Storage itself may be what failed; the error above is already logged.
  }
}
