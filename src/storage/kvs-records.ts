import { kvs } from '@forge/kvs';
import type { z } from 'zod';

/**
 * How every store reads and writes records in Forge KVS: the cursor loop behind every list,
 * batched gets, writes grouped into billed transactions, the `null` round trip KVS needs, and
 * a comparison that ignores key order.
 */

/** Forge bills a transaction of up to 25 operations as one write: group writes into them. */
export const TRANSACTION_LIMIT = 25;
/** Forge answers batch and query calls with at most 100 items. */
export const PAGE_LIMIT = 100;
const BATCH_GET_LIMIT = 25;

/** A KVS query (by key prefix or on an entity index), as far as paging through it goes. */
export interface PagedQuery {
  limit(limit: number): PagedQuery;
  cursor(cursor: string): PagedQuery;
  getMany(): Promise<{ results: { value: unknown }[]; nextCursor?: string | undefined }>;
}

/**
 * Every record a query finds, page after page, as `parse` reads them (undefined skips a value),
 * in the query's order. Stops once `max` records are found: cursors are not stable, so a list
 * read always runs from its first page within one call.
 */
export async function queryAll<T>(query: PagedQuery, parse: (value: unknown) => T | undefined, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const found: T[] = [];
  let page = await query.limit(PAGE_LIMIT).getMany();
  for (;;) {
    for (const result of page.results) {
      const record = parse(result.value);
      if (record !== undefined) found.push(record);
    }
    if (!page.nextCursor || found.length >= max) break;
    page = await query.cursor(page.nextCursor).getMany();
  }
  return found.slice(0, max);
}

export interface EntityWrite {
  readonly entityName: string;
  readonly key: string;
  readonly value: Record<string, unknown>;
}

/** Writes entity values in as few billed writes as Forge allows; each group is all-or-nothing. */
export async function writeEntities(writes: readonly EntityWrite[]): Promise<number> {
  let transactions = 0;
  for (let i = 0; i < writes.length; i += TRANSACTION_LIMIT) {
    const group = writes.slice(i, i + TRANSACTION_LIMIT);
    if (group.length === 1 && group[0]) {
      await kvs.entity(group[0].entityName).set(group[0].key, group[0].value);
    } else {
      const transaction = kvs.transact();
      for (const write of group) transaction.set(write.key, write.value, { entityName: write.entityName });
      await transaction.execute();
    }
    transactions++;
  }
  return transactions;
}

/** Values by key in batches of 25, Forge's most per batchGet; missing keys are simply absent from the result. */
async function batchedGet(keys: readonly string[], entityName: string | undefined): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    const batch = unique.slice(i, i + BATCH_GET_LIMIT).map((key) => (entityName ? { key, entityName } : { key }));
    const result = await kvs.batchGet<unknown>(batch);
    for (const item of result.successfulKeys) found.set(item.key, item.value);
  }
  return found;
}

/** Entity values by key; missing keys are absent from the result. */
export function getEntities(entityName: string, keys: readonly string[]): Promise<Map<string, unknown>> {
  return batchedGet(keys, entityName);
}

/** Plain (non-entity) values by key, raw for the caller to parse; missing keys are absent from the result. */
export function getValues(keys: readonly string[]): Promise<Map<string, unknown>> {
  return batchedGet(keys, undefined);
}

/** JSON with sorted object keys: stored maps may come back in another key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** Forge values may not contain `null`: stored JSON spells it as absence, and this puts it back. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

/** Restores the `null`s that `withoutNulls` dropped, for the fields a schema declares nullable. */
export function withNulls<T>(schema: z.ZodType<T>, stored: unknown): z.ZodSafeParseResult<T> {
  return schema.safeParse(fillNulls(schema, stored));
}

function fillNulls(schema: z.ZodType, value: unknown): unknown {
  const def = (schema as { def?: { type?: string } }).def;
  if (def?.type === 'nullable' && value === undefined) return null;
  if (def?.type === 'nullable') return fillNulls((schema as z.ZodNullable<z.ZodType>).unwrap(), value);
  if (def?.type === 'optional') return value === undefined ? undefined : fillNulls((schema as z.ZodOptional<z.ZodType>).unwrap(), value);
  if (def?.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = (schema as z.ZodObject).shape;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, child] of Object.entries(shape)) out[key] = fillNulls(child as z.ZodType, out[key]);
    return out;
  }
  if (def?.type === 'array' && Array.isArray(value)) {
    const element = (schema as z.ZodArray<z.ZodType>).element;
    return value.map((v) => fillNulls(element, v));
  }
  return value;
}
