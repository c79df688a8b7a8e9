import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Build } from '../domain/build';
import { isUnreachable, modeOf } from '../domain/connection';
import { mergePushed, regresses } from '../domain/webhook';
import { forgeProviderDeps } from '../forge/provider-deps';
import { createProvider } from '../providers';
import { ConnectionStore, type ConnectionEntry } from '../storage/connection-store';
import { SyncStateStore } from '../storage/sync-state-store';
import { planCiDeploys } from './ci-deploys';
import { RunContext } from './run-context';
import { claimNewRecords } from './stored-counts';
import { writeDeploys } from './write-plan';

export interface PushedBuild {
  readonly build: Build;
  /** False when the event lacks details the CI's API has: one targeted read, if the server can be reached. */
  readonly complete: boolean;
}

export interface PushOutcome {
  /** False when the stored build already says this, or says more (a later state). */
  readonly written: boolean;
  readonly build: Build;
  readonly deploysWritten: number;
  /** Whether the CI's API was read for the details the event lacked. */
  readonly readBack: boolean;
}

/** The targeted read of a build an event described only in part; the event's own version when it cannot be made. */
async function filledIn(entry: ConnectionEntry, pushed: PushedBuild): Promise<{ build: Build; readBack: boolean }> {
  // A pushed-only Jenkins is never called, even with a URL: that URL is for links, and may sit behind a firewall.
  const reachable = !isUnreachable(entry.connection) && !(entry.connection.kind === 'jenkins' && modeOf(entry.connection) === 'pushed');
  if (pushed.complete || !reachable) return { build: pushed.build, readBack: false };
  const found = await new ConnectionStore().withSecret(entry.connection.id);
  if (!found) return { build: pushed.build, readBack: false };
  try {
    const provider = createProvider(found.connection, found.secret, forgeProviderDeps(5, { requestTimeoutMs: 10_000, maxWaitMs: 0 }));
    return { build: await provider.getBuild(pushed.build.job.id, pushed.build.number), readBack: true };
  } catch (error) {
    // The event is still worth recording; the next reconciliation poll completes it.
    console.warn(`[push] read of ${pushed.build.job.id} #${pushed.build.number} failed:`, error instanceof Error ? error.message : error);
    return { build: pushed.build, readBack: false };
  }
}

/** A push outlives no web trigger (55 s): a lease it leaves behind blocks the sync no longer than this. */
const PUSH_LEASE_SECONDS = 60;
/** Waits for a sync's lease, which covers only its writes (seconds): a little over 3 s in all, well inside the web trigger's 55 s. */
const LEASE_WAITS_MS = [250, 1_000, 2_000];

/** The connection's sync lease stayed taken: nothing was written, the CI should send the event again. */
export class ConnectionBusy extends Error {
  override readonly name = 'ConnectionBusy';
  constructor(readonly connectionId: string) {
    super(`Connection ${connectionId} is being written by a sync; the event was not recorded.`);
  }
}

async function underLease<T>(connectionId: string, write: () => Promise<T>): Promise<T> {
  const state = new SyncStateStore();
  const owner = `push:${randomUUID()}`;
  for (let attempt = 0; ; attempt++) {
    if (await state.acquireLease(connectionId, owner, Date.now(), PUSH_LEASE_SECONDS)) break;
    const wait = LEASE_WAITS_MS[attempt];
    if (wait === undefined) throw new ConnectionBusy(connectionId);
    await sleep(wait);
  }
  try {
    return await write();
  } finally {
    await state.releaseLease(connectionId, owner);
  }
}

/**
 * Records a build a CI pushed exactly as the sync records a polled one: the same record (the
 * provider mapping's identity), deploys planned and written with the sync's own planning
 * (planCiDeploys, RunContext, writeDeploys) before the build, so snapshots, commits and issue
 * links come out the same. A report older than what is stored changes nothing. The stored build
 * is read and written under the connection's sync lease, so a poll cannot write between the two
 * (and a poll that read before the push re-checks its builds under that lease: sync-connection.ts).
 */
export async function ingestPushedBuild(entry: ConnectionEntry, pushed: PushedBuild): Promise<PushOutcome> {
  const { build: reported, readBack } = await filledIn(entry, pushed);
  // What to write, read again under the lease: a duplicate or stale event costs reads only.
  const decide = async (ctx: RunContext): Promise<{ build: Build; changed: Build[] }> => {
    const stored = await ctx.builds.get(reported.connectionId, reported.job.id, reported.number);
    if (stored && regresses(stored, reported)) return { build: stored, changed: [] };
    const build = readBack ? reported : mergePushed(stored, reported);
    return { build, changed: await ctx.builds.changed([build]) };
  };
  const unchanged = (build: Build): PushOutcome => ({ written: false, build, deploysWritten: 0, readBack });
  const first = await decide(new RunContext());
  if (first.changed.length === 0) return unchanged(first.build);
  return underLease(entry.connection.id, async () => {
    const ctx = new RunContext();
    const { build, changed } = await decide(ctx);
    if (changed.length === 0) return unchanged(build);
    ctx.stageBuilds(changed);
    const plan = await planCiDeploys(changed, { id: entry.connection.id, scope: entry.scope }, ctx);
    await claimNewRecords(entry.connection.id, changed, plan.writes, ctx, Date.now());
    // Deploys before their build, as the sync does: a failure in between leaves the build to be seen again.
    const deploys = await writeDeploys(plan.writes, ctx);
    await ctx.builds.write(changed);
    return { written: true, build, deploysWritten: deploys.deploysWritten, readBack };
  });
}
