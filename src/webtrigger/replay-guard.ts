import { kvs } from '@forge/kvs';
import { refusedBecauseKeyExists } from '../storage/conditional-write';
import { keys } from '../storage/keys';

/** Longer than the window a timestamp is accepted in, on either side of the server's clock. */
const GUARD_SECONDS = 15 * 60;

/**
 * Remembers a signature for as long as its timestamp could be accepted: an atomic create, so
 * two copies of one request arriving together cannot both pass. False when it was seen before.
 */
export async function claimSignature(signature: string, nowMillis: number): Promise<boolean> {
  try {
    await kvs.set(keys.replayGuard(signature), { at: nowMillis }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: GUARD_SECONDS, unit: 'SECONDS' } });
    return true;
  } catch (error) {
    if (await refusedBecauseKeyExists(error, keys.replayGuard(signature))) return false;
    throw error;
  }
}

/** Lets the same request through again after it could not be recorded. */
export async function releaseSignature(signature: string): Promise<void> {
  await kvs.delete(keys.replayGuard(signature));
}
