import { kvs } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { freshKvsPlatform } from './platform';

let platform: Platform;
beforeEach(() => {
  platform = freshKvsPlatform();
});
afterEach(() => platform.close());

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('KVS stats: the largest value written', () => {
  it('is the largest single value, not the sum of a transaction or a batch', async () => {
    // Given a set, a batch and a transaction of values of different sizes
    await kvs.set('one', 'x'.repeat(10));
    await kvs.batchSet([
      { key: 'a', value: 'y'.repeat(30) },
      { key: 'b', value: 'y'.repeat(20) },
    ]);
    const tx = kvs.transact();
    tx.set('t1', 'z'.repeat(50));
    tx.set('t2', 'z'.repeat(40));
    await tx.execute();

    // Then the largest is the 50-character value, on its own
    expect(platform.kvs.stats.maxValueBytes).toBe(jsonBytes('z'.repeat(50)));
  });

  it('starts again from zero after a reset', async () => {
    // Given a value written, then the counters reset
    await kvs.set('big', 'x'.repeat(100));
    platform.kvs.resetStats();

    // Then nothing has been written since
    expect(platform.kvs.stats.maxValueBytes).toBe(0);
  });
});
