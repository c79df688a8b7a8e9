import { BuildStore } from '../../src/storage/build-store';
import { testPlatform } from '../support/platform';
import { aBuild } from '../support/builders';

const store = new BuildStore();
const kvsStats = () => testPlatform().kvs.stats;

describe('BuildStore', () => {
  it('stores builds with their nulls intact and finds them by job, commit and branch', async () => {
    const build = aBuild({ number: 11, sha: 'b'.repeat(40), tag: null, finishedAt: null, state: 'in_progress' });
    await store.upsert([build]);

    expect(await store.get('jenkins-1', 'app/build', 11)).toEqual(build);
    expect(await store.bySha('B'.repeat(40))).toEqual([build]);
    const onMain = await store.onBranch('jenkins-1', 'main', Date.parse('2026-11-01T09:00:00Z'), Date.parse('2026-11-01T10:00:00Z'));
    expect(onMain).toContainEqual(build);
    expect((await store.byJob('jenkins-1', 'app/build')).map((b) => b.number)).toContain(11);
  });

  it('never rewrites an unchanged build, and writes a changed one once', async () => {
    const build = aBuild({ number: 12 });
    await store.upsert([build]);
    testPlatform().kvs.resetStats();

    const unchanged = await store.upsert([build]);
    expect(unchanged.changed).toEqual([]);
    expect(kvsStats().writes).toBe(0);

    const finished = await store.upsert([{ ...build, state: 'failed', rawState: 'FAILURE' }]);
    expect(finished.changed).toHaveLength(1);
    expect(kvsStats().writes).toBe(1);
  });

  it('bills one write per 25 new builds', async () => {
    testPlatform().kvs.resetStats();
    const builds = Array.from({ length: 60 }, (_, i) => aBuild({ number: 100 + i }));
    const result = await store.upsert(builds);
    expect(result.changed).toHaveLength(60);
    expect(result.billedWrites).toBe(3);
    expect(kvsStats().writes).toBe(3);
  });
});
