import { kvs } from '@forge/kvs';
import type { ConflictAnswer } from '../../../dev/emulator/kvs/errors';
import { refusedBecauseKeyExists } from '../../../src/storage/conditional-write';
import { SyncStateStore } from '../../../src/storage/sync-state-store';
import { claimSignature } from '../../../src/webtrigger/replay-guard';
import { freshKvsPlatform } from './platform';

/**
 * Forge's KVS error table (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs)
 * names no code for a refused FAIL_IF_EXISTS write. The app's conditional writes (the sync lease,
 * the webtrigger replay guard) must behave the same whatever the platform answers.
 */
const ANSWERS: readonly ConflictAnswer[] = [
  { status: 409, code: 'CONDITIONAL_CHECK_FAILED' },
  { status: 409, code: 'KEY_ALREADY_EXISTS' },
  { status: 400, code: 'BAD_REQUEST' },
  { status: 412, code: 'PRECONDITION_FAILED' },
];

describe.each(ANSWERS)('when the KVS refuses a conditional write with $status $code', (conflict) => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  beforeEach(() => {
    freshKvsPlatform({ clock: () => now, kvsConflict: conflict });
  });

  it('the sync lease is held by one run at a time', async () => {
    // Given a run holding the lease of a connection
    const store = new SyncStateStore();
    expect(await store.acquireLease('jenkins-1', 'run-a', now, 60)).toBe(true);

    // When another run tries to take it, and later the first releases it
    const second = await store.acquireLease('jenkins-1', 'run-b', now, 60);
    await store.releaseLease('jenkins-1', 'run-a');
    const afterRelease = await store.acquireLease('jenkins-1', 'run-b', now, 60);

    // Then the second run waits, then gets it
    expect([second, afterRelease]).toEqual([false, true]);
  });

  it('a webtrigger signature is accepted once', async () => {
    expect(await claimSignature('sig-1', now)).toBe(true);
    expect(await claimSignature('sig-1', now)).toBe(false);
  });
});

describe('refusedBecauseKeyExists', () => {
  beforeEach(() => {
    freshKvsPlatform();
  });

  it('is false for a refusal about the request itself, even when the key exists', async () => {
    // Given a stored key, and a write of it refused for its size
    await kvs.set('held', 'x');
    const tooBig = await kvs.set('held', 'x'.repeat(241 * 1024), { keyPolicy: 'FAIL_IF_EXISTS' }).catch((error: unknown) => error);

    // Then it does not count as "the key exists"
    expect(await refusedBecauseKeyExists(tooBig, 'held')).toBe(false);
  });

  it('is false for an error that did not come from the KVS', async () => {
    expect(await refusedBecauseKeyExists(new Error('network down'), 'held')).toBe(false);
  });
});
