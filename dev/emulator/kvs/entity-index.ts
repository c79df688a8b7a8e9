import type { EntityDefinition } from './entities';
import { isRecord } from './limits';
import type { Condition } from './wire';

/**
 * A range attribute value as SQLite stores and orders it in `entity_index`: numbers as numbers,
 * strings as text, anything else (booleans, `any` values) as the bytes of its JSON. SQLite orders
 * numbers < text < blobs, text by UTF-8 bytes (as DynamoDB orders strings), blobs byte-wise, so
 * booleans sort as their JSON text did before the index existed.
 */
export type SqlValue = number | string | Buffer;

/** One entry of one declared index for one stored item. */
export interface IndexRow {
  readonly index: string;
  readonly partition: string;
  readonly range: SqlValue;
}

/** What the store needs to keep `entity_index` in step with the manifest's indexes. */
export interface EntityIndexer {
  /** Changes whenever an index is added or redefined, so the store knows to rebuild its entries. */
  readonly signature: string;
  rowsFor(ns: string, value: unknown): IndexRow[];
}

export function toSqlValue(value: unknown): SqlValue {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** Partition values compare as their JSON, so one text column holds any number of them. */
export function partitionKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** The indexer of the manifest's entities; items of other namespaces have no entries. */
export function indexerFor(definitions: readonly EntityDefinition[]): EntityIndexer {
  const byNamespace = new Map(definitions.map((definition) => [`entity:${definition.name}`, definition]));
  const signature = JSON.stringify(
    definitions.map((definition) => [definition.name, [...definition.indexes.values()].map((i) => [i.name, i.partition, i.range])]),
  );
  return {
    signature,
    rowsFor: (ns, value) => {
      const definition = byNamespace.get(ns);
      return definition ? indexRows(definition, value) : [];
    },
  };
}

/** An item is in an index only when it has the range attribute and every partition attribute. */
function indexRows(definition: EntityDefinition, value: unknown): IndexRow[] {
  if (!isRecord(value)) return [];
  const rows: IndexRow[] = [];
  for (const index of definition.indexes.values()) {
    const range = value[index.range];
    const partition = index.partition.map((attribute) => value[attribute]);
    if (range === undefined || partition.includes(undefined)) continue;
    rows.push({ index: index.name, partition: partitionKey(partition), range: toSqlValue(range) });
  }
  return rows;
}

export interface SqlClause {
  readonly sql: string;
  readonly params: Record<string, SqlValue>;
}

const NUMBER = `typeof(x.range_value) IN ('integer', 'real')`;
const TEXT = `typeof(x.range_value) = 'text'`;
const NEVER: SqlClause = { sql: '0', params: {} };

/**
 * A validated `where` on the range attribute as SQL over `x.range_value`. Comparisons only match
 * a value of the bound's own type (a number never matches a string bound), as `satisfies` in
 * conditions.ts decides for filters; the bounds let SQLite seek in the index instead of scanning.
 */
export function rangeClause(condition: Condition): SqlClause {
  const [first, second] = condition.values;
  switch (condition.condition) {
    case 'EQUAL_TO':
      if (typeof first === 'boolean') return { sql: `x.range_value = @r1`, params: { r1: toSqlValue(first) } };
      return typeof first === 'number' || typeof first === 'string'
        ? { sql: `x.range_value = @r1 AND ${typeGuard(first)}`, params: { r1: first } }
        : NEVER;
    case 'BEGINS_WITH':
      return beginsWith(String(first));
    case 'BETWEEN':
      if (!comparable(first) || !comparable(second) || typeof first !== typeof second) return NEVER;
      return { sql: `x.range_value >= @r1 AND x.range_value <= @r2 AND ${typeGuard(first)}`, params: { r1: first, r2: second } };
    default:
      return comparison(condition.condition, first);
  }
}

const OPERATORS: Readonly<Record<string, string>> = {
  GREATER_THAN: '>',
  GREATER_THAN_EQUAL_TO: '>=',
  LESS_THAN: '<',
  LESS_THAN_EQUAL_TO: '<=',
};

function comparison(name: string, bound: unknown): SqlClause {
  const operator = OPERATORS[name];
  if (operator === undefined || !comparable(bound)) return NEVER;
  return { sql: `x.range_value ${operator} @r1 AND ${typeGuard(bound)}`, params: { r1: bound } };
}

function comparable(value: unknown): value is number | string {
  return typeof value === 'number' || typeof value === 'string';
}

function typeGuard(value: number | string): string {
  return typeof value === 'number' ? NUMBER : TEXT;
}

/**
 * Strings starting with `prefix` are exactly those from `prefix` up to (not including) `prefix`
 * with its last code point incremented, in code point order, which is SQLite's UTF-8 byte order.
 */
function beginsWith(prefix: string): SqlClause {
  const points = [...prefix];
  const last = points.pop();
  const next = last === undefined ? undefined : nextCodePoint(last.codePointAt(0) ?? 0);
  // The substr test keeps the answer exact where no upper bound exists; within the bounds it is always true.
  const exact = `x.range_value >= @r1 AND substr(x.range_value, 1, length(@r1)) = @r1 AND ${TEXT}`;
  if (next === undefined) return { sql: exact, params: { r1: prefix } };
  const upper = points.join('') + String.fromCodePoint(next);
  return { sql: `${exact} AND x.range_value < @r2`, params: { r1: prefix, r2: upper } };
}

function nextCodePoint(point: number): number | undefined {
  if (point >= 0x10ffff) return undefined;
  // Lone surrogates are not valid UTF-8: skip over their block.
  return point + 1 >= 0xd800 && point + 1 <= 0xdfff ? 0xe000 : point + 1;
}
