import { kvs } from '@forge/kvs';

/** Forge bills a transaction of up to 25 operations as one write: group writes into them. */
export const TRANSACTION_LIMIT = 25;
/** Forge answers batch and query calls with at most 100 items. */
export const PAGE_LIMIT = 100;
const BATCH_GET_LIMIT = 25;

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

/** Entity values by key, in batches; missing keys are simply absent from the result. */
export async function getEntities(entityName: string, keys: readonly string[]): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    const batch = unique.slice(i, i + BATCH_GET_LIMIT).map((key) => ({ key, entityName }));
    const result = await kvs.batchGet<unknown>(batch);
    for (const item of result.successfulKeys) found.set(item.key, item.value);
  }
  return found;
}

/** JSON with sorted object keys: stored maps may come back in another key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
