import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { freshKvsPlatform } from './platform';

/** The fixture's `build` entity: `by-pipeline-branch` is partitioned by pipeline and ordered by branch. */
interface Build {
  pipeline: string;
  sequence: number;
  branch?: string;
}

const builds = () => kvs.entity<Build>('build');
const build = (overrides: Partial<Build> = {}): Build => ({ pipeline: 'web', sequence: 1, branch: 'main', ...overrides });

let now = Date.parse('2026-01-01T00:00:00Z');
let platform: Platform;
const opened: Platform[] = [];
beforeEach(() => {
  platform = freshKvsPlatform({ clock: () => now });
  opened.push(platform);
});
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

async function branchKeys(pipeline: string, options: { where?: ReturnType<typeof WhereConditions.beginsWith>; sort?: Sort } = {}) {
  let query = builds().query().index('by-pipeline-branch', { partition: [pipeline] });
  if (options.where) query = query.where(options.where);
  if (options.sort) query = query.sort(options.sort);
  return (await query.getMany()).results.map((r) => r.key);
}

describe('entity indexes kept in step with writes', () => {
  it('leaves items without the range or a partition attribute out of that index only', async () => {
    // Given one build on a branch and one without a branch
    await builds().set('b1', build({ branch: 'main' }));
    await builds().set('b2', { pipeline: 'web', sequence: 2 });

    // Then only the first is in the branch index, and both are in the sequence index
    expect(await branchKeys('web')).toEqual(['b1']);
    expect((await builds().query().index('sequence').getMany()).results.map((r) => r.key)).toEqual(['b1', 'b2']);
  });

  it('moves an item between partitions when it is overwritten, and drops it when deleted', async () => {
    await builds().set('b1', build({ pipeline: 'web' }));
    await builds().set('b1', build({ pipeline: 'api' }));
    expect(await branchKeys('web')).toEqual([]);
    expect(await branchKeys('api')).toEqual(['b1']);

    await builds().delete('b1');
    expect(await branchKeys('api')).toEqual([]);
  });

  it('keeps the index untouched when a transaction fails its condition', async () => {
    // Given a build, and a transaction that moves it but checks a condition that fails
    await builds().set('b1', build({ branch: 'main' }));
    const failing = kvs
      .transact()
      .set('b1', build({ branch: 'feature/x' }), { entityName: 'build' })
      .check('missing', { entityName: 'build', conditions: new Filter<Build>().and('pipeline', FilterConditions.equalTo('web')) });

    // When it runs
    await expect(failing.execute()).rejects.toThrow();

    // Then the index still answers the old value
    expect(await branchKeys('web', { where: WhereConditions.beginsWith('feature/') })).toEqual([]);
    expect(await branchKeys('web')).toEqual(['b1']);
  });

  it('answers BEGINS_WITH on a string range from the index, in UTF-8 order both ways', async () => {
    for (const [key, branch] of [
      ['b1', 'feature/a'],
      ['b2', 'feature'],
      ['b3', 'featurf'],
      ['b4', 'feature/é'],
      ['b5', 'fix/a'],
    ] as const) {
      await builds().set(key, build({ branch }));
    }
    expect(await branchKeys('web', { where: WhereConditions.beginsWith('feature') })).toEqual(['b2', 'b1', 'b4']);
    expect(await branchKeys('web', { where: WhereConditions.beginsWith('feature/'), sort: Sort.DESC })).toEqual(['b4', 'b1']);
    expect(await branchKeys('web', { where: WhereConditions.beginsWith('') })).toEqual(['b2', 'b1', 'b4', 'b3', 'b5']);
  });

  it('hides items whose TTL has passed from index queries', async () => {
    await builds().set('b1', build(), { ttl: { value: 1, unit: 'MINUTES' } });
    await builds().set('b2', build({ branch: 'release' }));
    expect(await branchKeys('web')).toEqual(['b1', 'b2']);

    now += 61_000;
    expect(await branchKeys('web')).toEqual(['b2']);
  });

  it('neither skips nor repeats entries when items are added between pages', async () => {
    // Given sequences 10..50 in steps of 10, read in pages of 2 newest first
    for (const sequence of [10, 20, 30, 40, 50]) await builds().set(`s${sequence}`, build({ sequence }));
    const page = (cursor?: string) => {
      const query = builds().query().index('sequence').sort(Sort.DESC).limit(2);
      return (cursor ? query.cursor(cursor) : query).getMany();
    };
    const first = await page();

    // When one item lands before the cursor and one after it
    await builds().set('s45', build({ sequence: 45 }));
    await builds().set('s35', build({ sequence: 35 }));
    const second = await page(first.nextCursor);

    // Then the next page starts right after the last entry seen
    expect(first.results.map((r) => r.key)).toEqual(['s50', 's40']);
    expect(second.results.map((r) => r.key)).toEqual(['s35', 's30']);
  });
});

describe('entity indexes in files written before the index table existed', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'kvs-index-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the index table on open', async () => {
    // Given a file with builds whose index table and its marker are gone, as in an older file
    const file = path.join(dir, 'kvs.sqlite');
    platform.close();
    const writer = freshKvsPlatform({ storageFile: file });
    opened.push(writer);
    await builds().set('b1', build({ pipeline: 'web', branch: 'main' }));
    await builds().set('b2', build({ pipeline: 'web', branch: 'dev' }));
    writer.close();
    const db = new Database(file);
    db.exec('DROP TABLE entity_index; DROP TABLE kvs_meta');
    db.close();

    // When the emulator opens it again
    opened.push(freshKvsPlatform({ storageFile: file }));

    // Then the index answers as before
    expect(await branchKeys('web')).toEqual(['b2', 'b1']);
  });
});
