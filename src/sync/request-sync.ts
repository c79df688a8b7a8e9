import { pushWork } from './work';

/** "Sync now": queues a sync of these connections at once, outside the fiveMinute schedule. */
export async function requestSync(connectionIds: readonly string[]): Promise<void> {
  const unique = [...new Set(connectionIds)];
  await pushWork(unique.map((connectionId) => ({ work: { connectionId, reason: 'request' as const, round: 0 } })));
}
