import { modeOf, type Connection } from '../domain/connection';
import { BudgetExhausted } from '../domain/errors';
import { BuildStore } from '../storage/build-store';
import { ConnectionStore } from '../storage/connection-store';
import { digest } from '../storage/keys';
import { stableJson } from '../storage/kvs-records';
import { SyncStateStore, type SyncStatus } from '../storage/sync-state-store';
import { fetchBuilds, type FetchOptions } from './fetch-builds';
import { HELD_FAILURES } from './failures';
import { statusNeedsWrite, type RunReport } from './status';

/**
 * The scheduler's question to a connection: is there anything for a worker to do? It runs the
 * worker's own fetch with the budget of an idle run (the one overview request per Jenkins,
 * Buildkite organisation or CircleCI project), so it sees exactly what the worker would: a job to
 * read (the budget runs out), a build, a cursor that moved, or a status to write. It only reads.
 */

const SCHEDULE_MS = 5 * 60_000;
/**
 * Every connection gets a worker once a day whatever the probe says, in a slot of its own (so a
 * site's connections spread over the day and no write is needed to remember when): a safety net
 * for what the probe cannot see, such as a probe defect or a status the settings page shows as
 * older than a day. More often would cost an idle invocation per connection for nothing the
 * probe misses; less often leaves such a defect unseen for days.
 */
export const RECONCILE_MS = 24 * 3_600_000;
/** A failure rerunning cannot fix soon (HELD_FAILURES) is tried again after this long. */
export const HOLD_MS = 3_600_000;

/** Requests a run that finds nothing makes: the most a probe may use. */
export function idleRequests(connection: Connection): number {
  return connection.kind === 'circleci' ? connection.projectSlugs.length : 1;
}

/** Whether this schedule is the connection's daily reconciliation slot. */
export function reconciliationDue(connectionId: string, now: number): boolean {
  const slots = RECONCILE_MS / SCHEDULE_MS;
  return Math.floor(now / SCHEDULE_MS) % slots === Number.parseInt(digest(connectionId, 8), 16) % slots;
}

function held(status: SyncStatus | undefined, now: number): boolean {
  return !!status?.error && HELD_FAILURES.has(status.error.name) && now - Date.parse(status.lastRunAt) < HOLD_MS;
}

export type Verdict = { readonly work: boolean; readonly requests: number; readonly why: string };

/** Whether to queue a worker for this connection, and the requests the answer cost. */
export async function probeConnection(connectionId: string, options: FetchOptions): Promise<Verdict> {
  const now = options.clock.now();
  const found = await new ConnectionStore().withSecret(connectionId);
  if (!found) return { work: false, requests: 0, why: 'gone' };
  // Its CI pushes to us; its server may be out of reach (a firewalled Jenkins), so it is never asked.
  if (modeOf(found.connection) === 'pushed') return { work: false, requests: 0, why: 'pushed only' };
  const state = new SyncStateStore();
  const [stored, status] = await Promise.all([state.storedCursor(connectionId), state.status(connectionId)]);
  if (held(status, now)) return { work: false, requests: 0, why: 'held' };
  if (reconciliationDue(connectionId, now) || stored.value === undefined) return { work: true, requests: 0, why: 'due' };
  const fetched = await fetchBuilds(found, stored.value, { ...options, requestLimit: idleRequests(found.connection) });
  const { page, stop } = fetched;
  if (stop instanceof BudgetExhausted || fetched.ownLimit) return { work: true, requests: fetched.requests, why: 'more to read' };
  if (page && (stableJson(page.cursor) !== stableJson(stored.value) || (await new BuildStore().changed(page.builds)).length > 0)) return { work: true, requests: fetched.requests, why: 'changed' };
  const report: RunReport = {
    connectionId,
    now,
    durationMs: 0,
    buildsWritten: 0,
    deploysWritten: 0,
    requests: fetched.requests,
    complete: page?.complete === true,
    error: stop ? stop.toJSON() : undefined,
    problems: (page?.problems ?? []).map((p) => ({ jobId: p.jobId, ...p.error.toJSON() })),
  };
  // A new error, a recovery, or a failure to show again once an hour: the worker records it.
  return statusNeedsWrite(report, status) ? { work: true, requests: fetched.requests, why: 'status' } : { work: false, requests: fetched.requests, why: 'idle' };
}
