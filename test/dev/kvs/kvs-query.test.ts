import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { refusalOf } from './errors';
import { freshKvsPlatform } from './platform';

let platform: Platform;
beforeEach(() => {
  platform = freshKvsPlatform();
});
afterEach(() => platform.close());

/** Keys `deploy:000` ... in order, so key order is numeric order. */
function deployKey(n: number): string {
  return `deploy:${String(n).padStart(3, '0')}`;
}

async function storeDeploys(from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n += 25) {
    const items = [];
    for (let i = n; i < Math.min(n + 25, from + count); i++) items.push({ key: deployKey(i), value: { n: i } });
    await kvs.batchSet(items);
  }
}

/** Every key of a cursor loop, the way app code must read a list. */
async function allKeys(prefix: string, pageSize: number): Promise<{ keys: string[]; pages: number[] }> {
  const keys: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(pageSize);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    pages.push(page.results.length);
    keys.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  return { keys, pages };
}

describe('kvs.query', () => {
  it('lists keys that begin with a prefix, in key order, and nothing else', async () => {
    // Given keys under two prefixes, written out of order
    await kvs.set('deploy:002', 2);
    await kvs.set('build:001', 1);
    await kvs.set('deploy:001', 1);

    // When querying one prefix
    const { results, nextCursor } = await kvs.query().where('key', WhereConditions.beginsWith('deploy:')).getMany();

    // Then only its keys come back, ordered, with no cursor after the last page
    expect(results).toEqual([
      { key: 'deploy:001', value: 1 },
      { key: 'deploy:002', value: 2 },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('answers 10 items a page when no limit is given', async () => {
    await storeDeploys(0, 15);
    const page = await kvs.query().getMany();
    expect(page.results).toHaveLength(10);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('iterates 250 items in pages of at most 100 with the cursor', async () => {
    await storeDeploys(0, 250);
    const { keys, pages } = await allKeys('deploy:', 100);
    expect(pages).toEqual([100, 100, 50]);
    expect(keys).toEqual(Array.from({ length: 250 }, (_, i) => deployKey(i)));
  });

  it('keeps its place when items are added between pages', async () => {
    // Given a first page read over 0..99 (even numbers only)
    for (let i = 0; i < 100; i += 2) await kvs.set(deployKey(i), i);
    const first = await kvs.query().where('key', WhereConditions.beginsWith('deploy:')).limit(10).getMany();
    expect(first.results.at(-1)?.key).toBe(deployKey(18));

    // When odd numbers appear before and after the cursor
    for (let i = 1; i < 100; i += 2) await kvs.set(deployKey(i), i);
    const cursor = first.nextCursor ?? '';
    const second = await kvs.query().where('key', WhereConditions.beginsWith('deploy:')).limit(10).cursor(cursor).getMany();

    // Then the next page starts right after the last key read, including new keys after it
    expect(second.results.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => deployKey(19 + i)));
  });

  it('returns only the metadata fields asked for', async () => {
    await kvs.set('deploy:001', 1, { ttl: { value: 1, unit: 'DAYS' } });
    const plain = await kvs.query().getOne();
    const withExpiry = await kvs.query({ metadataFields: [MetadataField.EXPIRE_TIME] }).getOne();
    expect(plain).toEqual({ key: 'deploy:001', value: 1 });
    expect(withExpiry).toEqual({ key: 'deploy:001', value: 1, expireTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it.each([
    ['a limit above 100', 101],
    ['a zero limit', 0],
  ])('refuses %s with LIST_QUERY_LIMIT_EXCEEDED', async (_name, limit) => {
    expect(await refusalOf(kvs.query().limit(limit).getMany())).toMatchObject({ code: 'LIST_QUERY_LIMIT_EXCEEDED', status: 400 });
  });

  it('refuses anything but one beginsWith on the key', async () => {
    // What a plain JavaScript caller can send; the typed builder allows neither.
    const onValue = { metadataFields: [], where: [{ property: 'value', ...WhereConditions.beginsWith('x') }] };
    const twoClauses = {
      metadataFields: [],
      where: [
        { property: 'key', ...WhereConditions.beginsWith('a') },
        { property: 'key', ...WhereConditions.beginsWith('b') },
      ],
    };
    expect((await refusalOf(kvs.query(onValue).getMany())).code).toBe('QUERY_WHERE_FIELD_INVALID');
    expect((await refusalOf(kvs.query(twoClauses).getMany())).code).toBe('QUERY_WHERE_INVALID');
  });

  it('refuses a cursor it did not issue', async () => {
    expect(await refusalOf(kvs.query().cursor('not-a-cursor').getMany())).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
  });
});
