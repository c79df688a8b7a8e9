import type { z } from 'zod';
import { validateEntityValue, type EntityCatalog, type EntityDefinition } from './entities';
import { badRequest, conditionRefused, invalid, keyNotFound, type ConflictAnswer } from './errors';
import { expiryFor, LIMITS, validateKey, validateValue } from './limits';
import { toRecord } from './records';
import type { StatsCounter } from './stats';
import type { Namespace, SqliteStore } from './store';
import type { deleteRequest, getRequest, SetOptions, setRequest } from './wire';

/** What one request may touch: the store, the manifest's entities, the counters, and the time of the request. */
export interface KvsContext {
  readonly store: SqliteStore;
  readonly catalog: EntityCatalog;
  readonly stats: StatsCounter;
  readonly now: number;
  /** The answer to a refused conditional write (errors.ts). */
  readonly conflict: ConflictAnswer;
}

/** Plain KVS, encrypted secrets, or a custom entity: three stores that never see each other's keys. */
export type Scope = 'kvs' | 'secret' | 'entity';

export interface Target {
  readonly ns: Namespace;
  readonly key: string;
  readonly entity: EntityDefinition | undefined;
}

/** A response of the emulated KVS before it becomes HTTP: no body means 204. */
export interface KvsAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export const NO_CONTENT: KvsAnswer = { status: 204 };

export function resolveTarget(ctx: KvsContext, scope: Scope, key: string, entityName: string | undefined): Target {
  if (scope === 'entity') {
    const entity = ctx.catalog.definition(entityName);
    validateKey(key, 'entity');
    return { ns: `entity:${entity.name}`, key, entity };
  }
  validateKey(key, 'kvs');
  return { ns: scope, key, entity: undefined };
}

/** Scope of a batch or transaction item: an entity when it names one, the plain KVS otherwise. */
export function itemScope(entityName: string | undefined): Scope {
  return entityName === undefined ? 'kvs' : 'entity';
}

export interface PreparedWrite {
  readonly target: Target;
  readonly value: unknown;
  readonly bytes: number;
  readonly expireAt: number | undefined;
}

/** Every check Forge makes before a write (key, value limits, entity attribute types, TTL), without writing. */
export function prepareWrite(ctx: KvsContext, target: Target, value: unknown, options: SetOptions | undefined): PreparedWrite {
  const bytes = validateValue(value);
  if (target.entity) validateEntityValue(target.entity, value);
  if (options?.returnValue !== undefined && options.keyPolicy !== 'OVERRIDE') {
    throw badRequest('returnValue can only be used with keyPolicy OVERRIDE');
  }
  return { target, value, bytes, expireAt: expiryFor(options?.ttl, ctx.now) };
}

export function failIfExists(ctx: KvsContext, target: Target): void {
  if (ctx.store.get(target.ns, target.key, ctx.now)) {
    throw conditionRefused(ctx.conflict, `Key "${target.key}" already exists and keyPolicy is FAIL_IF_EXISTS`);
  }
}

export function getOne(ctx: KvsContext, scope: Scope, body: z.infer<typeof getRequest>): KvsAnswer {
  const target = resolveTarget(ctx, scope, body.key, body.entityName);
  const item = ctx.store.get(target.ns, target.key, ctx.now);
  ctx.stats.read(item?.bytes ?? 0, item ? 1 : 0);
  if (!item) throw keyNotFound(target.key);
  return { status: 200, body: toRecord(item, body.options?.metadataFields, entityField(target)) };
}

export function setOne(ctx: KvsContext, scope: Scope, body: z.infer<typeof setRequest>): KvsAnswer {
  const target = resolveTarget(ctx, scope, body.key, body.entityName);
  const options = body.options;
  const write = prepareWrite(ctx, target, body.value, options);
  if (scope === 'secret' && write.bytes > LIMITS.secretBytes) {
    throw invalid('MAX_SIZE', `The provided secret is ${write.bytes} bytes; a secret is at most ${LIMITS.secretBytes} bytes (128 KiB)`);
  }
  const { previous, item } = ctx.store.atomically(() => {
    if (options?.keyPolicy === 'FAIL_IF_EXISTS') failIfExists(ctx, target);
    return ctx.store.put(target.ns, target.key, write.value, ctx.now, write.expireAt);
  });
  ctx.stats.write(write.bytes, 1);
  const fields = options?.returnMetadataFields;
  if (options?.returnValue === 'LATEST') return { status: 200, body: toRecord(item, fields, entityField(target)) };
  if (options?.returnValue === 'PREVIOUS' && previous) return { status: 200, body: toRecord(previous, fields, entityField(target)) };
  return NO_CONTENT;
}

/** Deleting a key that does not exist succeeds, as the SDK does for KEY_NOT_FOUND. */
export function deleteOne(ctx: KvsContext, scope: Scope, body: z.infer<typeof deleteRequest>): KvsAnswer {
  const target = resolveTarget(ctx, scope, body.key, body.entityName);
  ctx.store.delete(target.ns, target.key, ctx.now);
  ctx.stats.write(0, 1);
  return NO_CONTENT;
}

export function entityField(target: Target): Record<string, string> {
  return target.entity ? { entityName: target.entity.name } : {};
}
