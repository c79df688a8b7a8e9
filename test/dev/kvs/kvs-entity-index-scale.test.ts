import { kvs, Sort, WhereConditions } from '@forge/kvs';
import type { EntityDefinition } from '../../../dev/emulator/kvs/entities';
import { indexerFor, partitionKey, rangeClause } from '../../../dev/emulator/kvs/entity-index';
import type { IndexQuery } from '../../../dev/emulator/kvs/entity-index-table';
import { SqliteStore } from '../../../dev/emulator/kvs/store';
import type { Platform } from '../../../dev/emulator/platform';
import { freshKvsPlatform } from './platform';

const ITEMS = 20_000;

interface Deployment {
  pipeline: string;
  environment: string;
  sequence: number;
}

const deployments = () => kvs.entity<Deployment>('deployment');

let platform: Platform;
beforeAll(async () => {
  platform = freshKvsPlatform();
  // Given 20,000 deployments, half in production and half in staging
  for (let n = 0; n < ITEMS; n += 25) {
    const items = Array.from({ length: 25 }, (_, i) => ({
      entityName: 'deployment',
      key: `d${n + i}`,
      value: { pipeline: 'web', environment: (n + i) % 2 === 0 ? 'production' : 'staging', sequence: n + i },
    }));
    await kvs.batchSet(items);
  }
});
afterAll(() => platform.close());

describe('entity queries on a 20,000-item entity', () => {
  it('read only the rows of the page asked for, page after page', async () => {
    // When reading two pages of 10 of one partition, newest first, within a range
    const query = () =>
      deployments()
        .query()
        .index('by-pipeline-environment', { partition: ['web', 'production'] })
        .where(WhereConditions.between(1000, 9000))
        .sort(Sort.DESC)
        .limit(10);
    const before = platform.kvs.itemRowsRead;
    const first = await query().getMany();
    const afterFirst = platform.kvs.itemRowsRead;
    const second = await query()
      .cursor(first.nextCursor ?? '')
      .getMany();

    // Then each page read its 10 rows plus the one that tells whether more follow
    expect(first.results.map((r) => r.value.sequence)).toEqual(Array.from({ length: 10 }, (_, i) => 9000 - 2 * i));
    expect(second.results.map((r) => r.value.sequence)).toEqual(Array.from({ length: 10 }, (_, i) => 8980 - 2 * i));
    expect(afterFirst - before).toBe(11);
    expect(platform.kvs.itemRowsRead - afterFirst).toBe(11);
  });
});

describe('the SQL behind entity queries', () => {
  const definition: EntityDefinition = {
    name: 'deployment',
    attributes: new Map([
      ['pipeline', 'string'],
      ['sequence', 'integer'],
    ]),
    indexes: new Map([['by-pipeline', { name: 'by-pipeline', partition: ['pipeline'], range: 'sequence' }]]),
  };
  const store = new SqliteStore(undefined, indexerFor([definition]));
  afterAll(() => store.close());
  const base: IndexQuery = {
    ns: 'entity:deployment',
    index: 'by-pipeline',
    partition: partitionKey(['web']),
    range: undefined,
    after: undefined,
    sort: 'ASC',
    limit: 11,
  };

  it.each<[string, Partial<IndexQuery>]>([
    ['a whole partition', {}],
    ['a range, descending', { range: rangeClause({ condition: 'BETWEEN', values: [1, 5] }), sort: 'DESC' }],
    ['a prefix', { range: rangeClause({ condition: 'BEGINS_WITH', values: ['v1'] }) }],
    ['the page after a cursor', { after: { range: 7, key: 'd7' } }],
    ['a cursor and a bound', { range: rangeClause({ condition: 'LESS_THAN', values: [9] }), after: { range: 7, key: 'd7' }, sort: 'DESC' }],
  ])('seek in the index for %s, never scanning or sorting', (_name, overrides) => {
    const plan = store.indexPlan({ ...base, ...overrides });
    expect(plan).toEqual([expect.stringMatching(/^SEARCH x USING PRIMARY KEY \(ns=\? AND index_name=\? AND partition=\?/), expect.any(String)]);
    expect(plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
  });
});
