import { kvs } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { refusalOf } from './errors';
import { freshKvsPlatform } from './platform';

let platform: Platform;
beforeEach(() => {
  platform = freshKvsPlatform();
});
afterEach(() => platform.close());

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('KVS stats for benchmarks', () => {
  it('counts each get, miss and set as one billed operation with its bytes', async () => {
    // Given counters reset after set-up
    await kvs.set('seed', 1);
    platform.kvs.resetStats();

    // When the app writes once and reads twice (one miss)
    await kvs.set('connection:1', { url: 'https://ci.example.com' });
    await kvs.get('connection:1');
    await kvs.get('missing');

    // Then
    const value = { url: 'https://ci.example.com' };
    expect(platform.kvs.stats).toMatchObject({
      writes: 1,
      writtenBytes: jsonBytes(value),
      itemsWritten: 1,
      reads: 2,
      readBytes: jsonBytes(value),
      itemsRead: 1,
      queries: 0,
      rejected: 0,
      operations: expect.objectContaining({ set: 1, get: 2, transact: 0 }),
    });
  });

  it('bills every batch item, but a whole transaction as ONE write while still counting its items and bytes', async () => {
    await kvs.batchSet([
      { key: 'a', value: 'aa' },
      { key: 'b', value: 'bb' },
      { key: 'c', value: 'cc' },
    ]);
    expect(platform.kvs.stats).toMatchObject({ writes: 3, itemsWritten: 3, writtenBytes: 12 });

    const tx = kvs.transact();
    for (const key of ['t1', 't2', 't3', 't4']) tx.set(key, 'xx');
    await tx.delete('a').execute();

    expect(platform.kvs.stats).toMatchObject({ writes: 4, itemsWritten: 8, writtenBytes: 12 + 16 });
    expect(platform.kvs.stats.operations).toMatchObject({ batchSet: 1, transact: 1 });
  });

  it('counts query pages as queries and reads, and rounds each operation up to 10 KB units as Forge quotas do', async () => {
    await kvs.set('big', 'x'.repeat(25 * 1024)); // 3 units
    await kvs.set('small', 'x'); // 1 unit
    await kvs.query().getMany();

    expect(platform.kvs.stats).toMatchObject({ writeUnits: 4, queries: 1, reads: 1, itemsRead: 2, readUnits: 3 });
  });

  it('counts refused requests apart, and resets to zero', async () => {
    await refusalOf(kvs.set('bad/key', 1));
    expect(platform.kvs.stats).toMatchObject({ rejected: 1, writes: 0 });

    platform.kvs.resetStats();
    expect(platform.kvs.stats).toMatchObject({ rejected: 0, reads: 0, writes: 0, operations: expect.objectContaining({ set: 0 }) });
  });
});
