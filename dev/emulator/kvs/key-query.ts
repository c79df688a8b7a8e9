import { z } from 'zod';
import { invalid } from './errors';
import { LIMITS } from './limits';
import type { KvsAnswer, KvsContext } from './operations';
import { decodeCursor, encodeCursor, toRecord } from './records';
import type { QueryRequest } from './wire';

const cursorSchema = z.object({ after: z.string() });

/**
 * `kvs.query()`: plain keys only (never secrets or entities), in key order, at most one `where`,
 * and that one `beginsWith` on the key. 10 items a page unless `limit` says otherwise, 100 at most.
 */
export function keyQuery(ctx: KvsContext, request: QueryRequest): KvsAnswer {
  const limit = request.limit ?? LIMITS.defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.pageSize) {
    throw invalid('LIST_QUERY_LIMIT_EXCEEDED', `The query limit must be between 1 and ${LIMITS.pageSize}, got ${limit}`);
  }
  const prefix = wherePrefix(request.where ?? []);
  const after = request.after === undefined ? '' : decodeCursor(request.after, cursorSchema).after;
  const rows = ctx.store.scan('kvs', { prefix, after, limit: limit + 1 }, ctx.now);
  const page = rows.slice(0, limit);
  ctx.stats.query(
    page.reduce((sum, item) => sum + item.bytes, 0),
    page.length,
  );
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map((item) => toRecord(item, request.options?.metadataFields)),
      ...(rows.length > limit && last ? { cursor: encodeCursor({ after: last.key }) } : {}),
    },
  };
}

function wherePrefix(where: NonNullable<QueryRequest['where']>): string {
  if (where.length === 0) return '';
  const [clause, ...more] = where;
  if (!clause || more.length > 0) throw invalid('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause');
  if (clause.property !== 'key') {
    throw invalid('QUERY_WHERE_FIELD_INVALID', `KVS queries can only filter on "key", not "${clause.property}"`);
  }
  if (clause.condition !== 'BEGINS_WITH') {
    throw invalid('INVALID_FILTER_CONDITION', `KVS queries support only BEGINS_WITH, not ${clause.condition}`);
  }
  const [value, ...extra] = clause.values;
  if (extra.length > 0 || (typeof value !== 'string' && typeof value !== 'number')) {
    throw invalid('INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string value');
  }
  return String(value);
}
