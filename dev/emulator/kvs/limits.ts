import { badRequest, invalid } from './errors';

/** Forge's documented KVS and Custom Entity Store limits (developer.atlassian.com/platform/forge/limits-kvs-ce). */
export const LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  /** Secrets (`kvs.setSecret`) are smaller: https://developer.atlassian.com/platform/forge/storage-reference/kvs-api-secret/ */
  secretBytes: 128 * 1024,
  objectDepth: 31,
  pageSize: 100,
  defaultPageSize: 10,
  transactionOperations: 25,
  batchItems: 25,
  /** Transactions and batchSet payloads. */
  payloadBytes: 4 * 1024 * 1024,
} as const;

// Written with an escaped `-` so the class means what Forge's `[a-zA-Z0-9:._\s-#]` means.
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export type KeyKind = 'kvs' | 'entity';

/** Key checks, with the codes of the KVS (KEY_TOO_SHORT) or Custom Entity Store (EMPTY_KEY) error tables. */
export function validateKey(key: string, kind: KeyKind): void {
  if (key.length === 0) {
    throw kind === 'kvs'
      ? invalid('KEY_TOO_SHORT', 'The provided key needs to be at least one character long')
      : invalid('EMPTY_KEY', 'Key cannot be empty');
  }
  if (key.length > LIMITS.keyLength) {
    throw invalid('KEY_TOO_LONG', `The provided key has ${key.length} characters; the maximum is ${LIMITS.keyLength}`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid('INVALID_KEY', `The provided key "${key}" does not match the regex ${KEY_PATTERN.source}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a value the way Forge persists it and returns its size in bytes (UTF-8 JSON).
 * `null` is refused anywhere in the value: Forge does not store it, and JSON turns NaN and
 * Infinity into null, so they are refused too.
 */
export function validateValue(value: unknown): number {
  if (value === undefined) throw badRequest('A value is required (undefined cannot be stored; use delete)');
  const nullPath = findNull(value, '$');
  if (nullPath) {
    throw badRequest(`Values cannot contain null (found at ${nullPath}; NaN and Infinity also serialise to null)`);
  }
  if (depthOf(value, 0) > LIMITS.objectDepth) {
    throw invalid('MAX_DEPTH', `The provided value is nested deeper than the maximum object depth of ${LIMITS.objectDepth}`);
  }
  const bytes = jsonBytes(value);
  if (bytes > LIMITS.valueBytes) {
    throw invalid('MAX_SIZE', `The provided value is ${bytes} bytes; the maximum is ${LIMITS.valueBytes} bytes (240 KiB)`);
  }
  return bytes;
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

function findNull(value: unknown, path: string): string | undefined {
  if (value === null) return path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNull(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isRecord(value)) {
    for (const [k, item] of Object.entries(value)) {
      const found = findNull(item, `${path}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Levels of objects and arrays; stops descending once past the limit so hostile input stays cheap. */
function depthOf(value: unknown, level: number): number {
  if (level > LIMITS.objectDepth) return level;
  const children = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : undefined;
  if (!children) return level;
  let deepest = level + 1;
  for (const child of children) deepest = Math.max(deepest, depthOf(child, level + 1));
  return deepest;
}

const TTL_UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 } as const;
export type TtlUnit = keyof typeof TTL_UNIT_SECONDS;

/** The absolute expiry, in epoch milliseconds, of a value written now with this TTL. */
export function expiryFor(ttl: { value: number; unit: TtlUnit } | undefined, now: number): number | undefined {
  if (!ttl) return undefined;
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) {
    throw badRequest(`ttl.value must be a positive integer, got ${ttl.value}`);
  }
  return now + ttl.value * TTL_UNIT_SECONDS[ttl.unit] * 1000;
}
