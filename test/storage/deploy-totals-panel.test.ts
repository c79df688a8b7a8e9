import { kvs } from '@forge/kvs';
import type { Deploy } from '../../src/domain/deploy';
import { countRealDeploys, recountIssues, TOTALS_MAX_BYTES, totalsIn, totalsWrite } from '../../src/storage/deploy-issue-totals';
import { summaryOf } from '../../src/storage/deploy-record';
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

  it('given two saves in the same millisecond, when the second recount meets the first one stored, then the issue is counted again and both deploys count', async () => {
    // Given a clock that stands still, so both recounts start at the same millisecond
    jest.useFakeTimers({ now: Date.UTC(2026, 10, 2), doNotFake: ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      // When two deploys of the issue are saved one after the other
      await store.save(run(1, 'jenkins-1', 'DEMO-40'), undefined);
      await store.save(run(2, 'jenkins-1', 'DEMO-40'), undefined);
    } finally {
      jest.useRealTimers();
    }

    // Then the stored totals count both, not the first recount's one
    expect((await store.forIssue('DEMO-40')).totals).toEqual({ DEMO: 2 });
  });

  it('given a run that DEMO and OPS both record (each has a deploy source on the job), when counted, then it is one deploy under the set of both', async () => {
    await store.save(run(1, 'jenkins-1', 'DEMO-13'), undefined);
    await store.save(run(1, 'ops-jenkins', 'DEMO-13', { projectKey: 'OPS' }), undefined);
    await store.save(run(2, 'jenkins-1', 'DEMO-13'), undefined);

    const page = await store.forIssue('DEMO-13');

    expect(page.totals).toEqual({ DEMO: 1, 'DEMO,OPS': 1 });
  });

  it('given records of one run in three projects saved in any order, then the set is named sorted, once', () => {
    const records = ['SEC', 'DEMO', 'OPS', 'DEMO'].map((projectKey, i) => summaryOf(run(7, `c${i}`, 'DEMO-14', { projectKey })));

    expect(countRealDeploys(records)).toEqual({ 'DEMO,OPS,SEC': 1 });
  });

  it('given a version 1 record (a shared run counted in each project), when read, then its counts are sets of one until a recount replaces it', async () => {
    const key = `l:${digest('DEMO-15', 16)}:#totals`;
    await store.save(run(1, 'jenkins-1', 'DEMO-15'), undefined);
    await kvs.entity(ENTITY.issueDeploy).set(key, { issueKey: 'DEMO-15', startedAt: 1e14 + Date.parse('2020-01-01T00:00:00.000Z'), deployKey: '#totals', schemaVersion: 1, summary: { byProject: { DEMO: 40, OPS: 3 } } });

    expect((await store.forIssue('DEMO-15')).totals).toEqual({ DEMO: 40, OPS: 3 });

    await store.save(run(1, 'ops-jenkins', 'DEMO-15', { projectKey: 'OPS' }), undefined);

    expect((await store.forIssue('DEMO-15')).totals).toEqual({ 'DEMO,OPS': 1 });
    expect(await kvs.entity<{ schemaVersion: number }>(ENTITY.issueDeploy).get(key)).toMatchObject({ schemaVersion: 2 });
  });

  it('given a damaged totals record, then the page has no totals rather than wrong ones', async () => {
    await kvs.entity(ENTITY.issueDeploy).set(`l:${digest('DEMO-16', 16)}:#totals`, { issueKey: 'DEMO-16', startedAt: 1e14, deployKey: '#totals', schemaVersion: 2, summary: { bySet: { 'DEMO,': 2 } } });

    expect((await store.forIssue('DEMO-16')).totals).toBeUndefined();
  });

  it('given 3,000 deploys of an issue, 500 of them runs DEMO and OPS both record, when counted, then the totals are exact in a record of a few bytes', async () => {
    const demo = Array.from({ length: 2500 }, (_, n) => run(n, 'jenkins-1', 'DEMO-17'));
    const ops = Array.from({ length: 500 }, (_, n) => run(2000 + n, 'ops-jenkins', 'DEMO-17', { projectKey: 'OPS' }));
    await store.saveAll([...demo, ...ops].map((deploy) => ({ deploy, previous: undefined })));

    const stored = await kvs.entity(ENTITY.issueDeploy).get(`l:${digest('DEMO-17', 16)}:#totals`);

    expect(totalsIn(stored)).toEqual({ DEMO: 2000, 'DEMO,OPS': 500 });
    expect(JSON.stringify(stored).length).toBeLessThan(300);
  });

  it('given an issue whose runs are recorded by thousands of different mixes of projects, then the record says it could not count them and still fits in a value', () => {
    const projects = Array.from({ length: 24 }, (_, i) => `PROJECT${String(i).padStart(3, '0')}`);
    const records = Array.from({ length: 3000 }, (_, n) => projects.filter((_, i) => (n >> (i % 12)) & 1).map((projectKey, i) => summaryOf(run(n, `c${i}`, 'DEMO-18', { projectKey })))).flat();
    const totals = countRealDeploys(records);
    expect(Object.keys(totals).length).toBeGreaterThan(2000);

    const write = totalsWrite('DEMO-18', Date.parse(hour(1)), totals);

    expect(totalsIn(write.value)).toBeUndefined();
    expect(JSON.stringify(write.value).length).toBeLessThan(TOTALS_MAX_BYTES);
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
