import { Queue } from '@forge/events';
import { z } from 'zod';

/** The queue the fiveMinute trigger, "Sync now" and continuations push onto (manifest: consumer sync-consumer). */
export const SYNC_QUEUE = 'sync-work';
/** Forge takes at most 50 events in one push. */
const PUSH_LIMIT = 50;

/** Running totals of a chain of continuations, so the final status describes the whole sync. */
export const chainSchema = z.object({
  startedAt: z.number(),
  buildsWritten: z.number().int().nonnegative(),
  deploysWritten: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
});
export type Chain = z.infer<typeof chainSchema>;

/** One unit of sync work: one connection, from where its cursor stands. */
export const syncWorkSchema = z.object({
  connectionId: z.string().min(1).max(64),
  reason: z.enum(['schedule', 'request', 'continue']),
  /** How many continuations came before this one in the chain. */
  round: z.number().int().nonnegative().default(0),
  chain: chainSchema.optional(),
});
export type SyncWork = z.infer<typeof syncWorkSchema>;

/** Connections the scheduler had no budget left to probe: a worker probes them and queues what changed. */
export const probeWorkSchema = z.object({
  kind: z.literal('probe'),
  connectionIds: z.array(z.string().min(1).max(64)).min(1).max(50),
});
export type ProbeWork = z.infer<typeof probeWorkSchema>;

/** Any event on the queue: a probe batch, or one connection's sync. */
export const queuedBodySchema = z.union([probeWorkSchema, syncWorkSchema]);

export interface QueuedWork {
  readonly work: SyncWork | ProbeWork;
  readonly delaySeconds?: number | undefined;
}

/** Pushes work in groups of 50 (Forge's limit per push). */
export async function pushWork(items: readonly QueuedWork[]): Promise<void> {
  const queue = new Queue({ key: SYNC_QUEUE });
  for (let i = 0; i < items.length; i += PUSH_LIMIT) {
    await queue.push(
      items.slice(i, i + PUSH_LIMIT).map((item) => ({
        body: { ...item.work },
        ...(item.delaySeconds ? { delayInSeconds: Math.min(900, Math.ceil(item.delaySeconds)) } : {}),
      })),
    );
  }
}
