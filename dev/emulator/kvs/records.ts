import { z } from 'zod';
import { badRequest } from './errors';
import type { StoredItem } from './store';
import type { MetadataField } from './wire';

/**
 * A stored item as the KVS answers it: `{key, value}` plus the metadata fields asked for.
 * createdAt/updatedAt are epoch seconds (as in the SDK's own fixtures), expireTime an ISO date,
 * present only when the item has a TTL.
 */
export function toRecord(
  item: StoredItem,
  fields: readonly MetadataField[] = [],
  extra: Record<string, string> = {},
): Record<string, unknown> {
  const record: Record<string, unknown> = { key: item.key, ...extra, value: item.value };
  if (fields.includes('CREATED_AT')) record.createdAt = Math.floor(item.createdAt / 1000);
  if (fields.includes('UPDATED_AT')) record.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields.includes('EXPIRE_TIME') && item.expireAt !== undefined) record.expireTime = new Date(item.expireAt).toISOString();
  return record;
}

/**
 * Cursors are opaque to the app: base64url JSON of the position after which the next page starts.
 * A position, not an offset, so items added between pages are neither skipped nor repeated
 * unless they sort before it.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw badRequest('The cursor was not issued by this query; pass back the nextCursor of the previous page');
  return parsed.data;
}
