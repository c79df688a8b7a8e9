import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PlatformRequest, PlatformService } from '../types';
import { jsonResponse } from '../types';

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
  readonly notBefore: number;
}

/** Forge retries a failed event at most this many times. */
export const MAX_RETRIES = 4;
const PUSH_LIMIT_BYTES = 200 * 1024;

/**
 * The async events queue. Events wait here until `takeReady` hands them to a consumer;
 * `npm start` delivers them on a timer, tests drain them explicitly so they stay deterministic.
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

  retry(event: QueuedEvent, retryAfterSeconds: number): boolean {
    if (event.retryCount >= MAX_RETRIES) return false;
    this.pending.push({ ...event, retryCount: event.retryCount + 1, notBefore: this.clock() + retryAfterSeconds * 1000 });
    return true;
  }

  get size(): number {
    return this.pending.length;
  }
}
