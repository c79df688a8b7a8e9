import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { digest, keys } from './keys';
import { stableJson, TRANSACTION_LIMIT } from './kvs-records';

/**
 * Sync cursors in Forge KVS, whatever the size of the server. A cursor is one value while it is
 * small (as it always was); once its per-job map (Jenkins `jobs`, CircleCI `projects`) outgrows
 * INLINE_BYTES, that map is spread over hash buckets of about TARGET_CHUNK_BYTES, each its own
 * value, and the head value keeps the rest with the layout. A save writes only the buckets whose
 * entries changed, then the head, so a run that touched three jobs of 20,000 writes about four
 * values. Forge refuses values over 240 KiB
 * (https://developer.atlassian.com/platform/forge/limits-kvs-ce): nothing written here exceeds
 * MAX_VALUE_BYTES, and a cursor that cannot be split that far is a CursorTooLarge, never a write
 * that fails on every run.
 */

/** Per-job maps of the providers' cursors: the part that grows with the server. */
const ITEM_FIELDS = ['jobs', 'projects'] as const;

export interface CursorLimits {
  readonly inlineBytes: number;
  readonly targetChunkBytes: number;
  readonly maxValueBytes: number;
  readonly maxBuckets: number;
  /** Past this many buckets, chunks grow instead: a run that touches most jobs writes every bucket. */
  readonly spreadBuckets?: number;
}

/**
 * A cursor past 4 KiB (about 100 Jenkins jobs) is split into buckets of about 2 KiB, up to 64 of
 * them: a run with one new build rewrites one small bucket and the head, not the whole map (an
 * 8 KiB cursor rewritten on every active tick was most of a tick's KVS bytes).
 */
export const CURSOR_LIMITS: CursorLimits = {
  inlineBytes: 4 * 1024,
  targetChunkBytes: 2 * 1024,
  spreadBuckets: 64,
  /** Well under Forge's 240 KiB, so a bucket that drew more than its share still fits. */
  maxValueBytes: 160 * 1024,
  /** 4,096 buckets of 160 KiB: 640 MiB, far past any server's job list. */
  maxBuckets: 4096,
};

export class CursorTooLarge extends DomainError {
  override readonly name = 'CursorTooLarge';
  constructor(bytes: number) {
    super(
      `The record of where this connection's sync stopped has grown to ${Math.round(bytes / 1024)} KiB, more than Forge storage can hold for it.`,
      'Give the connection\'s user access to fewer jobs (for example one folder), or split the server into several connections with their own users. The sync tries again in an hour.',
    );
  }
}

const layoutSchema = z.object({ field: z.enum(ITEM_FIELDS), buckets: z.number().int().positive(), revision: z.string() });
type Layout = z.infer<typeof layoutSchema>;
const chunkSchema = z.object({ items: z.record(z.string(), z.unknown()) });

/** A cursor as read, with what identifies this version of it (a run compares it under its lease). */
export interface StoredCursor {
  readonly value: unknown;
  readonly revision: string | null;
}
export const NO_CURSOR: StoredCursor = { value: undefined, revision: null };

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const chunkKey = (connectionId: string, buckets: number, index: number) => `${keys.syncCursor(connectionId)}:${buckets}:${index}`;
const bucketOf = (name: string, buckets: number) => Number.parseInt(digest(name, 8), 16) % buckets;

interface Split {
  readonly head: Record<string, unknown>;
  readonly field: Layout['field'];
  readonly items: Record<string, unknown>;
}

function split(value: unknown): Split | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const field = ITEM_FIELDS.find((name) => typeof record[name] === 'object' && record[name] !== null && !Array.isArray(record[name]));
  if (!field) return undefined;
  const { [field]: items, ...head } = record;
  return { head, field, items: items as Record<string, unknown> };
}

/** The layout a head value names, if it is the head of a split cursor. */
function layoutIn(head: unknown): Layout | undefined {
  if (typeof head !== 'object' || head === null || !('storedIn' in head)) return undefined;
  return layoutSchema.safeParse(head.storedIn).data;
}

function bucketsOf(items: Record<string, unknown>, buckets: number): Record<string, unknown>[] {
  const out = Array.from({ length: buckets }, () => ({}) as Record<string, unknown>);
  for (const [name, entry] of Object.entries(items)) {
    const bucket = out[bucketOf(name, buckets)];
    if (bucket) bucket[name] = entry;
  }
  return out;
}

export class SyncCursorStore {
  constructor(private readonly limits: CursorLimits = CURSOR_LIMITS) {}

