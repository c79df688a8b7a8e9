import { kvs } from '@forge/kvs';
import { refusedBecauseKeyExists } from '../../storage/conditional-write';
import { keys } from '../../storage/keys';

/**
 * Remembers a webhook's signature (or its CI's event id) for as long as it could be accepted:
 * an atomic create, so two copies arriving together cannot both pass. False when seen before.
 */
export async function claimEvent(key: string, nowMillis: number, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(keys.replayGuard(key), { at: nowMillis }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
    return true;
  } catch (error) {
    if (await refusedBecauseKeyExists(error, keys.replayGuard(key))) return false;
    throw error;
  }
}

/** Lets the same event through again after it could not be recorded (the CI retries it). */
export async function releaseEvent(key: string): Promise<void> {
  await kvs.delete(keys.replayGuard(key));
}
