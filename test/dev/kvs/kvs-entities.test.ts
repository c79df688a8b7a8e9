import { Filter, FilterConditions, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { refusalOf } from './errors';
import { freshKvsPlatform } from './platform';

/** The `deployment` entity declared in fixtures/manifest.yml. */
interface Deployment {
  pipeline: string;
  environment: string;
  sequence: number;
  duration?: number;
  successful?: boolean;
  details?: unknown;
}

type Where = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;

const deployments = () => kvs.entity<Deployment>('deployment');

function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return { pipeline: 'web', environment: 'production', sequence: 1, duration: 1.5, successful: true, ...overrides };
}

let platform: Platform;
beforeEach(() => {
  platform = freshKvsPlatform();
});
afterEach(() => platform.close());

async function storeSequence(count: number, make: (i: number) => Partial<Deployment> = () => ({})): Promise<void> {
  for (let i = 1; i <= count; i++) await deployments().set(`d${i}`, deployment({ sequence: i, ...make(i) }));
}

describe('custom entities: values', () => {
  it('stores, reads and deletes an entity value, apart from plain keys and other entities', async () => {
    // Given the same key in an entity, another entity and the plain KVS
    await deployments().set('d1', deployment({ details: { commit: 'abc123', tags: ['x'] } }));
    await kvs.entity('build').set('d1', { pipeline: 'web', sequence: 7 });
    await kvs.set('d1', 'plain');

    // Then each store answers its own value
    expect(await deployments().get('d1')).toEqual(deployment({ details: { commit: 'abc123', tags: ['x'] } }));
    expect(await kvs.entity('build').get('d1')).toEqual({ pipeline: 'web', sequence: 7 });
    expect(await kvs.get('d1')).toBe('plain');

    await deployments().delete('d1');
    expect(await deployments().get('d1', { metadataFields: [MetadataField.CREATED_AT] })).toBeUndefined();
    expect(await kvs.entity('build').get('d1')).toEqual({ pipeline: 'web', sequence: 7 });
  });

  it.each([
    ['a string where an integer is declared', { sequence: 'one' }],
    ['a fraction for an integer', { sequence: 1.5 }],
    ['an integer beyond 32 bits', { sequence: 2 ** 31 }],
    ['a string for a boolean', { successful: 'yes' }],
    ['an undeclared attribute', { colour: 'blue' }],
  ])('refuses %s with INVALID_ENTITY_VALUE', async (_name, overrides) => {
    const value = { ...deployment(), ...overrides };
    expect(await refusalOf(kvs.entity('deployment').set('bad', value))).toMatchObject({ code: 'INVALID_ENTITY_VALUE', status: 400 });
  });

  it('refuses entities the manifest does not declare, and malformed names', async () => {
    expect((await refusalOf(kvs.entity('release').set('r1', {}))).code).toBe('INVALID_ENTITY_TYPE');
    expect((await refusalOf(kvs.entity('ab').get('r1'))).code).toBe('ENTITY_TYPE_TOO_SHORT');
    expect((await refusalOf(kvs.entity('Deployment').get('r1'))).code).toBe('INVALID_ENTITY_TYPE');
  });

  it('applies the key and value limits to entities too', async () => {
    expect((await refusalOf(deployments().set('', deployment()))).code).toBe('EMPTY_KEY');
    expect((await refusalOf(deployments().set('a/b', deployment()))).code).toBe('INVALID_KEY');
    expect((await refusalOf(deployments().set('d1', deployment({ details: 'x'.repeat(240 * 1024) })))).code).toBe('MAX_SIZE');
  });
});

