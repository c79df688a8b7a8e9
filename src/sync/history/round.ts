import { DomainError, RateLimited, ServiceUnavailable, TimeoutError, UnreachableError } from '../../domain/errors';
import { createProvider, parseHistoryPosition, RequestCounter, type HistoryPage } from '../../providers';
import { ConnectionStore, type ConnectionWithSecret } from '../../storage/connection-store';
import { HistoryStore, type HistoryImport } from '../../storage/history-store';
import { stableJson } from '../../storage/kvs-records';
import { SyncStateStore } from '../../storage/sync-state-store';
import { planCiDeploys } from '../ci-deploys';
import { stoppedByOwnLimit, writeReserveMs, type FetchOptions } from '../fetch-builds';
import { RunContext } from '../run-context';
import { claimNewRecords } from '../stored-counts';
import { writeDeploys } from '../write-plan';
import { pushHistoryWork, type HistoryWork } from './work';

export interface HistoryOptions extends FetchOptions {
  /** Builds one round reads at most: what one invocation plans and writes comfortably. */
  readonly maxBuilds: number;
  /** Names this round in the connection's lease. */
  readonly owner: string;
  readonly loadSiteKeys?: (() => Promise<string[]>) | undefined;
}

export type RoundOutcome =
  | { readonly kind: 'stale' | 'missing' | 'busy' | 'superseded' | 'failed' }
  | { readonly kind: 'imported'; readonly builds: number; readonly deploys: number; readonly done: boolean };

/** Waits a server may ask for that a delayed round honours; longer ones wait a minute and ask again. */
const MAX_DELAY_SECONDS = 900;
const BUSY_DELAY_SECONDS = 30;
const MAX_LEASE_SECONDS = 180;

/**
 * One round of a connection's history import: read the next stretch back in time, plan its
 * builds and deploys with the sync's own planning (reads only), and write them, the record last,
 * under the connection's lease, so a sync writing at the same moment and this round never
 * interleave. Only the event of the record's current revision does anything: a duplicate finds
 * the revision moved on (a retry that finds it moved on by exactly one re-queues the next round,
 * in case its push was what failed).
 */
export async function importHistoryRound(work: HistoryWork, options: HistoryOptions, isRetry: boolean): Promise<RoundOutcome> {
  const store = new HistoryStore();
  const record = await store.get(work.connectionId);
  if (!record || record.state !== 'running') return { kind: 'stale' };
  if (record.revision !== work.revision) {
    if (isRetry && record.revision === work.revision + 1) await pushHistoryWork({ connectionId: work.connectionId, revision: record.revision });
    return { kind: 'stale' };
  }
  const found = await new ConnectionStore().withSecret(work.connectionId);
  if (!found) {
    await store.save(failed(record, { name: 'ConnectionNotFound', message: 'The connection was removed.', hint: 'Nothing to do: its history is no longer imported.' }, options));
    return { kind: 'missing' };
  }
  const fetched = await readBack(found, record, options);
  const { page, stop } = fetched;
  if (!page || (!page.done && page.builds.length === 0 && stableJson(page.position) === stableJson(record.position ?? null))) {
    const delay = waitFor(stop, fetched.ownLimit);
    if (delay === null) {
      await store.save(failed(record, stop?.toJSON() ?? { name: 'NoProgress', message: 'The import stopped making progress.', hint: 'Start it again; it resumes where it stopped.' }, options));
      return { kind: 'failed' };
    }
    await pushHistoryWork(work, delay);
    return { kind: 'busy' };
  }

  const ctx = new RunContext(options.loadSiteKeys);
  const changed = await ctx.builds.changed(page.builds);
  ctx.stageBuilds(changed);
  const deploys = await planCiDeploys(changed, { id: work.connectionId, scope: found.entry.scope }, ctx);

  const state = new SyncStateStore();
  const ttl = Math.min(MAX_LEASE_SECONDS, Math.ceil(options.remainingMillis() / 1000) + 5);
  if (!(await state.acquireLease(work.connectionId, options.owner, options.clock.now(), ttl))) {
    await pushHistoryWork(work, BUSY_DELAY_SECONDS);
    return { kind: 'busy' };
  }
  let next: HistoryImport;
  let deploysWritten = 0;
  try {
    const current = await store.get(work.connectionId);
    if (current?.revision !== work.revision || current.state !== 'running') return { kind: 'superseded' };
    await claimNewRecords(work.connectionId, changed, deploys.writes, ctx, options.clock.now());
    // Deploys before their builds, as the sync writes them: a round killed in between reads the same builds again.
    const written = await writeDeploys(deploys.writes, ctx);
    deploysWritten = written.deploysWritten;
    await ctx.builds.write(changed);
    next = advanced(current, page, { deploys: deploysWritten, problems: written.problems.length }, options);
    await store.save(next);
  } finally {
    await state.releaseLease(work.connectionId, options.owner);
  }
  if (next.state === 'running') await pushHistoryWork({ connectionId: work.connectionId, revision: next.revision }, waitFor(stop, fetched.ownLimit) ?? 0);
  return { kind: 'imported', builds: page.builds.length, deploys: deploysWritten, done: next.state === 'done' };
}