  async read(connectionId: string): Promise<StoredCursor> {
    const head = await kvs.get<unknown>(keys.syncCursor(connectionId));
    if (head === undefined) return NO_CURSOR;
    const layout = layoutIn(head);
    if (!layout) return { value: head, revision: digest(stableJson(head)) };
    const { storedIn: _layout, ...rest } = head as Record<string, unknown>;
    const items: Record<string, unknown> = {};
    const chunkKeys = Array.from({ length: layout.buckets }, (_, i) => chunkKey(connectionId, layout.buckets, i));
    for (let i = 0; i < chunkKeys.length; i += TRANSACTION_LIMIT) {
      const result = await kvs.batchGet<unknown>(chunkKeys.slice(i, i + TRANSACTION_LIMIT).map((key) => ({ key })));
      // A bucket that cannot be read loses only its jobs' positions: they are read again as new.
      for (const found of result.successfulKeys) Object.assign(items, chunkSchema.safeParse(found.value).data?.items);
    }
    return { value: { ...rest, [layout.field]: items }, revision: layout.revision };
  }

  /** What identifies the stored cursor, reading only its head. */
  async revision(connectionId: string): Promise<string | null> {
    const head = await kvs.get<unknown>(keys.syncCursor(connectionId));
    if (head === undefined) return null;
    return layoutIn(head)?.revision ?? digest(stableJson(head));
  }

  /** Saves `value` over `previous` (as read by this run); returns the billed writes, 0 when nothing changed. */
  async save(connectionId: string, value: object, previous: StoredCursor): Promise<number> {
    if (previous.value !== undefined && stableJson(previous.value) === stableJson(value)) return 0;
    const previousLayout = await this.storedLayout(connectionId);
    const parts = split(value);
    const total = bytesOf(value);
    let writes: number;
    let layout: Layout | undefined;
    if (!parts || total <= this.limits.inlineBytes) {
      if (total > this.limits.maxValueBytes) throw new CursorTooLarge(total);
      await kvs.set(keys.syncCursor(connectionId), value);
      writes = 1;
    } else {
      ({ writes, layout } = await this.saveChunked(connectionId, parts, total, previous, previousLayout));
    }
    // Buckets of a layout the head no longer names are dead weight: dropped after the head moved on.
    if (previousLayout && previousLayout.buckets !== layout?.buckets) writes += await this.dropChunks(connectionId, previousLayout.buckets);
    return writes;
  }

  /** Forgets the cursor and every bucket of it. */
  async forget(connectionId: string): Promise<void> {
    const layout = await this.storedLayout(connectionId);
    await kvs.delete(keys.syncCursor(connectionId));
    if (layout) await this.dropChunks(connectionId, layout.buckets);
  }

  private async saveChunked(
    connectionId: string,
    parts: Split,
    total: number,
    previous: StoredCursor,
    previousLayout: Layout | undefined,
  ): Promise<{ writes: number; layout: Layout }> {
    const wanted = Math.min(total / this.limits.targetChunkBytes, this.limits.spreadBuckets ?? Number.POSITIVE_INFINITY);
    const minimum = 2 ** Math.ceil(Math.log2(Math.max(2, wanted)));
    let buckets = previousLayout?.field === parts.field ? Math.max(previousLayout.buckets, minimum) : minimum;
    if (buckets > this.limits.maxBuckets) throw new CursorTooLarge(total);
    let chunks = bucketsOf(parts.items, buckets);
    while (chunks.some((chunk) => bytesOf({ items: chunk }) > this.limits.maxValueBytes)) {
      buckets *= 2;
      if (buckets > this.limits.maxBuckets) throw new CursorTooLarge(total);
      chunks = bucketsOf(parts.items, buckets);
    }
    const layout: Layout = { field: parts.field, buckets, revision: digest(stableJson({ ...parts.head, [parts.field]: parts.items })) };
    const head = { ...parts.head, storedIn: layout };
    if (bytesOf(head) > this.limits.maxValueBytes) throw new CursorTooLarge(total);
    // With the same layout, only buckets whose entries changed are written.
    const before = previousLayout?.buckets === buckets && previousLayout.field === parts.field ? bucketsOf(split(previous.value)?.items ?? {}, buckets) : undefined;
    const changed = chunks.map((chunk, index) => ({ chunk, index })).filter(({ chunk, index }) => !before || stableJson(before[index]) !== stableJson(chunk));
    let writes = 0;
    for (let i = 0; i < changed.length; i += TRANSACTION_LIMIT) {
      const transaction = kvs.transact();
      for (const { chunk, index } of changed.slice(i, i + TRANSACTION_LIMIT)) transaction.set(chunkKey(connectionId, buckets, index), { items: chunk });
      await transaction.execute();
      writes += 1;
    }
    // The head last: until it names the new layout and revision, readers see the previous cursor whole.
    await kvs.set(keys.syncCursor(connectionId), head);
    return { writes: writes + 1, layout };
  }

  private async storedLayout(connectionId: string): Promise<Layout | undefined> {
    return layoutIn(await kvs.get<unknown>(keys.syncCursor(connectionId)));
  }

  private async dropChunks(connectionId: string, buckets: number): Promise<number> {
    let writes = 0;
    for (let i = 0; i < buckets; i += TRANSACTION_LIMIT) {
      const transaction = kvs.transact();
      for (let index = i; index < Math.min(buckets, i + TRANSACTION_LIMIT); index++) transaction.delete(chunkKey(connectionId, buckets, index));
      await transaction.execute();
      writes += 1;
    }
    return writes;
  }
}
