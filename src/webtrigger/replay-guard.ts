import { kvs } from '@forge/kvs';
import { keys } from '../storage/keys';

/** Longer than the window a timestamp is accepted in, on either side of the server's clock. */
const GUARD_SECONDS = 15 * 60;

function alreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'KEY_ALREADY_EXISTS';
}

/**
 * Remembers a signature for as long as its timestamp could be accepted: an atomic create, so
 * two copies of one request arriving together cannot both pass. False when it was seen before.
 */
export async function claimSignature(signature: string, nowMillis: number): Promise<boolean> {
  try {
    await kvs.set(keys.replayGuard(signature), { at: nowMillis }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: GUARD_SECONDS, unit: 'SECONDS' } });
    return true;
  } catch (error) {
    if (alreadyExists(error)) return false;
    throw error;
  }
}

/** Lets the same request through again after it could not be recorded. */
export async function releaseSignature(signature: string): Promise<void> {
  await kvs.delete(keys.replayGuard(signature));
}
