import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { refusalOf } from './errors';
import { freshKvsPlatform } from './platform';

interface Deployment {
  pipeline: string;
  environment: string;
  sequence: number;
  successful?: boolean;
}

function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return { pipeline: 'web', environment: 'production', sequence: 1, ...overrides };
}

const keys = (count: number, prefix = 'k') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

let platform: Platform;
beforeEach(() => {
  platform = freshKvsPlatform();
});
afterEach(() => platform.close());

describe('batch operations', () => {
  it('sets, gets and deletes plain keys and entities in one call, reporting each item', async () => {
    // Given a batch mixing plain keys, an entity, and one invalid item
    const set = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'b', value: { x: 'y' } },
      { key: 'd1', value: deployment(), entityName: 'deployment' },
      { key: 'bad/key', value: 1 },
    ]);

    // Then valid items are stored and the invalid one reported with its own code
    expect(set.successfulKeys).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'd1', entityName: 'deployment' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) } }]);

    const got = await kvs.batchGet([{ key: 'a' }, { key: 'd1', entityName: 'deployment' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'a', value: 1 },
      { key: 'd1', entityName: 'deployment', value: deployment() },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);

    const deleted = await kvs.batchDelete([{ key: 'a' }, { key: 'd1', entityName: 'deployment' }]);
    expect(deleted.successfulKeys).toEqual([{ key: 'a' }, { key: 'd1', entityName: 'deployment' }]);
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.get('b')).toEqual({ x: 'y' });
  });

  it('takes 25 items and refuses 26, an empty batch, or a key named twice', async () => {
    await kvs.batchSet(keys(25).map((key) => ({ key, value: key })));
    expect((await kvs.batchGet(keys(25).map((key) => ({ key })))).successfulKeys).toHaveLength(25);

    expect(await refusalOf(kvs.batchSet(keys(26).map((key) => ({ key, value: key }))))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(await refusalOf(kvs.batchGet(keys(26).map((key) => ({ key }))))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusalOf(kvs.batchDelete([]))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await refusalOf(
        kvs.batchSet([
          { key: 'k0', value: 1 },
          { key: 'k0', value: 2 },
        ]),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('transactions', () => {
  it('applies 25 operations on distinct keys together', async () => {
    await kvs.set('old', 'gone soon');
    const tx = kvs.transact();
    for (const key of keys(24)) tx.set(key, key);
    tx.delete('old');
    await tx.execute();

    expect((await kvs.query().limit(100).getMany()).results.map((r) => r.key).sort()).toEqual(keys(24).sort());
  });

  it('refuses 26 operations, and a key used twice, without writing anything', async () => {
    const tooMany = kvs.transact();
    for (const key of keys(26)) tooMany.set(key, key);
    expect(await refusalOf(tooMany.execute())).toMatchObject({ code: 'BAD_REQUEST', status: 400 });

    const twice = kvs.transact().set('k0', 1).delete('k0');
    expect(await refusalOf(twice.execute())).toMatchObject({ code: 'BAD_REQUEST' });

    expect((await kvs.query().getMany()).results).toEqual([]);
  });

  it('is atomic: one invalid value refuses the whole transaction', async () => {
    const tx = kvs.transact().set('a', 1).set('b', { result: null });
    expect((await refusalOf(tx.execute())).code).toBe('BAD_REQUEST');
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('writes nothing when an entity check fails, and everything when it passes', async () => {
    // Given a deployment that has not succeeded
    await kvs.entity('deployment').set('d1', deployment({ successful: false }));
    const succeeded = new Filter<Deployment>().and('successful', FilterConditions.equalTo(true));
    const transaction = () =>
      kvs
        .transact()
        .set('summary:web', { latest: 'd1' })
        .set('d2', deployment({ sequence: 2 }), { entityName: 'deployment' })
        .check('d1', { entityName: 'deployment', conditions: succeeded });

    // When the check fails, nothing is written
    expect(await refusalOf(transaction().execute())).toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED', status: 409 });
    expect(await kvs.get('summary:web')).toBeUndefined();
    expect(await kvs.entity('deployment').get('d2')).toBeUndefined();

    // When it passes, everything is
    await kvs.entity('deployment').set('d1', deployment({ successful: true }));
    await transaction().execute();
    expect(await kvs.get('summary:web')).toEqual({ latest: 'd1' });
    expect(await kvs.entity<Deployment>('deployment').get('d2')).toEqual(deployment({ sequence: 2 }));
  });

  it('applies conditions on entity sets and deletes, and checks that the entity exists', async () => {
    await kvs.entity('deployment').set('d1', deployment({ sequence: 5 }));
    const newer = (n: number) => new Filter<Deployment>().and('sequence', FilterConditions.lessThan(n));

    // A conditional overwrite only goes through while the stored sequence is older
    await kvs.transact().set('d1', deployment({ sequence: 6 }), { entityName: 'deployment', conditions: newer(6) }).execute();
    const older = kvs.transact().set('d1', deployment({ sequence: 4 }), { entityName: 'deployment', conditions: newer(4) });
    expect((await refusalOf(older.execute())).code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await kvs.entity<Deployment>('deployment').get('d1')).toEqual(deployment({ sequence: 6 }));

    // A check on a missing entity fails; a conditional delete needs its condition
    const checkMissing = kvs.transact().check('nope', { entityName: 'deployment', conditions: newer(99) });
    expect((await refusalOf(checkMissing.execute())).code).toBe('CONDITIONAL_CHECK_FAILED');
    await kvs.transact().delete('d1', { entityName: 'deployment', conditions: newer(7) }).execute();
    expect(await kvs.entity('deployment').get('d1')).toBeUndefined();
  });
});
