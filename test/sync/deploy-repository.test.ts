import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Build } from '../../src/domain/build';
import { DeployStore } from '../../src/storage/deploy-store';
import { planCiDeploys } from '../../src/sync/ci-deploys';
import { RunContext } from '../../src/sync/run-context';
import { aBuild, aDeploy } from '../support/builders';
import { scriptedJenkins, sha } from './support/jenkins';
import { MINUTE, T0 } from './support/shop-history';
import { demoConfig, deploysOf, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

const platform = syncPlatform();
let jenkins: JenkinsStandIn;

beforeAll(async () => {
  jenkins = await scriptedJenkins();
  jenkins.script.addBuild('shop/deploy-production', { commits: [{ sha: sha(9), message: 'DEMO-9 faster checkout' }], timestamp: T0 });
  await saveJenkins('jenkins-1', jenkins.url);
  await saveProject(demoConfig());
});

afterAll(async () => {
  await jenkins.close();
  platform.close();
});

const SHA = 'b'.repeat(40);
const deployRun = (overrides: Partial<Build> = {}) =>
  aBuild({ job: { id: 'shop/deploy-production', displayName: 'deploy-production', url: null, folderPath: ['shop'] }, number: 7, sha: SHA, ...overrides });
const ciBuild = (overrides: Partial<Build> = {}) => aBuild({ number: 3, sha: SHA, startedAt: '2026-11-01T09:00:00.000Z', ...overrides });

async function planned(builds: readonly Build[], stored: readonly Build[] = []) {
  const ctx = new RunContext(async () => ['DEMO', 'OPS']);
  ctx.stageBuilds([...stored, ...builds]);
  const { writes } = await planCiDeploys(builds, { id: 'jenkins-1', scope: { kind: 'site' } }, ctx);
  return writes.map((w) => w.deploy);
}

describe("a deploy's repository", () => {
  it('given a sync of a deploy job whose run names its remote, then the deploy and its issue link keep its web address', async () => {
    // Given the deploy run checked out https://git.example.com/demo/shop.git (the stand-in's remote)
    // When the sync records it
    await runSync(platform);

    // Then the deploy keeps the repository's web address, and so does the summary on its issue's link
    const [deploy] = await deploysOf('DEMO');
    expect(deploy?.repositoryUrl).toBe('https://git.example.com/demo/shop');
    const [summary] = (await new DeployStore().forIssue('DEMO-9')).deploys;
    expect(summary?.repositoryUrl).toBe('https://git.example.com/demo/shop');
  });

  it("given the deploy run names a repository, then it is taken over another build's of the same commit", async () => {
    const [deploy] = await planned([deployRun({ repositoryUrl: 'https://github.com/acme/shop' })], [ciBuild({ repositoryUrl: 'https://gitlab.com/acme/fork' })]);

    expect(deploy?.repositoryUrl).toBe('https://github.com/acme/shop');
  });

  it('given the deploy run names none, then the repository comes from a build of the same commit that the snapshot holds', async () => {
    const [deploy] = await planned([deployRun()], [ciBuild({ repositoryUrl: 'https://github.com/acme/shop' })]);

    expect(deploy?.snapshot.map((b) => b.number)).toEqual([3]);
    expect(deploy?.repositoryUrl).toBe('https://github.com/acme/shop');
  });

  it('given no build of the commit names one, then the deploy is recorded without the field', async () => {
    const [deploy] = await planned([deployRun()], [ciBuild()]);

    expect(deploy).toBeDefined();
    expect(deploy && 'repositoryUrl' in deploy).toBe(false);
  });

  it('given a stored deploy without one, when a build of its commit that names one joins its snapshot, then the deploy learns it; one it has is kept', async () => {
    // Given two deploys of the commit stored before repositories were kept, or with another one
    const store = new DeployStore();
    const commit = sha(0x77);
    await store.save(aDeploy({ id: 'old-record', sha: commit, issueKeys: ['DEMO-3'] }), undefined);
    await store.save(aDeploy({ id: 'has-one', sha: commit, issueKeys: ['DEMO-4'], repositoryUrl: 'https://bitbucket.org/acme/shop' }), undefined);

    // When a build of that commit, started before them, arrives naming its repository
    const arrived = aBuild({ number: 40, sha: commit, startedAt: '2026-11-01T10:00:00.000Z', repositoryUrl: 'https://github.com/acme/shop' });
    const byId = new Map((await planned([arrived])).map((d) => [d.id, d]));

    // Then the old record gains it with its snapshot, and the other keeps its own
    expect(byId.get('old-record')?.repositoryUrl).toBe('https://github.com/acme/shop');
    expect(byId.get('has-one')?.repositoryUrl).toBe('https://bitbucket.org/acme/shop');
  });

  it('given a stored deploy without one, when a build of its commit that started after it names one, then nothing is written for that alone', async () => {
    const commit = sha(0x78);
    await new DeployStore().save(aDeploy({ id: 'untouched', sha: commit, issueKeys: ['DEMO-6'] }), undefined);

    const later = aBuild({ number: 41, sha: commit, startedAt: '2026-11-01T12:00:00.000Z', repositoryUrl: 'https://github.com/acme/shop' });

    expect((await planned([later])).map((d) => d.id)).not.toContain('untouched');
  });

  it('given a deploy stored before the field existed, then it reads as it was written', async () => {
    const store = new DeployStore();
    const old = aDeploy({ id: 'before-the-field', issueKeys: ['DEMO-5'], startedAt: new Date(T0 - 60 * MINUTE).toISOString() });
    await store.save(old, undefined);

    expect(await store.get('before-the-field')).toEqual(old);
    expect((await store.forIssue('DEMO-5')).deploys[0]).toEqual(expect.not.objectContaining({ repositoryUrl: expect.anything() }));
  });
});
