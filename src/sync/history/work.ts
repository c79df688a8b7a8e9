import { Queue } from '@forge/events';
import { z } from 'zod';

/** The history import's own queue (manifest: consumer history-consumer), apart from sync-work so the regular sync never waits behind it. */
export const HISTORY_QUEUE = 'history-work';

/** One round of a connection's import: the revision of its record this round expects to find. */
export const historyWorkSchema = z.object({
  connectionId: z.string().min(1).max(64),
  revision: z.number().int().nonnegative(),
});
export type HistoryWork = z.infer<typeof historyWorkSchema>;

export async function pushHistoryWork(work: HistoryWork, delaySeconds = 0): Promise<void> {
  await new Queue({ key: HISTORY_QUEUE }).push([
    { body: { ...work }, ...(delaySeconds > 0 ? { delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}) },
  ]);
}
