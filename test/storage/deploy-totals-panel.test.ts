import { kvs } from '@forge/kvs';
import type { Deploy } from '../../src/domain/deploy';
import { recountIssues, totalsIn } from '../../src/storage/deploy-issue-totals';
import { DeployStore } from '../../src/storage/deploy-store';
import { ENTITY, digest } from '../../src/storage/keys';
import { aDeploy } from '../support/builders';

const store = new DeployStore();
const hour = (h: number) => new Date(Date.UTC(2026, 10, 1, h)).toISOString();

function run(n: number, connectionId: string, issueKey: string, overrides: Partial<Deploy> = {}): Deploy {
  const base = aDeploy({ id: `${issueKey}-${connectionId}-${n}`, sequence: n, startedAt: hour(n % 24), issueKeys: [issueKey], url: `https://ci.example.test/job/app/job/deploy/${n}/`, ...overrides });
  return { ...base, origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId, jobId: 'app/deploy', buildNumber: n } };
}

describe('an issue\'s deploy totals', () => {
  it('given 150 runs, 30 of them also seen through a second connection, when the first page is read, then it says 150 real deploys', async () => {
    await store.saveAll(Array.from({ length: 150 }, (_, n) => ({ deploy: run(n, 'jenkins-1', 'DEMO-9'), previous: undefined })));
    await store.saveAll(Array.from({ length: 30 }, (_, n) => ({ deploy: run(n, 'jenkins-2', 'DEMO-9'), previous: undefined })));

    const page = await store.forIssue('DEMO-9');

    expect(page.totals).toEqual({ DEMO: 150 });
    expect(page.deploys).toHaveLength(99);
    expect(page.cursor).toEqual(expect.any(String));
  });

  it('given a deploy that stops mentioning the issue, when it is saved again, then the total drops', async () => {
    const deploys = [run(1, 'jenkins-1', 'DEMO-10'), run(2, 'jenkins-1', 'DEMO-10'), run(3, 'jenkins-1', 'DEMO-10')];
    for (const deploy of deploys) await store.save(deploy, undefined);
    const [first] = deploys;
    if (!first) throw new Error('no deploy');

    await store.save({ ...first, issueKeys: [] }, first);

    expect((await store.forIssue('DEMO-10')).totals).toEqual({ DEMO: 2 });
  });

  it('given deploys recorded by two projects, then each project counts its own', async () => {
    await store.save(run(1, 'jenkins-1', 'DEMO-11'), undefined);
    await store.save(run(2, 'jenkins-1', 'DEMO-11', { projectKey: 'OPS' }), undefined);

    expect((await store.forIssue('DEMO-11')).totals).toEqual({ DEMO: 1, OPS: 1 });
  });

  it('given a later recount is stored, when a slower writer stores an older one, then the later count stays', async () => {
    await store.save(run(1, 'jenkins-1', 'DEMO-12'), undefined);
    await recountIssues(['DEMO-12'], () => Date.parse(hour(12)));
    await store.save(run(2, 'jenkins-1', 'DEMO-12'), undefined);
    await recountIssues(['DEMO-12'], () => Date.parse('2030-01-01T00:00:00.000Z'));

    // The slow writer counted before the second deploy arrived, and stores after.
    await recountIssues(['DEMO-12'], () => Date.parse(hour(13)));

    const stored = await kvs.entity<{ startedAt: number }>(ENTITY.issueDeploy).get(`l:${digest('DEMO-12', 16)}:#totals`);
    expect(totalsIn(stored)).toEqual({ DEMO: 2 });
    // The record is still the 2030 recount's: the older one was refused, not written over it.
    expect(stored?.startedAt).toBe(1e14 + Date.parse('2030-01-01T00:00:00.000Z'));
  });

  it('given no recount yet (links stored before totals existed), then the page has no totals', async () => {
    const page = await store.forIssue('DEMO-404');
    expect(page.totals).toBeUndefined();
  });
});
