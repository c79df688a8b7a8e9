import { StoredCountStore } from '../../src/storage/stored-count-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { HistoryStore } from '../../src/storage/history-store';
import { TokenDetailsStore } from '../../src/storage/token-details-store';
import { getValues } from '../../src/storage/kvs-records';
import { kvs } from '@forge/kvs';

/** More connections than Forge's batchGet takes keys (25), as a large site has. */
const ids = Array.from({ length: 60 }, (_, i) => `conn-${i}`);

describe('reads of one record per connection on a site with more than 25 connections', () => {
  test('given 60 values, when read by key, then every stored one comes back once and missing keys are absent', async () => {
    for (const id of ids.slice(0, 55)) await kvs.set(`plain:${id}`, { id });

    const found = await getValues([...ids.map((id) => `plain:${id}`), 'plain:conn-0']);

    expect(found.size).toBe(55);
    expect(found.get('plain:conn-54')).toEqual({ id: 'conn-54' });
  });

  test('given 60 connections, when the hub and the Sync tab read their statuses, counts, imports and token details, then no read is refused', async () => {
    await expect(new SyncStateStore().statuses(ids)).resolves.toEqual([]);
    await expect(new StoredCountStore().counts(ids)).resolves.toBeInstanceOf(Map);
    await expect(new HistoryStore().getMany(ids)).resolves.toEqual([]);
    await expect(new TokenDetailsStore().many(ids)).resolves.toBeInstanceOf(Map);
  });
});
