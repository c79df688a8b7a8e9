import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PlatformRequest, PlatformService } from '../types';
import { jsonResponse } from '../types';
import { backoffSeconds, RETRY_DATA_LIMIT_BYTES, RETRY_WINDOW_MS, type RetryReason, type RetryRequest } from './retry-schedule';

/** What `@forge/events` `Queue.push` posts to `/webhook/queue/publish/...`. */
const publishSchema = z.object({
  queueName: z.string(),
  jobId: z.string(),
  payload: z.array(z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().optional() })),
});

export interface QueuedEvent {
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly body: Record<string, unknown>;
  readonly retryCount: number;
  /** Why the previous attempt failed; set on retries only. */
  readonly retryReason?: RetryReason | undefined;
  readonly retryData?: unknown;
  /** When the event was pushed: retries stop 24 hours later. */
  readonly pushedAt: number;
  readonly notBefore: number;
}

const PUSH_LIMIT_BYTES = 200 * 1024;

/**
 * The async events queue. Events wait here until `takeReady` or `takeNext` hands them to a
 * consumer; `npm start` delivers them on a timer, tests drain them explicitly so they stay
 * deterministic. Retries follow retry-schedule.ts.
 */
export class QueueService implements PlatformService {
  private readonly pending: QueuedEvent[] = [];
  readonly published: QueuedEvent[] = [];

  constructor(
    private readonly knownQueues: () => string[],
    private readonly clock: () => number,
    private readonly onPublish: () => void = () => undefined,
  ) {}

  async handle(request: PlatformRequest): Promise<Response> {
    if (!request.path.startsWith('/webhook/queue/publish/')) {
      return jsonResponse(404, { message: `The emulated queue service has no route ${request.path}` });
    }
    if (request.invocation?.timedOut) return jsonResponse(500, { message: 'The invocation has timed out' });
    if (Buffer.byteLength(request.body ?? '') > PUSH_LIMIT_BYTES + 4096) {
      return jsonResponse(413, { errorMessage: 'Payload exceeds 200 KB' });
    }
    const parsed = publishSchema.safeParse(JSON.parse(request.body ?? '{}'));
    if (!parsed.success) return jsonResponse(400, { message: z.prettifyError(parsed.error) });
    const { queueName, jobId, payload } = parsed.data;
    if (!this.knownQueues().includes(queueName)) {
      return jsonResponse(400, { message: `No consumer in manifest.yml listens on queue "${queueName}"` });
    }
    const now = this.clock();
    for (const event of payload) {
      const queued: QueuedEvent = {
        queueName,
        jobId,
        eventId: randomUUID(),
        body: event.body,
        retryCount: 0,
        pushedAt: now,
        notBefore: now + (event.delayInSeconds ?? 0) * 1000,
      };
      this.pending.push(queued);
      this.published.push(queued);
    }
    this.onPublish();
    return jsonResponse(201, {});
  }

  /** Events whose delay has passed (all of them when `ignoreDelays`), removed from the queue. */
  takeReady(ignoreDelays: boolean): QueuedEvent[] {
    const now = this.clock();
    const ready = this.pending.filter((e) => ignoreDelays || e.notBefore <= now);
    for (const event of ready) this.pending.splice(this.pending.indexOf(event), 1);
    return ready;
  }

  /** The event due first (its delay may not have passed yet), removed from the queue. */
  takeNext(): QueuedEvent | undefined {
    let next: QueuedEvent | undefined;
    for (const event of this.pending) if (!next || event.notBefore < next.notBefore) next = event;
    if (next) this.pending.splice(this.pending.indexOf(next), 1);
    return next;
  }

  /** Returns an event taken with `takeNext` that is not due yet. */
  putBack(event: QueuedEvent): void {
    this.pending.push(event);
  }

  /**
   * Schedules the next attempt of an event that failed at `failedAt`, or answers why Forge would
   * not: past the 24-hour window, or retry data over 4 KB.
   */
  retry(event: QueuedEvent, request: RetryRequest, failedAt: number): { retried: true } | { retried: false; why: string } {
    if (request.retryData !== undefined && Buffer.byteLength(JSON.stringify(request.retryData) ?? '') > RETRY_DATA_LIMIT_BYTES) {
      return { retried: false, why: `retryData is larger than ${RETRY_DATA_LIMIT_BYTES} bytes, so Forge does not retry the event` };
    }
    const retryCount = event.retryCount + 1;
    const notBefore = failedAt + backoffSeconds(retryCount, request) * 1000;
    if (notBefore > event.pushedAt + RETRY_WINDOW_MS) {
      return { retried: false, why: `the event was pushed more than 24 hours before its next retry (${event.retryCount} retries)` };
    }
    this.pending.push({ ...event, retryCount, retryReason: request.reason, retryData: request.retryData, notBefore });
    return { retried: true };
  }

  get size(): number {
    return this.pending.length;
  }
}
