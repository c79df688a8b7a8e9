import { invalid } from './errors';
import type { Condition, FilterItem, Filters } from './wire';

/** Conditions `where` accepts on an index's range attribute (WhereConditions in @forge/kvs). */
export const RANGE_CONDITIONS: readonly string[] = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];

/** Conditions filters and transaction conditions accept (FilterConditions in @forge/kvs). */
export const FILTER_CONDITIONS: readonly string[] = [
  ...RANGE_CONDITIONS,
  'CONTAINS',
  'NOT_CONTAINS',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
];

export interface ParsedFilters {
  readonly operator: 'and' | 'or';
  readonly items: readonly FilterItem[];
}

/** Rejects what Forge rejects: unknown conditions, wrong value counts, value types no attribute can hold. */
export function validateCondition(condition: Condition, allowed: readonly string[]): void {
  const { condition: name, values } = condition;
  if (!allowed.includes(name)) {
    throw invalid('INVALID_FILTER_CONDITION', `Condition ${name} is not supported here (allowed: ${allowed.join(', ')})`);
  }
  if (name === 'BETWEEN' && values.length < 2) {
    throw invalid('INSUFFICIENT_FILTER_VALUES', 'BETWEEN needs two values');
  }
  const expected = name === 'BETWEEN' ? 2 : 1;
  if (values.length !== expected) {
    throw invalid('INVALID_FILTER_VALUES', `${name} takes ${expected} value(s), got ${values.length}`);
  }
  const typeOk = values.every((v) => {
    if (name === 'EXISTS' || name === 'NOT_EXISTS') return v === true;
    if (name === 'CONTAINS' || name === 'NOT_CONTAINS') return typeof v === 'string';
    if (name === 'EQUAL_TO' || name === 'NOT_EQUAL_TO') return ['string', 'number', 'boolean'].includes(typeof v);
    return typeof v === 'string' || typeof v === 'number';
  });
  if (!typeOk) {
    throw invalid('INVALID_FILTER_VALUES', `${name} cannot compare with ${JSON.stringify(values)}`);
  }
}

/** Filters carry exactly one non-empty operator, `and` or `or`, never both at the same level. */
export function parseFilters(filters: Filters | undefined): ParsedFilters | undefined {
  if (filters === undefined) return undefined;
  if (filters.and !== undefined && filters.or !== undefined) {
    throw invalid('INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level');
  }
  const operator = filters.or !== undefined ? 'or' : 'and';
  const items = filters[operator] ?? [];
  if (items.length === 0) throw invalid('EMPTY_FILTER_OPERATOR', `Filter operator "${operator}" cannot be empty`);
  for (const item of items) validateCondition(item, FILTER_CONDITIONS);
  return { operator, items };
}

export function matchesFilters(value: Record<string, unknown>, filters: ParsedFilters): boolean {
  const results = filters.items.map((item) => satisfies(value[item.property], item, item.property in value));
  return filters.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/**
 * Whether an attribute value meets a condition. As in DynamoDB, which stores Forge entities, a
 * missing attribute or one of another type never matches a comparison.
 */
export function satisfies(actual: unknown, condition: Condition, present = actual !== undefined): boolean {
  const [first, second] = condition.values;
  switch (condition.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'EQUAL_TO':
      return present && actual === first;
    case 'NOT_EQUAL_TO':
      return !present || actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return contains(actual, first);
    case 'NOT_CONTAINS':
      return present && !contains(actual, first);
    case 'GREATER_THAN':
      return compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return compare(actual, first) >= 0;
    case 'LESS_THAN':
      return compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return compare(actual, first) <= 0;
    case 'BETWEEN':
      return compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      return false;
  }
}

/** Orders two strings or two numbers; NaN (never matches) for anything else. */
export function compare(a: unknown, b: unknown): number {
  const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return Number.NaN;
  return a < b ? -1 : a > b ? 1 : 0;
}

function contains(actual: unknown, needle: unknown): boolean {
  if (typeof actual === 'string') return typeof needle === 'string' && actual.includes(needle);
  if (Array.isArray(actual)) return actual.includes(needle);
  return false;
}
