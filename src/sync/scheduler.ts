import { ConnectionStore } from '../storage/connection-store';
import { pushWork } from './work';

/**
 * The fiveMinute trigger: one unit of work per connection, nothing else. Listing connections is
 * a read; every decision about what to fetch is the worker's, so a duplicate trigger run only
 * queues work that finds nothing to do.
 */
export async function scheduleAll(): Promise<number> {
  const connections = await new ConnectionStore().list();
  await pushWork(connections.map((entry) => ({ work: { connectionId: entry.connection.id, reason: 'schedule' as const, round: 0 } })));
  return connections.length;
}
