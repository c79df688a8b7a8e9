import { kvs } from '@forge/kvs';
import type { Commit } from '../../src/domain/build';
import { DeployStore } from '../../src/storage/deploy-store';
import { ENTITY, keys, partitions } from '../../src/storage/keys';
import { withoutNulls } from '../../src/storage/kvs-records';
import { testPlatform } from '../support/platform';
import { aDeploy } from '../support/builders';

const store = new DeployStore();

const COMMITS: Commit[] = [
  { sha: 'a'.repeat(40), message: 'DEMO-1 first\n\nwith a body', author: 'Ann', timestamp: '2026-11-01T08:00:00.000Z' },
  { sha: 'b'.repeat(40), message: 'DEMO-2 second', author: 'Ann', timestamp: '2026-11-01T09:00:00+02:00' },
  { sha: 'c'.repeat(40), message: '', author: null, timestamp: null },
];

describe('a deploy\'s commits in storage', () => {
  it('given commits with a repeated author, an offset timestamp and missing fields, when saved and read back, then each is as it was', async () => {
    const deploy = aDeploy({ id: 'd-commits', commits: COMMITS, issueKeys: ['DEMO-1', 'DEMO-2'] });

    await store.save(deploy, undefined);

    expect(await store.get('d-commits')).toEqual(deploy);
    expect((await store.getMany(['d-commits']))[0]?.commits).toEqual(COMMITS);
  });

  it('given many commits, when saved, then the deploy writes fewer bytes than the commits as objects', async () => {
    const commits = Array.from({ length: 200 }, (_, i): Commit => ({ sha: i.toString(16).padStart(40, '0'), message: `DEMO-${i} change number ${i}`, author: `Dev ${i % 5}`, timestamp: new Date(1_790_000_000_000 + i * 60_000).toISOString() }));
    const deploy = aDeploy({ id: 'd-big', commits, issueKeys: [] });
    testPlatform().kvs.resetStats();

    await store.save(deploy, undefined);

    expect(testPlatform().kvs.stats.writtenBytes).toBeLessThan(0.75 * JSON.stringify(commits).length);
    expect(await store.get('d-big')).toEqual(deploy);
  });

  it('given a deploy stored before commits were rows (schema 1), when read, then it comes back whole and saving it unchanged writes nothing', async () => {
    const deploy = aDeploy({ id: 'd-v1', commits: COMMITS, issueKeys: [] });
    await kvs.entity(ENTITY.deploy).set(keys.deploy(deploy.id), {
      projectKey: deploy.projectKey,
      environmentKey: partitions.environment(deploy.projectKey, deploy.environment.id),
      sha: partitions.sha(deploy.sha),
      startedAt: Date.parse(deploy.startedAt),
      state: deploy.state,
      schemaVersion: 1,
      record: withoutNulls(deploy),
    });

    const read = await store.get('d-v1');

    expect(read).toEqual(deploy);
    expect(await store.save(deploy, read)).toEqual({ written: false, billedWrites: 0 });
  });
});
