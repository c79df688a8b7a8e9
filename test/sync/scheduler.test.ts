import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Platform } from '../../dev/emulator/platform';
import { systemClock } from '../../src/providers';
import { ConnectionStore } from '../../src/storage/connection-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { probeAndQueue } from '../../src/sync/scheduler';
import { RECONCILE_MS, reconciliationDue } from '../../src/sync/probe';
import { reply, scriptedJenkins, sha } from './support/jenkins';
import { demoConfig, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

/**
 * No idle invocations: the fiveMinute trigger asks each connection whether anything changed, with
 * the one request an idle run makes, and queues a worker only for those with something to do.
 */
const FIVE_MINUTES = 5 * 60_000;
let platform: Platform;
let jenkins: JenkinsStandIn;
/** A connection whose daily reconciliation slot is not now, so the test sees only the probe. */
const id = ['jenkins-a', 'jenkins-b', 'jenkins-c'].find((c) => !reconciliationDue(c, Date.now()) && !reconciliationDue(c, Date.now() + FIVE_MINUTES)) ?? 'jenkins-a';

beforeEach(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  platform = syncPlatform();
  jenkins = await scriptedJenkins();
  jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(1), message: 'DEMO-1 first' }] });
  await saveJenkins(id, jenkins.url);
  await saveProject(demoConfig({ defaultConnectionId: id, deploySources: [] }));
  await runSync(platform);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await jenkins.close();
  platform.close();
});

/** Fires the trigger and returns what it queued, without delivering it. */
async function trigger(): Promise<number> {
  await platform.app.runScheduledTrigger('sync-schedule');
  return platform.queues.takeReady(true).length;
}

describe('the fiveMinute trigger', () => {
  it('given nothing new for an hour, then it queues no worker, asks Jenkins once a run and writes nothing', async () => {
    jenkins.script.requests.length = 0;
    platform.kvs.resetStats();

    const queued = [];
    for (let run = 0; run < 12; run++) queued.push(await trigger());

    expect(queued).toEqual(Array.from({ length: 12 }, () => 0));
    expect(jenkins.script.requests).toHaveLength(12);
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('given a new build, then it queues that connection once, and the worker stores it', async () => {
    jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(2), message: 'DEMO-2 second' }] });

    const report = await runSync(platform);

    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await new SyncStateStore().status(id)).toMatchObject({ buildsWritten: 1 });
  });

  it('given a connection that starts failing, then the error is queued once and recorded, and the same error is not queued again', async () => {
    jenkins.script.overrides = [() => reply({ status: 401, body: '{}' })];

    expect(await runSync(platform)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await new SyncStateStore().status(id))?.error?.name).toBe('AuthError');

    expect(await trigger()).toBe(0);
  });

  it('given the server recovers, then the recovery is queued and the error cleared', async () => {
    jenkins.script.overrides = [() => reply({ status: 401, body: '{}' })];
    await runSync(platform);
    jenkins.script.overrides = [];

    expect(await runSync(platform)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await new SyncStateStore().status(id))?.error).toBeUndefined();
  });
});

describe('more connections than the trigger may probe', () => {
  it('given a budget for one probe, then the others go to one batched probe event, and every changed connection is synced', async () => {
    // Given two more connections to the same server, all synced, then a new build
    const others = ['jenkins-x', 'jenkins-y'];
    for (const other of others) await saveJenkins(other, jenkins.url);
    await runSync(platform);
    jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(3), message: 'DEMO-3 third' }] });
    const connections = (await new ConnectionStore().list()).map((entry) => entry.connection);

    // When the scheduler may make one request only
    const result = await probeAndQueue(connections, { requestLimit: 1, fetch: (url, init) => globalThis.fetch(url, init), clock: systemClock, remainingMillis: () => 60_000 });
    const report = await platform.app.drainQueues();

    // Then one was probed, two deferred to one probe event, and all three synced the build
    expect(result.queued).toHaveLength(1);
    expect(result.deferred).toHaveLength(2);
    expect(report).toEqual({ delivered: 4, retried: 0, failed: 0 });
    for (const connection of [id, ...others]) expect(await new SyncStateStore().status(connection)).toMatchObject({ buildsWritten: 1, complete: true });
  });
});

describe('the daily reconciliation', () => {
  it('falls on exactly one five-minute slot a day for each connection', () => {
    const day = Date.UTC(2026, 10, 2);
    for (const connection of ['jenkins-1', 'buildkite-7', 'circleci-x']) {
      const slots = Array.from({ length: RECONCILE_MS / FIVE_MINUTES }, (_, i) => day + i * FIVE_MINUTES).filter((t) => reconciliationDue(connection, t));
      expect(slots).toHaveLength(1);
    }
  });
});
