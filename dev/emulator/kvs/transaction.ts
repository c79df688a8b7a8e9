import { matchesFilters, parseFilters, type ParsedFilters } from './conditions';
import { validateFilterProperties } from './entity-query';
import { badRequest, conditionRefused, type KvsError } from './errors';
import { isRecord, LIMITS } from './limits';
import {
  itemScope,
  NO_CONTENT,
  prepareWrite,
  resolveTarget,
  type KvsAnswer,
  type KvsContext,
  type PreparedWrite,
  type Target,
} from './operations';
import type { Filters, TransactionRequest } from './wire';

interface Step {
  readonly kind: 'set' | 'delete' | 'check';
  readonly target: Target;
  readonly conditions: ParsedFilters | undefined;
  readonly write?: PreparedWrite;
}

/**
 * `kvs.transact()`: up to 25 operations on distinct keys, all applied or none. Everything is
 * validated first; conditions are then evaluated and writes applied inside one SQLite
 * transaction, so a failed check leaves storage untouched. Billed as one write.
 */
export function transact(ctx: KvsContext, request: TransactionRequest, payloadBytes: number): KvsAnswer {
  if (payloadBytes > LIMITS.payloadBytes) throw badRequest(`A transaction payload is limited to 4 MB; this one is ${payloadBytes} bytes`);
  const steps = [
    ...(request.set ?? []).map((op) => step(ctx, 'set', op.key, op.entityName, op.conditions, { value: op.value, options: op.options })),
    ...(request.delete ?? []).map((op) => step(ctx, 'delete', op.key, op.entityName, op.conditions)),
    ...(request.check ?? []).map((op) => step(ctx, 'check', op.key, op.entityName, op.conditions)),
  ];
  if (steps.length === 0) throw badRequest('A transaction needs at least one set, delete or check');
  if (steps.length > LIMITS.transactionOperations) {
    throw badRequest(`A transaction can contain at most ${LIMITS.transactionOperations} operations, got ${steps.length}`);
  }
  const seen = new Set<string>();
  for (const { target } of steps) {
    const id = `${target.ns}\u0000${target.key}`;
    if (seen.has(id)) throw badRequest(`Each key can only be used once in a transaction; "${target.key}" appears twice`);
    seen.add(id);
  }

  ctx.store.atomically(() => {
    for (const s of steps) checkConditions(ctx, s);
    for (const s of steps) {
      if (s.kind === 'set' && s.write) ctx.store.put(s.target.ns, s.target.key, s.write.value, ctx.now, s.write.expireAt);
      if (s.kind === 'delete') ctx.store.delete(s.target.ns, s.target.key, ctx.now);
    }
  });
  const bytes = steps.reduce((sum, s) => sum + (s.write?.bytes ?? 0), 0);
  ctx.stats.write(bytes, steps.filter((s) => s.kind !== 'check').length, Math.max(0, ...steps.map((s) => s.write?.bytes ?? 0)));
  return NO_CONTENT;
}

function step(
  ctx: KvsContext,
  kind: Step['kind'],
  key: string,
  entityName: string | undefined,
  filters: Filters | undefined,
  set?: { value: unknown; options: Parameters<typeof prepareWrite>[3] },
): Step {
  const target = resolveTarget(ctx, itemScope(entityName), key, entityName);
  const conditions = parseFilters(filters);
  if (conditions) {
    if (!target.entity) throw badRequest(`Conditions on "${key}" need an entityName: only custom entities can be checked`);
    validateFilterProperties(target.entity, conditions);
  }
  if (kind === 'check' && !conditions) throw badRequest(`check("${key}") needs an entity and conditions`);
  if (!set) return { kind, target, conditions };
  return { kind, target, conditions, write: prepareWrite(ctx, target, set.value, set.options) };
}

function checkConditions(ctx: KvsContext, s: Step): void {
  if (!s.conditions) return;
  const current = ctx.store.get(s.target.ns, s.target.key, ctx.now);
  if (s.kind === 'check' && !current) {
    throw conditionFailed(ctx, `check("${s.target.key}") failed: the entity does not exist`);
  }
  const attributes = isRecord(current?.value) ? current.value : {};
  if (!matchesFilters(attributes, s.conditions)) {
    throw conditionFailed(ctx, `The conditions of ${s.kind}("${s.target.key}") are not met; nothing in the transaction was written`);
  }
}

function conditionFailed(ctx: KvsContext, message: string): KvsError {
  return conditionRefused(ctx.conflict, message);
}
