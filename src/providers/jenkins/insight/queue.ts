import type { QueueItem, QueueSnapshot, QueueStatus } from '../../../domain/jenkins-insight';
import { mapQueueItem } from '../map-queue-stages';
import type { WireQueueItem } from '../wire';

/**
 * Why an item waits. Jenkins marks an item `stuck` when it has waited for an executor far longer
 * than its builds usually take (no agent with its label is online, or all are busy); `blocked`
 * when something else must finish first (its previous build, a lock, an upstream job).
 * The item class says the rest: WaitingItem (quiet period), BuildableItem (waiting for an
 * executor), LeftItem (already started or cancelled). Jenkins 1.x sends no class.
 */
export function queueStatus(wire: WireQueueItem): QueueStatus {
  const kind = wire._class ?? '';
  if (wire.cancelled || /\$LeftItem$/.test(kind)) return 'left';
  if (wire.stuck) return 'stuck';
  if (wire.blocked || /\$BlockedItem$/.test(kind)) return 'blocked';
  if (/\$BuildableItem$/.test(kind) || wire.buildable) return 'waiting-for-executor';
  if (/\$WaitingItem$/.test(kind)) return 'quiet-period';
  return 'waiting';
}

export function mapQueue(items: readonly WireQueueItem[], now: number): QueueSnapshot {
  const mapped: QueueItem[] = items.map((wire) => {
    const waitingMs = typeof wire.inQueueSince === 'number' && wire.inQueueSince > 0 ? Math.max(0, now - wire.inQueueSince) : null;
    return { ...mapQueueItem(wire), status: queueStatus(wire), waitingMs };
  });
  mapped.sort((a, b) => (b.waitingMs ?? -1) - (a.waitingMs ?? -1));
  return {
    checkedAt: new Date(now).toISOString(),
    items: mapped,
    stuck: mapped.filter((i) => i.status === 'stuck').length,
    blocked: mapped.filter((i) => i.status === 'blocked').length,
  };
}
