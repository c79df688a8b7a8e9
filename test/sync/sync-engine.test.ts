import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Platform } from '../../dev/emulator/platform';
import { BuildStore } from '../../src/storage/build-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { requestSync } from '../../src/sync/request-sync';
import { sha } from './support/jenkins';
import { MINUTE, shipNext, shopJenkins, T0 } from './support/shop-history';
import { demoConfig, deploysOf, linksOf, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

let platform: Platform;
let jenkins: JenkinsStandIn;

/** Each case starts from the shop's Jenkins on a fresh platform, nothing synced yet. */
beforeEach(async () => {
  platform = syncPlatform();
  jenkins = await shopJenkins();
  await saveJenkins('jenkins-1', jenkins.url);
  await saveProject(demoConfig());
});

afterEach(async () => {
  await jenkins.close();
  platform.close();
});

/** The shop's second release: CI builds commit 3, then commit 4 ships to both environments. */
function secondRelease(): void {
  jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(3), message: 'demo-3: cache product images, see CVE-2024-1234' }], timestamp: T0 + 40 * MINUTE });
  shipNext(jenkins, { sha: sha(4), message: 'OPS-1 rotate certificates; DEMO-1 follow-up' }, T0 + 50 * MINUTE);
}

describe('the scheduled sync of one Jenkins', () => {
  it('stores its builds, turns runs of deploy jobs into deploys per environment, and links them to issues', async () => {
    // Given a Jenkins with two CI builds and a deploy to staging and to production
    // When the fiveMinute trigger runs and its queue is drained
    const report = await runSync(platform);

    // Then every build is stored
    expect(report.failed).toBe(0);
    const builds = new BuildStore();
    expect(await builds.get('jenkins-1', 'shop/build', 2)).toMatchObject({ state: 'successful', sha: sha(2), branch: 'main' });
    // and each deploy job's run is a deploy to its environment
    const deploys = await deploysOf('DEMO');
    expect(deploys.map((d) => [d.environment.name, d.sequence, d.state, d.sha])).toEqual([
      ['Staging', 1, 'successful', sha(2)],
      ['Production', 1, 'successful', sha(2)],
    ]);
    // with the CI build of its commit as it stood when the deploy started
    expect(deploys[0]?.snapshot).toEqual([expect.objectContaining({ job: expect.objectContaining({ id: 'shop/build' }), number: 2, stateAtDeploy: 'successful' })]);
    // and linked to the issue its commits mention, not to UTF-8 or SHA-256
    expect(deploys[0]?.issueKeys).toEqual(['DEMO-2']);
    expect(await linksOf()).toEqual({ 'DEMO-2': deploys.map((d) => d.id).sort() });
    // and the settings page can show what happened
    expect(await new SyncStateStore().status('jenkins-1')).toMatchObject({ complete: true, buildsWritten: 4, deploysWritten: 2, problems: [] });
  });

  it('with nothing new: one request to Jenkins and not a single storage write', async () => {
    // Given the shop is synced
    await runSync(platform);
    jenkins.script.requests.length = 0;
    platform.kvs.resetStats();

    // When the sync runs again
    await runSync(platform);

    // Then it asked Jenkins once and wrote nothing
    expect(jenkins.script.requests).toHaveLength(1);
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('new builds cost at most one write each, and a new deploy carries the commits since the previous one', async () => {
    // Given the shop is synced, then CI builds two more commits, and the second is deployed to both environments
    await runSync(platform);
    secondRelease();
    platform.kvs.resetStats();

    // When the sync runs
    await runSync(platform);

    // Then four builds and two deploys cost no more than one write a build and two a deploy, everything included
    // (plus the run's one write of the connection's stored counts, src/storage/stored-count-store.ts)
    expect(platform.kvs.stats.writes).toBeLessThanOrEqual(4 + 2 * 2 + 1);
    const production = (await deploysOf('DEMO')).filter((d) => d.environment.id === 'production');
    expect(production.map((d) => d.sequence)).toEqual([1, 2]);
    // and the new production deploy carries both commits since the last one, own project first
    expect(production[1]?.commits.map((c) => c.sha)).toEqual([sha(4), sha(3)]);
    expect(production[1]?.issueKeys).toEqual(['DEMO-1', 'DEMO-3', 'OPS-1']);
  });

  it('duplicate trigger runs queue duplicate work that changes nothing', async () => {
    // Given the shop synced after its second release, one more deploy, and the trigger firing twice before any event is delivered
    secondRelease();
    await runSync(platform);
    jenkins.script.addBuild('shop/deploy-staging', { commits: [{ sha: sha(4), message: 'redeploy' }], timestamp: T0 + 90 * MINUTE });
    await platform.app.runScheduledTrigger('sync-schedule');
    await platform.app.runScheduledTrigger('sync-schedule');

    // When both events are delivered
    const report = await platform.app.drainQueues();

    // Then both ran without failing and the deploy is stored once
    expect(report).toEqual({ delivered: 2, retried: 0, failed: 0 });
    const staging = (await deploysOf('DEMO')).filter((d) => d.environment.id === 'staging');
    expect(staging.map((d) => d.sequence)).toEqual([1, 2, 3]);
  });

  it('overlapping runs of one connection: one writes, the other leaves the state alone', async () => {
    // Given the shop synced after its second release, a new deploy, and two runs delivered at the same time
    secondRelease();
    await runSync(platform);
    jenkins.script.addBuild('shop/deploy-production', { commits: [{ sha: sha(4), message: 'hotfix DEMO-4' }], timestamp: T0 + 100 * MINUTE });
    await platform.app.runScheduledTrigger('sync-schedule');
    await platform.app.runScheduledTrigger('sync-schedule');
    const events = platform.queues.takeReady(true);

    // When they run concurrently
    const outcomes = await Promise.all(events.map((event) => platform.app.deliver(event)));

    // Then neither failed, the deploy exists once, and its issue link once
    expect(outcomes).toEqual(['delivered', 'delivered']);
    const production = (await deploysOf('DEMO')).filter((d) => d.environment.id === 'production');
    expect(production.map((d) => d.sequence)).toEqual([1, 2, 3]);
    expect((await linksOf())['DEMO-4']).toHaveLength(1);
  });

  it('"Sync now" queues the connections asked for, outside the schedule', async () => {
    // Given the shop synced after its second release, and a fifth CI build
    secondRelease();
    await runSync(platform);
    jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(5), message: 'DEMO-5 sync now' }], timestamp: T0 + 120 * MINUTE });

    // When a person asks for the connection twice
    await requestSync(['jenkins-1', 'jenkins-1']);
    const report = await platform.app.drainQueues();

    // Then one run syncs it, with the request as its reason
    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(platform.queues.published.at(-1)?.body).toMatchObject({ connectionId: 'jenkins-1', reason: 'request' });
    expect(await new BuildStore().get('jenkins-1', 'shop/build', 5)).toMatchObject({ sha: sha(5) });
  });
});
