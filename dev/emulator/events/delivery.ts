import type { Platform } from '../platform';
import { FunctionTimeoutError } from '../functions';
import { CLOUD_ID } from '../types';
import type { QueuedEvent } from './queue-service';
import { RETRY_WINDOW_MS, type RetryReason, type RetryRequest } from './retry-schedule';

export type DeliveryOutcome = 'delivered' | 'retried' | 'failed';

export interface DeliveryReport {
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
}

export interface DrainOptions {
  /** Deliver events before their time (default): with a ManualClock the clock jumps to each event's time. */
  readonly ignoreDelays?: boolean;
  readonly maxEvents?: number;
  /** Consumers run at once, as Forge runs several lambdas: their platform calls interleave. Default 1. */
  readonly concurrency?: number;
}

const REASONS: readonly RetryReason[] = [
  'FUNCTION_RETRY_REQUEST',
  'FUNCTION_TIME_OUT',
  'FUNCTION_OUT_OF_MEMORY',
  'FUNCTION_PLATFORM_UNKNOWN_ERROR',
  'FUNCTION_PLATFORM_RATE_LIMITED',
  'FUNCTION_UPSTREAM_RATE_LIMITED',
];

/**
 * Hands queued events to their consumers with the `AsyncEvent` shape of `@forge/events`
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api), and
 * schedules retries after a throw, a timeout or an `InvocationError` (retry-schedule.ts).
 */
export class QueueDelivery {
  constructor(private readonly platform: Platform) {}

  async deliver(event: QueuedEvent, timeoutMs?: number): Promise<DeliveryOutcome> {
    const consumer = this.platform.manifest.modules.consumer.find((c) => c.queue === event.queueName);
    if (!consumer) return 'failed';
    const functionKey = consumer.function ?? consumer.resolver?.function;
    if (!functionKey) return 'failed';
    const startedAt = Math.max(this.platform.clock(), event.notBefore);
    const forgeEvent = {
      body: event.body,
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      // Present only on retries, as Forge sends it.
      ...(event.retryCount > 0 ? { retryContext: retryContextOf(event, startedAt) } : {}),
      contextToken: 'local-context-token',
    };
    const call = consumer.resolver
      ? { call: { functionKey: consumer.resolver.method, payload: forgeEvent }, context: { cloudId: CLOUD_ID } }
      : forgeEvent;
    let request: RetryRequest | undefined;
    try {
      const result = await this.platform.functions.run(
        { functionKey, moduleKey: consumer.key, moduleKind: 'consumer', timeoutMs },
        call,
        { installContext: `ari:cloud:jira::site/${CLOUD_ID}` },
      );
      request = retryRequestOf(result);
    } catch (error) {
      request = { reason: error instanceof FunctionTimeoutError ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR' };
      if (event.retryCount === 0) console.warn(`[emulator] consumer ${consumer.key} failed; Forge retries it for up to 24 hours:`, errorText(error));
    }
    if (!request) return 'delivered';
    const failedAt = Math.max(this.platform.clock(), startedAt);
    const retry = this.platform.queues.retry(event, request, failedAt);
    if (retry.retried) return 'retried';
    console.warn(`[emulator] consumer ${consumer.key} gave up on event ${event.eventId}: ${retry.why}`);
    return 'failed';
  }

  /** Delivers queued events, including those their consumers push and retries, until the queue is empty. */
  async drain(options: DrainOptions = {}): Promise<DeliveryReport> {
    const counts = { delivered: 0, retried: 0, failed: 0 };
    const max = options.maxEvents ?? 10_000;
    const width = Math.max(1, options.concurrency ?? 1);
    for (;;) {
      const batch = this.nextBatch(options.ignoreDelays ?? true, Math.min(width, max - total(counts)));
      if (batch.length === 0) break;
      const outcomes = await Promise.all(batch.map((event) => this.deliver(event)));
      for (const outcome of outcomes) counts[outcome]++;
      if (total(counts) >= max) break;
    }
    return counts;
  }

  /** Up to `size` events in the order they fall due; with a manual clock, time moves to when they are due. */
  private nextBatch(ignoreDelays: boolean, size: number): QueuedEvent[] {
    const queues = this.platform.queues;
    const batch: QueuedEvent[] = [];
    while (batch.length < size) {
      const next = queues.takeNext();
      if (!next) break;
      if (!ignoreDelays && next.notBefore > this.platform.clock()) {
        queues.putBack(next);
        break;
      }
      this.platform.manualClock?.advanceTo(next.notBefore);
      batch.push(next);
    }
    return batch;
  }
}

function retryContextOf(event: QueuedEvent, startedAt: number): Record<string, unknown> {
  return {
    retryCount: event.retryCount,
    retryReason: event.retryReason ?? 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
    ...(event.retryData === undefined ? {} : { retryData: event.retryData }),
    retentionWindow: {
      startTime: new Date(event.pushedAt).toISOString(),
      remainingTimeMs: Math.max(0, event.pushedAt + RETRY_WINDOW_MS - startedAt),
    },
  };
}

/** An `InvocationError` comes back as `{ _retry: true, retryOptions: { retryAfter, retryReason, retryData } }`. */
function retryRequestOf(result: unknown): RetryRequest | undefined {
  if (typeof result !== 'object' || result === null || !('_retry' in result) || result._retry !== true) return undefined;
  const options = 'retryOptions' in result && typeof result.retryOptions === 'object' && result.retryOptions !== null ? result.retryOptions : {};
  const after = 'retryAfter' in options ? Number(options.retryAfter) : Number.NaN;
  const reason = 'retryReason' in options ? REASONS.find((r) => r === options.retryReason) : undefined;
  return {
    reason: reason ?? 'FUNCTION_RETRY_REQUEST',
    retryAfterSeconds: Number.isFinite(after) ? after : undefined,
    retryData: 'retryData' in options ? options.retryData : undefined,
  };
}

function total(counts: DeliveryReport): number {
  return counts.delivered + counts.retried + counts.failed;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
