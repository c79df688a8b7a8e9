import type { Connection } from '../domain/connection';
import { FUNCTION_TIMEOUT_SECONDS, outboundBudget } from '../forge/outbound-budget';
import { ConnectionStore } from '../storage/connection-store';
import type { FetchOptions } from './fetch-builds';
import { idleRequests, probeConnection } from './probe';
import { dueForPolling } from './push-health';
import { pushWork, type QueuedWork } from './work';

/** Outbound requests the scheduler's probes may make: its share of Forge's budget for 60 s. */
export const PROBE_REQUEST_LIMIT = outboundBudget(FUNCTION_TIMEOUT_SECONDS['sync-scheduler']);
/** Probes start only while this much of the invocation is left, for the pushes that follow. */
const PROBE_RESERVE_MS = 15_000;
/** Connections probed at once: probes wait on CI servers, not on this invocation's CPU. */
const PARALLEL = 6;
/** Connections one batched probe event carries (its worker probes them within its own budget). */
export const PROBE_BATCH = 50;

export interface ScheduleOptions extends FetchOptions {
  readonly log?: (line: string) => void;
}

export interface ScheduleResult {
  readonly queued: readonly string[];
  /** Connections left to batched probe events: this invocation's budget or time ran out. */
  readonly deferred: readonly string[];
  readonly requests: number;
}

/**
 * Asks each connection whether anything changed (one idle request per Jenkins, Buildkite
 * organisation or CircleCI project, no write) and queues a worker only for those that changed,
 * must record a status, or are due for their daily reconciliation. Connections beyond this
 * invocation's request budget or time go to probe events of PROBE_BATCH connections, probed the
 * same way by a worker. A duplicate run probes twice and queues work that finds nothing to do.
 */
export async function probeAndQueue(connections: readonly Connection[], options: ScheduleOptions): Promise<ScheduleResult> {
  const queued: string[] = [];
  const deferred: string[] = [];
  let requests = 0;
  let reserved = 0;
  const left = [...connections];
  const next = async (): Promise<void> => {
    for (let connection = left.shift(); connection !== undefined; connection = left.shift()) {
      const id = connection.id;
      const cost = idleRequests(connection);
      if (reserved + cost > options.requestLimit || options.remainingMillis() < PROBE_RESERVE_MS) {
        deferred.push(id);
        continue;
      }
      reserved += cost;
      try {
        const verdict = await probeConnection(id, { ...options, remainingMillis: () => options.remainingMillis() - PROBE_RESERVE_MS });
        requests += verdict.requests;
        if (verdict.work) queued.push(id);
      } catch (error) {
        // Whatever stopped the probe, the worker meets it too and records it.
        options.log?.(`[sync] probe of ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
        queued.push(id);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, next));
  const work: QueuedWork[] = queued.map((connectionId) => ({ work: { connectionId, reason: 'schedule', round: 0 } }));
  await pushWork(work);
  // A run that could probe nothing (no time at all) leaves the rest to the next schedule, not to an endless chain.
  if (deferred.length < connections.length) await pushProbes(deferred);
  return { queued, deferred, requests };
}

export async function pushProbes(connectionIds: readonly string[]): Promise<void> {
  const batches: QueuedWork[] = [];
  for (let i = 0; i < connectionIds.length; i += PROBE_BATCH) {
    batches.push({ work: { kind: 'probe', connectionIds: connectionIds.slice(i, i + PROBE_BATCH) } });
  }
  await pushWork(batches);
}

/** The fiveMinute trigger: every connection due for polling (src/sync/push-health.ts), probed. */
export async function scheduleAll(options: ScheduleOptions): Promise<ScheduleResult> {
  const connections = (await new ConnectionStore().list()).map((entry) => entry.connection);
  return probeAndQueue(await dueForPolling(connections, options.clock.now()), options);
}

/** A batched probe event: the listed connections that still exist, probed within the worker's budget. */
export async function probeBatch(connectionIds: readonly string[], options: ScheduleOptions): Promise<ScheduleResult> {
  const wanted = new Set(connectionIds);
  return probeAndQueue((await new ConnectionStore().list()).map((entry) => entry.connection).filter((c) => wanted.has(c.id)), options);
}
