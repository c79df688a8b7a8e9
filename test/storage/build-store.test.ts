import type { Build } from '../../src/domain/build';
import { BuildStore } from '../../src/storage/build-store';
import { testPlatform } from '../support/platform';
import { aBuild } from '../support/builders';

const store = new BuildStore();
/** As the sync stores builds: find those new or changed (reads only), then write only them. */
async function upsert(builds: readonly Build[]) {
  const changed = await store.changed(builds);
  return { changed, billedWrites: await store.write(changed) };
}
const kvsStats = () => testPlatform().kvs.stats;

describe('BuildStore', () => {
  it('stores builds with their nulls intact and finds them by job, commit and branch', async () => {
    const build = aBuild({ number: 11, sha: 'b'.repeat(40), tag: null, finishedAt: null, state: 'in_progress' });
    await upsert([build]);

    expect(await store.get('jenkins-1', 'app/build', 11)).toEqual(build);
    expect(await store.bySha('B'.repeat(40))).toEqual([build]);
    const onMain = await store.onBranch('jenkins-1', 'main', Date.parse('2026-11-01T09:00:00Z'), Date.parse('2026-11-01T10:00:00Z'));
    expect(onMain).toContainEqual(build);
    expect((await store.byJob('jenkins-1', 'app/build')).map((b) => b.number)).toContain(11);
  });

  it('never rewrites an unchanged build, and writes a changed one once', async () => {
    const build = aBuild({ number: 12 });
    await upsert([build]);
    testPlatform().kvs.resetStats();

    const unchanged = await upsert([build]);
    expect(unchanged.changed).toEqual([]);
    expect(kvsStats().writes).toBe(0);

    const finished = await upsert([{ ...build, state: 'failed', rawState: 'FAILURE' }]);
    expect(finished.changed).toHaveLength(1);
    expect(kvsStats().writes).toBe(1);
  });

  it('given more builds of one commit than a page holds, when they are read by commit, then every page comes back, oldest first', async () => {
    const sha = 'c'.repeat(40);
    const at = (i: number) => new Date(Date.parse('2026-11-03T00:00:00.000Z') + i * 60_000).toISOString();
    const builds = Array.from({ length: 130 }, (_, i) => aBuild({ number: 500 + i, sha, startedAt: at(i) }));
    await store.write(builds);

    const found = await store.bySha(sha);

    expect(found.map((b) => b.number)).toEqual(builds.map((b) => b.number));
  });

  it('bills one write per 25 new builds', async () => {
    testPlatform().kvs.resetStats();
    const builds = Array.from({ length: 60 }, (_, i) => aBuild({ number: 100 + i }));
    const result = await upsert(builds);
    expect(result.changed).toHaveLength(60);
    expect(result.billedWrites).toBe(3);
    expect(kvsStats().writes).toBe(3);
  });
});