interface ReadBack {
  readonly page: HistoryPage | undefined;
  readonly stop: DomainError | null;
  readonly ownLimit: boolean;
}

/** The provider's next stretch of history within this invocation's requests and time (less what writing needs). */
async function readBack(found: ConnectionWithSecret, record: HistoryImport, options: HistoryOptions): Promise<ReadBack> {
  const reserve = writeReserveMs(options.remainingMillis());
  const remaining = () => options.remainingMillis() - reserve;
  const budget = new RequestCounter(options.requestLimit);
  const provider = createProvider(found.connection, found.secret, { fetch: options.fetch, clock: options.clock, budget, remainingMillis: remaining, tuning: options.tuning });
  let page: HistoryPage | undefined;
  let stop: DomainError | null;
  try {
    page = await provider.listBuildsBefore(parseHistoryPosition(record.position) ?? undefined, { until: record.until, maxBuilds: options.maxBuilds });
    stop = page.stoppedBy;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    stop = error;
  }
  return { page, stop, ownLimit: stoppedByOwnLimit(stop, remaining(), options.tuning) };
}

/** Seconds to wait before the next round, or null when waiting cannot help (credentials, a bug on the server). */
function waitFor(stop: DomainError | null, ownLimit: boolean): number | null {
  if (stop === null || ownLimit) return 0;
  if (stop instanceof RateLimited) return Math.min(MAX_DELAY_SECONDS, Math.max(1, (stop.retryAfterMs ?? 60_000) / 1000));
  if (stop instanceof ServiceUnavailable || stop instanceof UnreachableError || stop instanceof TimeoutError) return 60;
  return null;
}

function advanced(record: HistoryImport, page: HistoryPage, written: { deploys: number; problems: number }, options: HistoryOptions): HistoryImport {
  const now = new Date(options.clock.now()).toISOString();
  const starts = page.builds.flatMap((b) => (b.startedAt ? [Date.parse(b.startedAt)] : []));
  if (record.reachedBack) starts.push(Date.parse(record.reachedBack));
  const { error: _error, ...rest } = record;
  void _error;
  return {
    ...rest,
    revision: record.revision + 1,
    position: page.position,
    builds: record.builds + page.builds.length,
    deploys: record.deploys + written.deploys,
    rounds: record.rounds + 1,
    requests: record.requests + page.requests,
    problems: record.problems + page.problems.length + written.problems,
    ...(starts.length ? { reachedBack: new Date(Math.min(...starts)).toISOString() } : {}),
    fractionDone: page.done ? 1 : Math.max(record.fractionDone, page.fractionDone),
    updatedAt: now,
    state: page.done ? 'done' : 'running',
    ...(page.done ? { finishedAt: now } : {}),
  };
}

export function failed(record: HistoryImport, error: { name: string; message: string; hint: string }, options: Pick<HistoryOptions, 'clock'>): HistoryImport {
  return { ...record, state: 'failed', error, revision: record.revision + 1, updatedAt: new Date(options.clock.now()).toISOString() };
}
