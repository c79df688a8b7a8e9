import { kvs } from '@forge/kvs';
import { getValues } from './kvs-records';
import { z } from 'zod';
import { refusedBecauseKeyExists } from './conditional-write';
import { keys } from './keys';
import { NO_CURSOR, SyncCursorStore, type StoredCursor } from './sync-cursor-store';

/** What the settings page shows per connection, and what the panel uses to say data is stale. */
export const syncStatusSchema = z.object({
  schemaVersion: z.literal(1),
  connectionId: z.string(),
  /** The last run that found or wrote something, or failed. Idle runs write nothing, by design. */
  lastRunAt: z.string(),
  lastSuccessAt: z.string().optional(),
  durationMs: z.number(),
  buildsWritten: z.number(),
  deploysWritten: z.number(),
  requests: z.number(),
  complete: z.boolean(),
  error: z.object({ name: z.string(), message: z.string(), hint: z.string() }).optional(),
  problems: z.array(z.object({ jobId: z.string(), name: z.string(), message: z.string(), hint: z.string() })).max(20),
  /** Builds and deploys every run so far has written (updates included), for the admin pages; absent on older records. */
  totals: z.object({ builds: z.number(), deploys: z.number() }).optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

const leaseSchema = z.object({ owner: z.string(), expiresAt: z.number() });

/** Sync cursors, status and leases per connection, in plain KVS keys. */
export class SyncStateStore {
  constructor(private readonly cursors = new SyncCursorStore()) {}

  /** The stored cursor's value, undefined when there is none. */
  async cursor(connectionId: string): Promise<unknown> {
    return (await this.cursors.read(connectionId)).value;
  }

  /** The stored cursor with its revision, which a run compares under its lease (`cursorRevision`). */
  async storedCursor(connectionId: string): Promise<StoredCursor> {
    return this.cursors.read(connectionId);
  }

  /** The revision of the stored cursor, null when there is none: one read, whatever its size. */
  async cursorRevision(connectionId: string): Promise<string | null> {
    return this.cursors.revision(connectionId);
  }

  /**
   * Writes the cursor only when it changed (so a run that found nothing writes nothing), and of a
   * large cursor only the parts that changed. Returns the billed writes.
   */
  async saveCursor(connectionId: string, cursor: object, previous: StoredCursor = NO_CURSOR): Promise<number> {
    return this.cursors.save(connectionId, cursor, previous);
  }

  /** Forgets where the last sync stopped: the next sync of this connection is a first sync. */
  async resetCursor(connectionId: string): Promise<void> {
    await this.cursors.forget(connectionId);
  }

  async status(connectionId: string): Promise<SyncStatus | undefined> {
    const parsed = syncStatusSchema.safeParse(await kvs.get(keys.syncStatus(connectionId)));
    return parsed.success ? parsed.data : undefined;
  }

  async statuses(connectionIds: readonly string[]): Promise<SyncStatus[]> {
    const found = await getValues(connectionIds.map((id) => keys.syncStatus(id)));
    return [...found.values()]
      .map((value) => syncStatusSchema.safeParse(value))
      .filter((p) => p.success)
      .map((p) => p.data);
  }

  async saveStatus(status: SyncStatus): Promise<void> {
    await kvs.set(keys.syncStatus(status.connectionId), syncStatusSchema.parse(status));
  }

  /** Forgets a removed connection's cursor and status. */
  async forget(connectionId: string): Promise<void> {
    await this.cursors.forget(connectionId);
    await kvs.delete(keys.syncStatus(connectionId));
  }

  /**
   * Takes the connection's lease unless another live run holds it: an atomic create
   * (`FAIL_IF_EXISTS`) that expires by itself, so a killed run cannot block the connection
   * for longer than its own time limit. An expired lease that storage has not yet removed
   * (Forge deletes expired keys lazily) is taken over. Two runs that race through a takeover
   * are harmless: every sync write is idempotent; the lease only saves duplicate work.
   */
  async acquireLease(connectionId: string, owner: string, nowMillis: number, ttlSeconds: number): Promise<boolean> {
    const key = keys.syncLease(connectionId);
    const lease = { owner, expiresAt: nowMillis + ttlSeconds * 1000 };
    const ttl = { value: ttlSeconds, unit: 'SECONDS' as const };
    try {
      await kvs.set(key, lease, { keyPolicy: 'FAIL_IF_EXISTS', ttl });
      return true;
    } catch (error) {
      if (!(await refusedBecauseKeyExists(error, key))) throw error;
    }
    const current = leaseSchema.safeParse(await kvs.get(key));
    if (current.success && current.data.owner !== owner && current.data.expiresAt > nowMillis) return false;
    await kvs.set(key, lease, { ttl });
    return true;
  }

  async releaseLease(connectionId: string, owner: string): Promise<void> {
    const key = keys.syncLease(connectionId);
    const current = leaseSchema.safeParse(await kvs.get(key));
    if (current.success && current.data.owner === owner) await kvs.delete(key);
  }
}
