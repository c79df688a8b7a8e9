import { DeployStore } from '../../src/storage/deploy-store';
import { testPlatform } from '../support/platform';
import { aDeploy } from '../support/builders';

const store = new DeployStore();

describe('DeployStore', () => {
  it('saves a deploy with its issue links and lists it on each issue, newest first', async () => {
    const older = aDeploy({ id: 'd-old', issueKeys: ['DEMO-2'], startedAt: '2026-11-01T08:00:00.000Z' });
    const newer = aDeploy({ id: 'd-new', issueKeys: ['DEMO-2', 'DEMO-3'], startedAt: '2026-11-02T08:00:00.000Z' });
    await store.save(older, undefined);
    await store.save(newer, undefined);

    const page = await store.forIssue('DEMO-2');
    expect(page.deploys.map((d) => d.id)).toEqual(['d-new', 'd-old']);
    expect(page.deploys[0]).toMatchObject({ environment: { type: 'production' }, state: 'successful', sha: 'a'.repeat(40) });
    expect((await store.forIssue('DEMO-3')).deploys.map((d) => d.id)).toEqual(['d-new']);
    expect(await store.get('d-new')).toEqual(newer);
  });

  it('costs one write for a deploy and one more per 25 issue links, and nothing when unchanged', async () => {
    const issueKeys = Array.from({ length: 60 }, (_, i) => `DEMO-${i + 100}`);
    const deploy = aDeploy({ id: 'd-many', issueKeys });
    testPlatform().kvs.resetStats();
    const first = await store.save(deploy, undefined);
    // 61 values (60 links + the deploy) in transactions of 25, then 60 issues' totals in transactions of 25
    expect(first.billedWrites).toBe(6);
    expect(testPlatform().kvs.stats.writes).toBe(6);

    testPlatform().kvs.resetStats();
    expect(await store.save(deploy, deploy)).toEqual({ written: false, billedWrites: 0 });
    expect(testPlatform().kvs.stats.writes).toBe(0);
  });

  it('updates links when the deploy finishes, and drops links to issues it no longer mentions', async () => {
    const running = aDeploy({ id: 'd-run', state: 'in_progress', finishedAt: null, issueKeys: ['DEMO-7', 'DEMO-8'] });
    await store.save(running, undefined);
    const done = { ...running, state: 'failed' as const, issueKeys: ['DEMO-7'] };
    await store.save(done, running);

    expect((await store.forIssue('DEMO-7')).deploys[0]?.state).toBe('failed');
    expect((await store.forIssue('DEMO-8')).deploys).toEqual([]);
  });

  it('given more deploys of one commit than a page holds, when they are read by commit, then every page comes back', async () => {
    const sha = 'd'.repeat(40);
    const at = (i: number) => new Date(Date.parse('2026-09-01T00:00:00.000Z') + i * 60_000).toISOString();
    const ids = Array.from({ length: 130 }, (_, i) => `sha-${i}`);
    await store.saveAll(ids.map((id, i) => ({ deploy: aDeploy({ id, sha, startedAt: at(i), issueKeys: [] }), previous: undefined })));

    const found = await store.bySha(sha);

    expect(found.map((d) => d.id)).toEqual(ids);
  });

  it('finds the previous deploy to the same environment', async () => {
    await store.save(aDeploy({ id: 'p1', environment: { id: 'staging', name: 'Staging', type: 'staging' }, startedAt: '2026-10-01T00:00:00.000Z' }), undefined);
    await store.save(aDeploy({ id: 'p2', environment: { id: 'staging', name: 'Staging', type: 'staging' }, startedAt: '2026-10-02T00:00:00.000Z' }), undefined);
    const [previous] = await store.recentTo('DEMO', 'staging', Date.parse('2026-10-02T00:00:00.000Z'), 1);
    expect(previous?.id).toBe('p1');
  });
});
