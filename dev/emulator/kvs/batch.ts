import type { z } from 'zod';
import { badRequest, KvsError } from './errors';
import { LIMITS } from './limits';
import { itemScope, prepareWrite, resolveTarget, type KvsAnswer, type KvsContext } from './operations';
import { toRecord } from './records';
import type { batchDeleteRequest, batchGetRequest, batchSetRequest } from './wire';

interface BatchItemError {
  readonly key: string;
  readonly entityName?: string;
  readonly error: { readonly code: string; readonly message: string };
}

interface BatchOutcome {
  readonly successfulKeys: unknown[];
  readonly failedKeys: BatchItemError[];
}

/**
 * Batches run item by item and report each item's success or failure, as Forge does; only a
 * batch that is empty, too large or names one key twice is refused as a whole.
 */
export function batchGet(ctx: KvsContext, items: z.infer<typeof batchGetRequest>): KvsAnswer {
  checkBatch(items, 'batchGet');
  const outcome: BatchOutcome = { successfulKeys: [], failedKeys: [] };
  for (const item of items) {
    perItem(outcome, item, () => {
      const target = resolveTarget(ctx, itemScope(item.entityName), item.key, item.entityName);
      const stored = ctx.store.get(target.ns, target.key, ctx.now);
      ctx.stats.read(stored?.bytes ?? 0, stored ? 1 : 0);
      if (!stored) throw new KvsError(404, 'KEY_NOT_FOUND', `Key "${item.key}" does not exist`);
      outcome.successfulKeys.push(toRecord(stored, item.options?.metadataFields, entityOf(item)));
    });
  }
  return { status: 200, body: outcome };
}

export function batchSet(ctx: KvsContext, items: z.infer<typeof batchSetRequest>, payloadBytes: number): KvsAnswer {
  checkBatch(items, 'batchSet');
  if (payloadBytes > LIMITS.payloadBytes) throw badRequest(`A batchSet payload is limited to 4 MB; this one is ${payloadBytes} bytes`);
  const outcome: BatchOutcome = { successfulKeys: [], failedKeys: [] };
  for (const item of items) {
    perItem(outcome, item, () => {
      const target = resolveTarget(ctx, itemScope(item.entityName), item.key, item.entityName);
      const write = prepareWrite(ctx, target, item.value, item.options);
      ctx.store.put(target.ns, target.key, write.value, ctx.now, write.expireAt);
      ctx.stats.write(write.bytes, 1);
      outcome.successfulKeys.push({ key: item.key, ...entityOf(item) });
    });
  }
  return { status: 200, body: outcome };
}

export function batchDelete(ctx: KvsContext, items: z.infer<typeof batchDeleteRequest>): KvsAnswer {
  checkBatch(items, 'batchDelete');
  const outcome: BatchOutcome = { successfulKeys: [], failedKeys: [] };
  for (const item of items) {
    perItem(outcome, item, () => {
      const target = resolveTarget(ctx, itemScope(item.entityName), item.key, item.entityName);
      const deleted = ctx.store.delete(target.ns, target.key, ctx.now);
      ctx.stats.write(0, 1);
      if (!deleted) throw new KvsError(404, 'KEY_NOT_FOUND', `Key "${item.key}" does not exist`);
      outcome.successfulKeys.push({ key: item.key, ...entityOf(item) });
    });
  }
  return { status: 200, body: outcome };
}

function checkBatch(items: readonly { key: string; entityName?: string | undefined }[], operation: string): void {
  if (items.length === 0) throw badRequest(`${operation} needs at least one item`);
  if (items.length > LIMITS.batchItems) {
    throw badRequest(`${operation} takes at most ${LIMITS.batchItems} items, got ${items.length}`);
  }
  const seen = new Set<string>();
  for (const item of items) {
    const id = JSON.stringify([item.entityName ?? null, item.key]);
    const where = item.entityName ? ` of entity ${item.entityName}` : '';
    if (seen.has(id)) throw badRequest(`${operation} names key "${item.key}"${where} twice`);
    seen.add(id);
  }
}

function perItem(outcome: BatchOutcome, item: { key: string; entityName?: string | undefined }, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof KvsError)) throw error;
    outcome.failedKeys.push({ key: item.key, ...entityOf(item), error: { code: error.code, message: error.message } });
  }
}

function entityOf(item: { entityName?: string | undefined }): { entityName?: string } {
  return item.entityName === undefined ? {} : { entityName: item.entityName };
}
