import { z } from 'zod';
import { matchesFilters, parseFilters, RANGE_CONDITIONS, validateCondition, type ParsedFilters } from './conditions';
import type { EntityDefinition, EntityIndex } from './entities';
import { partitionKey, rangeClause, toSqlValue } from './entity-index';
import { badRequest, invalid } from './errors';
import { isRecord, LIMITS } from './limits';
import type { KvsAnswer, KvsContext } from './operations';
import { decodeCursor, encodeCursor, toRecord } from './records';
import type { StoredItem } from './store';
import type { EntityQueryRequest } from './wire';

interface IndexEntry {
  readonly item: StoredItem;
  readonly attributes: Record<string, unknown>;
  readonly range: unknown;
}

const cursorSchema = z.object({
  index: z.string(),
  sort: z.enum(['ASC', 'DESC']),
  range: z.unknown().refine((range) => range !== undefined),
  key: z.string(),
});

/**
 * An entity query on one declared index. Like DynamoDB, which backs the Custom Entity Store,
 * the page is cut by `limit` over the index entries (partition + `where` range) in range order
 * BEFORE filters apply: a page can hold fewer items than `limit`, even none, and still carry a
 * cursor. Apps must loop on the cursor, never on the page size. The page is read through the
 * `entity_index` table (entity-index-table.ts), so its cost does not grow with the entity.
 */
export function entityQuery(ctx: KvsContext, request: EntityQueryRequest): KvsAnswer {
  const definition = ctx.catalog.definition(request.entityName);
  const index = ctx.catalog.index(definition, request.indexName);
  const limit = request.limit ?? LIMITS.defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.pageSize) {
    throw invalid('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be between 1 and ${LIMITS.pageSize}, got ${limit}`);
  }
  const partition = request.partition ?? [];
  if (partition.length !== index.partition.length) {
    const attributes = index.partition.join(', ');
    throw badRequest(`Index "${index.name}" is partitioned by [${attributes}]: give one value for each, in order (got ${partition.length})`);
  }
  if (request.range) validateCondition(request.range, RANGE_CONDITIONS);
  const filters = parseFilters(request.filters);
  if (filters) validateFilterProperties(definition, filters);
  const sort = request.sort ?? 'ASC';
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, cursorSchema);
  if (after && (after.index !== index.name || after.sort !== sort)) {
    throw badRequest('The cursor belongs to a query on another index or sort order');
  }

  const rows = ctx.store.indexPage(
    {
      ns: `entity:${definition.name}`,
      index: index.name,
      partition: partitionKey(partition),
      range: request.range ? rangeClause(request.range) : undefined,
      after: after ? { range: toSqlValue(after.range), key: after.key } : undefined,
      sort,
      limit: limit + 1,
    },
    ctx.now,
  );
  const page = rows.slice(0, limit).map((item) => entryOf(item, index));
  const more = rows.length > limit;
  const results = filters ? page.filter((e) => matchesFilters(e.attributes, filters)) : page;

  ctx.stats.query(
    results.reduce((sum, e) => sum + e.item.bytes, 0),
    results.length,
  );
  const fields = request.metadataFields ?? request.options?.metadataFields ?? [];
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: results.map((e) => toRecord(e.item, fields)),
      ...(more && last ? { cursor: encodeCursor({ index: index.name, sort, range: last.range, key: last.item.key }) } : {}),
    },
  };
}

/** Filters and transaction conditions may only name declared attributes, and never `any` ones. */
export function validateFilterProperties(definition: EntityDefinition, filters: ParsedFilters): void {
  for (const { property } of filters.items) {
    const type = definition.attributes.get(property);
    if (type === undefined || type === 'any') {
      throw invalid(
        'QUERY_WHERE_FIELD_INVALID',
        type === undefined
          ? `Attribute "${property}" is not declared for entity "${definition.name}"`
          : `Attribute "${property}" of entity "${definition.name}" has type any, which cannot be filtered`,
      );
    }
  }
}

function entryOf(item: StoredItem, index: EntityIndex): IndexEntry {
  const attributes = isRecord(item.value) ? item.value : {};
  return { item, attributes, range: attributes[index.range] };
}
