import type { JenkinsStandIn } from '../../dev/ci-servers';
import { reply, scriptedJenkins, sha } from './support/jenkins';
import { MINUTE, T0 } from './support/shop-history';
import { demoConfig, deploysOf, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

const platform = syncPlatform();
let deployer: JenkinsStandIn;
let otherCi: JenkinsStandIn;

beforeAll(async () => {
  // The deploy server runs CI and deploys; another CI server builds the same commit for longer.
  [deployer, otherCi] = await Promise.all([scriptedJenkins(), scriptedJenkins()]);
  deployer.script.addBuild('shop/build', { commits: [{ sha: sha(7), message: 'DEMO-7 dark mode' }], timestamp: T0, duration: 5 * MINUTE });
  deployer.script.addBuild('shop/deploy-production', { commits: [{ sha: sha(7), message: 'DEMO-7 dark mode' }], timestamp: T0 + 10 * MINUTE });
  otherCi.script.addBuild('e2e/nightly', { commits: [{ sha: sha(7), message: 'DEMO-7 dark mode' }], timestamp: T0 + 2 * MINUTE, duration: 60 * MINUTE });
  await saveJenkins('jenkins-1', deployer.url);
  await saveJenkins('jenkins-2', otherCi.url);
  await saveProject(demoConfig({ builds: [{ connectionId: 'jenkins-2', jobs: [] }] }));
});

afterAll(async () => {
  await Promise.all([deployer.close(), otherCi.close()]);
  platform.close();
});

describe("a deploy's build snapshot", () => {
  it('lists the builds of its commit as they stood when it started, default build server first', async () => {
    // Given the other CI server is down during the first sync
    otherCi.script.overrides = [() => reply({ status: 503, headers: { 'retry-after': '600' }, body: '{}' })];
    await runSync(platform);
    const [first] = await deploysOf('DEMO');
    expect(first?.snapshot.map((b) => [b.connectionId, b.job.id, b.stateAtDeploy])).toEqual([['jenkins-1', 'shop/build', 'successful']]);

    // When it recovers and its build of the same commit arrives, after the deploy was recorded
    otherCi.script.overrides = [];
    await runSync(platform);

    // Then the deploy's snapshot gains it, still running at the deploy's start though it passed since
    const [deploy] = await deploysOf('DEMO');
    expect(deploy?.snapshot.map((b) => [b.connectionId, b.job.id, b.stateAtDeploy])).toEqual([
      ['jenkins-1', 'shop/build', 'successful'],
      ['jenkins-2', 'e2e/nightly', 'in_progress'],
    ]);
  });
});
