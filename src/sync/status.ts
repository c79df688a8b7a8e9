import { SyncHealthStore } from '../storage/sync-health-store';
import { SyncStateStore, type SyncStatus } from '../storage/sync-state-store';
import { HistoryStore } from '../storage/history-store';
import { StoredCountStore } from '../storage/stored-count-store';

export interface Problem {
  /** The CI job the problem is about (for a deploy that could not be stored, the job that ran it). */
  readonly jobId: string;
  readonly name: string;
  readonly message: string;
  readonly hint: string;
}

export interface RunReport {
  readonly connectionId: string;
  readonly now: number;
  readonly durationMs: number;
  readonly buildsWritten: number;
  readonly deploysWritten: number;
  readonly requests: number;
  readonly complete: boolean;
  readonly error: { readonly name: string; readonly message: string; readonly hint: string } | undefined;
  readonly problems: readonly Problem[];
}

/** A connection that keeps failing the same way still shows it was tried, once an hour. */
const REFRESH_FAILING_MS = 3_600_000;
const MAX_PROBLEMS = 20;

/**
 * Running totals from the counts the sync already has: a continuation's report counts its whole
 * chain (which started at `now - durationMs`), so only what it added since the previous round counts.
 */
function totalsOf(report: RunReport, previous: SyncStatus | undefined): NonNullable<SyncStatus['totals']> {
  const before = previous?.totals ?? { builds: 0, deploys: 0 };
  const sameChain = previous !== undefined && Date.parse(previous.lastRunAt) - previous.durationMs === report.now - report.durationMs;
  const builds = report.buildsWritten - (sameChain ? previous.buildsWritten : 0);
  const deploys = report.deploysWritten - (sameChain ? previous.deploysWritten : 0);
  return { builds: before.builds + Math.max(0, builds), deploys: before.deploys + Math.max(0, deploys) };
}

export function statusOf(report: RunReport, previous: SyncStatus | undefined): SyncStatus {
  const at = new Date(report.now).toISOString();
  const succeeded = report.complete && !report.error;
  const lastSuccessAt = succeeded ? at : previous?.lastSuccessAt;
  return {
    schemaVersion: 1,
    connectionId: report.connectionId,
    lastRunAt: at,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    durationMs: report.durationMs,
    buildsWritten: report.buildsWritten,
    deploysWritten: report.deploysWritten,
    requests: report.requests,
    complete: report.complete,
    ...(report.error ? { error: report.error } : {}),
    problems: report.problems.slice(0, MAX_PROBLEMS).map((p) => ({ ...p })),
    totals: totalsOf(report, previous),
  };
}

/**
 * Whether a run with nothing else to write must still write its status: the first run, a change
 * of error, problems or completeness, or a failure last recorded more than an hour ago. A healthy
 * run that found nothing writes nothing.
 */
export function statusNeedsWrite(report: RunReport, previous: SyncStatus | undefined): boolean {
  if (!previous) return true;
  const key = (error: RunReport['error']) => (error ? `${error.name}\n${error.message}` : '');
  if (key(report.error) !== key(previous.error)) return true;
  if (report.complete !== previous.complete) return true;
  const problems = (list: readonly Problem[]) => list.slice(0, MAX_PROBLEMS).map((p) => `${p.jobId}\n${p.name}\n${p.message}`).join('\n');
  if (problems(report.problems) !== problems(previous.problems)) return true;
  return report.error !== undefined && report.now - Date.parse(previous.lastRunAt) > REFRESH_FAILING_MS;
}

/**
 * Saves a connection's status, then brings the site-wide record of failing connections the issue
 * panel reads in step with it (that record is written only when the connection starts or stops
 * failing, or its error changes).
 */
export async function recordStatus(status: SyncStatus, state = new SyncStateStore(), health = new SyncHealthStore()): Promise<void> {
  await state.saveStatus(status);
  await health.record(status);
}

/** Forgets a removed connection's cursor, status, health record, stored counts and history import. */
export async function forgetSyncOf(connectionId: string): Promise<void> {
  await new SyncStateStore().forget(connectionId);
  await new StoredCountStore().forget(connectionId);
  await new SyncHealthStore().forget(connectionId);
  await new HistoryStore().forget(connectionId);
}