describe('custom entities: index queries', () => {
  it('queries a partitioned index in range order, ascending or descending', async () => {
    // Given deployments of two environments, written out of order
    for (const [key, sequence, environment] of [
      ['a', 3, 'production'],
      ['b', 1, 'production'],
      ['c', 2, 'staging'],
      ['d', 2, 'production'],
    ] as const) {
      await deployments().set(key, deployment({ sequence, environment }));
    }
    const query = () => deployments().query().index('by-pipeline-environment', { partition: ['web', 'production'] });

    // Then the partition's entries come back by sequence, either way round
    expect((await query().getMany()).results.map((r) => r.key)).toEqual(['b', 'd', 'a']);
    expect((await query().sort(Sort.DESC).getMany()).results.map((r) => r.key)).toEqual(['a', 'd', 'b']);
  });

  it('narrows the range attribute with where', async () => {
    await storeSequence(10);
    const sequencesWhere = async (condition: Where) =>
      (await deployments().query().index('sequence').where(condition).getMany()).results.map((r) => r.value.sequence);
    expect(await sequencesWhere(WhereConditions.between(3, 5))).toEqual([3, 4, 5]);
    expect(await sequencesWhere(WhereConditions.greaterThan(8))).toEqual([9, 10]);
    expect(await sequencesWhere(WhereConditions.lessThanEqualTo(2))).toEqual([1, 2]);
    expect(await sequencesWhere(WhereConditions.equalTo(7))).toEqual([7]);
  });

  it('combines filters with and / or on non-index attributes', async () => {
    await storeSequence(6, (i) => ({ successful: i % 2 === 0, duration: i * 10 }));
    const and = new Filter<Deployment>()
      .and('successful', FilterConditions.equalTo(true))
      .and('duration', FilterConditions.greaterThan(20));
    const or = new Filter<Deployment>().or('sequence', FilterConditions.equalTo(1)).or('duration', FilterConditions.between(50, 60));
    const keys = async (filter: typeof and | typeof or) =>
      (await deployments().query().index('sequence').filters(filter).getMany()).results.map((r) => r.key);
    expect(await keys(and)).toEqual(['d4', 'd6']);
    expect(await keys(or)).toEqual(['d1', 'd5', 'd6']);
  });

  it('cuts the page by limit before filtering, like DynamoDB: loop on the cursor, not on the page size', async () => {
    // Given 10 deployments of which only the last 2 succeeded
    await storeSequence(10, (i) => ({ successful: i > 8 }));
    const successful = new Filter<Deployment>().and('successful', FilterConditions.equalTo(true));

    // When reading pages of 5 with the filter
    const first = await deployments().query().index('sequence').filters(successful).limit(5).getMany();
    const second = await deployments()
      .query()
      .index('sequence')
      .filters(successful)
      .limit(5)
      .cursor(first.nextCursor ?? '')
      .getMany();

    // Then the first page is empty but has a cursor, and the second holds the matches
    expect(first.results).toEqual([]);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.results.map((r) => r.key)).toEqual(['d9', 'd10']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('iterates 250 entities in pages of at most 100, newest first', async () => {
    for (let i = 1; i <= 250; i += 25) {
      const items = Array.from({ length: 25 }, (_, j) => ({
        entityName: 'deployment',
        key: `d${i + j}`,
        value: deployment({ sequence: i + j }),
      }));
      await kvs.batchSet(items);
    }
    const seen: number[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      let query = deployments().query().index('sequence').sort(Sort.DESC).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      pages.push(page.results.length);
      seen.push(...page.results.map((r) => r.value.sequence));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([100, 100, 50]);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
  });

  it('refuses undeclared indexes, missing partitions, bad limits and unfilterable attributes with Forge codes', async () => {
    const refusals = await Promise.all([
      refusalOf(deployments().query().index('by-environment').getMany()),
      refusalOf(deployments().query().index('by-pipeline-environment', { partition: ['web'] }).getMany()),
      refusalOf(deployments().query().index('sequence').limit(101).getMany()),
      refusalOf(
        deployments()
          .query()
          .index('sequence')
          .filters(new Filter<Deployment>().and('details', FilterConditions.exists()))
          .getMany(),
      ),
      refusalOf(
        deployments()
          .query()
          .index('sequence')
          // What a plain JavaScript caller could send: BETWEEN with one bound.
          .where({ condition: 'BETWEEN', values: [1] as unknown as [number, number] })
          .getMany(),
      ),
    ]);
    expect(refusals.map((r) => r.code)).toEqual([
      'INVALID_ENTITY_INDEX',
      'BAD_REQUEST',
      'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      'QUERY_WHERE_FIELD_INVALID',
      'INSUFFICIENT_FILTER_VALUES',
    ]);
  });
});
