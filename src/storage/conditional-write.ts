import { kvs } from '@forge/kvs';

/**
 * Documented codes that refuse a write for what it is, not because of the key's state
 * (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs).
 */
const NOT_A_CONFLICT = new Set(['KEY_TOO_SHORT', 'KEY_TOO_LONG', 'INVALID_KEY', 'MAX_SIZE', 'MAX_DEPTH', 'RATE_LIMIT_EXCEEDED']);

function kvsRefusal(error: unknown): { code: string; status: number } | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return undefined;
  const details = 'responseDetails' in error ? error.responseDetails : undefined;
  const status = typeof details === 'object' && details !== null && 'status' in details ? Number(details.status) : Number.NaN;
  return { code: error.code, status };
}

/**
 * Whether a `keyPolicy: 'FAIL_IF_EXISTS'` write of `key` was refused because the key exists.
 * Forge documents no error code for that refusal, so none is matched: any refusal of the KVS that
 * is not about the request itself (4xx, not a documented validation or rate-limit code) counts
 * only if the key is there when read back. A failure of another kind is left for the caller to throw.
 */
export async function refusedBecauseKeyExists(error: unknown, key: string): Promise<boolean> {
  const refusal = kvsRefusal(error);
  if (!refusal || NOT_A_CONFLICT.has(refusal.code)) return false;
  if (!(refusal.status >= 400 && refusal.status < 500)) return false;
  return (await kvs.get(key)) !== undefined;
}
