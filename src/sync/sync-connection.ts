import { modeOf } from '../domain/connection';
import { acceptsPush } from '../domain/webhook';
import { ConnectionStore } from '../storage/connection-store';
import { stableJson } from '../storage/kvs-records';
import { SyncStateStore } from '../storage/sync-state-store';
import { planCiDeploys } from './ci-deploys';
import { continueAfter, fetchBuilds, type FetchOptions } from './fetch-builds';
import { sendToJira } from './jira-devops';
import { RunContext } from './run-context';
import { recordStatus, statusNeedsWrite, statusOf, type RunReport } from './status';
import { claimNewRecords } from './stored-counts';
import type { Chain, QueuedWork, SyncWork } from './work';
import { writeDeploys } from './write-plan';

export interface WorkerOptions extends FetchOptions {
  /** A chain of continuations stops here, whatever is left (the next schedule carries on). */
  readonly maxRounds: number;
  /** Names this run in the connection's lease. */
  readonly owner: string;
  readonly loadSiteKeys?: (() => Promise<string[]>) | undefined;
}

export type SyncOutcome =
  | { readonly kind: 'missing' }
  | { readonly kind: 'idle' | 'failed' | 'busy' | 'superseded'; readonly requests: number }
  | {
      readonly kind: 'synced';
      readonly requests: number;
      readonly buildsWritten: number;
      readonly deploysWritten: number;
      readonly billedWrites: number;
      readonly next: QueuedWork | undefined;
    };

/** The lease only covers writing, which takes seconds: a run that died holding it blocks no longer than this. */
const MAX_LEASE_SECONDS = 180;

/**
 * One unit of work for one connection: fetch what changed since its cursor, plan every write
 * with reads only, and write only when something changed, under the connection's lease and only
 * if no other run moved the cursor meanwhile. Returns the continuation to queue when the run
 * stopped at its own limits (or the server's short wait) with progress made and work left.
 */
export async function syncConnection(work: SyncWork, options: WorkerOptions): Promise<SyncOutcome> {
  const chain: Chain = work.chain ?? { startedAt: options.clock.now(), buildsWritten: 0, deploysWritten: 0, requests: 0 };
  const id = work.connectionId;
  const found = await new ConnectionStore().withSecret(id);
  if (!found) return { kind: 'missing' };
  // Updated by its CI's pushes only: "Sync now" or a stale event must not reach for a server that may be behind a firewall.
  if (modeOf(found.connection) === 'pushed') return { kind: 'idle', requests: 0 };
  const state = new SyncStateStore();
  const [stored, previousStatus] = await Promise.all([state.storedCursor(id), state.status(id)]);
  const storedCursor = stored.value;
  const fetched = await fetchBuilds(found, storedCursor, options);
  const { page } = fetched;

  const ctx = new RunContext(options.loadSiteKeys);
  const changed = await ctx.builds.changed(page?.builds ?? []);
  ctx.stageBuilds(changed);
  const deploys = await planCiDeploys(changed, { id, scope: found.entry.scope }, ctx);
  const cursorChanged = page !== undefined && (storedCursor === undefined || stableJson(page.cursor) !== stableJson(storedCursor));
  const report = (written: { builds: number; deploys: number; problems: RunReport['problems'] }): RunReport => ({
    connectionId: id,
    now: options.clock.now(),
    durationMs: options.clock.now() - chain.startedAt,
    buildsWritten: chain.buildsWritten + written.builds,
    deploysWritten: chain.deploysWritten + written.deploys,
    requests: chain.requests + fetched.requests,
    complete: page?.complete === true,
    error: fetched.stop && !fetched.ownLimit ? fetched.stop.toJSON() : undefined,
    problems: [...(page?.problems ?? []).map((p) => ({ jobId: p.jobId, ...p.error.toJSON() })), ...written.problems],
  });

  if (changed.length === 0 && deploys.writes.length === 0 && !cursorChanged) {
    const idle = report({ builds: 0, deploys: 0, problems: [] });
    // "Sync now" always records its run, so the page that asked can tell it finished and found nothing.
    if (work.reason === 'request' || statusNeedsWrite(idle, previousStatus)) await recordStatus(statusOf(idle, previousStatus), state);
    return { kind: idle.error ? 'failed' : 'idle', requests: fetched.requests };
  }

  const ttlSeconds = Math.min(MAX_LEASE_SECONDS, Math.ceil(options.remainingMillis() / 1000) + 5);
  if (!(await state.acquireLease(id, options.owner, options.clock.now(), ttlSeconds))) return { kind: 'busy', requests: fetched.requests };
  let billedWrites = 0;
  let final: RunReport;
  try {
    // Another run wrote between our read and our lease: its results stand, ours are dropped.
    if ((await state.cursorRevision(id)) !== stored.revision) return { kind: 'superseded', requests: fetched.requests };
    // A push (src/sync/push-ingest.ts) may have written a build since we read it: a build that now regresses drops the run.
    if (acceptsPush(modeOf(found.connection)) && (await ctx.builds.changed(changed)).length !== changed.length) return { kind: 'superseded', requests: fetched.requests };
    billedWrites += await claimNewRecords(id, changed, deploys.writes, ctx, options.clock.now());
    // Deploys before the builds they come from: a run that dies in between leaves those builds
    // unwritten, so the next run sees them as changed and plans the same deploys again.
    const written = await writeDeploys(deploys.writes, ctx);
    billedWrites += written.billedWrites + (await ctx.builds.write(changed));
    written.problems.push(...(await sendToJira({ connection: found.connection, deploys: deploys.writes.map((p) => p.deploy), builds: changed }, ctx, options)));
    if (page) billedWrites += await state.saveCursor(id, page.cursor, stored);
    final = report({ builds: changed.length, deploys: written.deploysWritten, problems: written.problems });
    await recordStatus(statusOf(final, previousStatus), state);
    billedWrites += 1;
  } finally {
    await state.releaseLease(id, options.owner);
  }

  const after = cursorChanged && work.round < options.maxRounds ? continueAfter(fetched) : null;
  const nextChain: Chain = { startedAt: chain.startedAt, buildsWritten: final.buildsWritten, deploysWritten: final.deploysWritten, requests: final.requests };
  return {
    kind: 'synced',
    requests: fetched.requests,
    buildsWritten: changed.length,
    deploysWritten: final.deploysWritten - chain.deploysWritten,
    billedWrites,
    next: after ? { work: { connectionId: id, reason: 'continue', round: work.round + 1, chain: nextChain }, delaySeconds: after.delaySeconds } : undefined,
  };
}
