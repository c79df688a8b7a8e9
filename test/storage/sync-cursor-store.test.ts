import { kvs, WhereConditions } from '@forge/kvs';
import { keys } from '../../src/storage/keys';
import { CursorTooLarge, SyncCursorStore } from '../../src/storage/sync-cursor-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { testPlatform } from '../support/platform';

/** A Jenkins cursor as the provider makes it: an entry per job, by full name. */
function jenkinsCursor(jobs: number, nameLength: number, last = (i: number) => 100 + (i % 900)) {
  const entries: Record<string, { last: number; open?: number[] }> = {};
  for (let i = 0; i < jobs; i++) {
    const name = `team-${i % 40}/service-${i}/`.padEnd(nameLength, 'x');
    entries[name] = { last: last(i), ...(i % 50 === 0 ? { open: [last(i) - 1, last(i)] } : {}) };
  }
  return { provider: 'jenkins' as const, version: 1 as const, jobs: entries };
}

/** Every value stored for the connection's cursor, with its size as the KVS counts it. */
async function storedValueSizes(connectionId: string): Promise<number[]> {
  const sizes: number[] = [];
  let page = await kvs.query().where('key', WhereConditions.beginsWith(keys.syncCursor(connectionId))).limit(100).getMany();
  for (;;) {
    sizes.push(...page.results.map((r) => Buffer.byteLength(JSON.stringify(r.value), 'utf8')));
    if (!page.nextCursor) return sizes;
    page = await kvs.query().where('key', WhereConditions.beginsWith(keys.syncCursor(connectionId))).limit(100).cursor(page.nextCursor).getMany();
  }
}

const KIB = 1024;

describe('a Jenkins cursor at 20,000 jobs with 100-character names', () => {
  const state = new SyncStateStore();
  const cursor = jenkinsCursor(20_000, 100);

  it('given the first save, then every value written is well under 240 KiB and it reads back whole', async () => {
    expect(Buffer.byteLength(JSON.stringify(cursor))).toBeGreaterThan(2_000 * KIB);

    await state.saveCursor('big', cursor);

    const sizes = await storedValueSizes('big');
    expect(Math.max(...sizes)).toBeLessThan(64 * KIB);
    expect(sizes.length).toBeGreaterThan(20);
    expect(await state.cursor('big')).toEqual(cursor);
  });

  it('given three jobs with new builds, when saved, then only their buckets and the head are written', async () => {
    const stored = await state.storedCursor('big');
    const next = structuredClone(cursor);
    for (const name of Object.keys(next.jobs).slice(0, 3)) next.jobs[name] = { last: 5_000 };
    testPlatform().kvs.resetStats();

    const writes = await state.saveCursor('big', next, stored);

    const stats = testPlatform().kvs.stats;
    expect(writes).toBe(2); // one transaction of the changed buckets, then the head
    expect(stats.writes).toBe(2);
    expect(stats.itemsWritten).toBeLessThanOrEqual(4);
    expect(stats.writtenBytes).toBeLessThan(200 * KIB);
    expect(await state.cursor('big')).toEqual(next);
    expect(await state.cursorRevision('big')).not.toBe(stored.revision);
  });

  it('given nothing changed, when saved, then nothing is written', async () => {
    const stored = await state.storedCursor('big');
    testPlatform().kvs.resetStats();

    expect(await state.saveCursor('big', stored.value as object, stored)).toBe(0);
    expect(testPlatform().kvs.stats.writes).toBe(0);
  });

  it('given the connection is removed, then no part of its cursor is left', async () => {
    await state.forget('big');
    expect(await storedValueSizes('big')).toEqual([]);
    expect(await state.cursor('big')).toBeUndefined();
  });
});

describe('a cursor that grows and shrinks', () => {
  const state = new SyncStateStore();

  it('given a small cursor, then it is one value as always; once it grows it is split; once it shrinks it is one value again', async () => {
    const small = jenkinsCursor(20, 40);
    await state.saveCursor('grow', small);
    expect(await storedValueSizes('grow')).toHaveLength(1);
    expect(await kvs.get(keys.syncCursor('grow'))).toEqual(small);

    const large = jenkinsCursor(3_000, 90);
    await state.saveCursor('grow', large, await state.storedCursor('grow'));
    expect((await storedValueSizes('grow')).length).toBeGreaterThan(2);
    expect(await state.cursor('grow')).toEqual(large);

    await state.saveCursor('grow', small, await state.storedCursor('grow'));
    expect(await storedValueSizes('grow')).toHaveLength(1);
    expect(await state.cursor('grow')).toEqual(small);
  });

  it('given a cursor stored before chunking existed (one value), then it reads as it was', async () => {
    const legacy = jenkinsCursor(5, 30);
    await kvs.set(keys.syncCursor('legacy'), legacy);
    expect(await state.cursor('legacy')).toEqual(legacy);
  });
});

describe('a cursor that cannot fit', () => {
  it('is a CursorTooLarge with a hint, and nothing is written', async () => {
    // Given limits small enough to reach: 2 buckets of at most 4 KiB
    const store = new SyncStateStore(new SyncCursorStore({ inlineBytes: 1 * KIB, targetChunkBytes: 2 * KIB, maxValueBytes: 4 * KIB, maxBuckets: 2 }));
    testPlatform().kvs.resetStats();

    // When a 30 KiB cursor is saved
    const saving = store.saveCursor('huge', jenkinsCursor(300, 90));

    // Then it is refused with what to do
    await expect(saving).rejects.toBeInstanceOf(CursorTooLarge);
    await expect(saving).rejects.toMatchObject({ name: 'CursorTooLarge', hint: expect.stringContaining('fewer jobs') });
    expect(testPlatform().kvs.stats.writes).toBe(0);
  });
});

beforeAll(() => testPlatform().install());
