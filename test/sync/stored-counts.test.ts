import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Platform } from '../../dev/emulator/platform';
import type { Build } from '../../src/domain/build';
import { ConnectionStore } from '../../src/storage/connection-store';
import { StoredCountStore } from '../../src/storage/stored-count-store';
import { ingestPushedBuild } from '../../src/sync/push-ingest';
import { RunContext } from '../../src/sync/run-context';
import { forgetSyncOf, recordStatus, statusOf } from '../../src/sync/status';
import { claimNewRecords } from '../../src/sync/stored-counts';
import { aBuild, aDeploy } from '../support/builders';
import { shipNext, shopJenkins, T0, MINUTE } from './support/shop-history';
import { sha } from './support/jenkins';
import { demoConfig, required, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

const ID = 'jenkins-1';
const NOW = Date.parse('2026-11-02T10:00:00Z');
let platform: Platform;

const counts = async () => (await new StoredCountStore().counts([ID])).get(ID);
const build = (number: number, over: Partial<Build> = {}) => aBuild({ connectionId: ID, number, ...over });

/** One writer as the sync, a push and a history round write: plan (reads), claim, then write `written` of the builds. */
async function write(builds: readonly Build[], written = builds.length): Promise<void> {
  const ctx = new RunContext(async () => []);
  const changed = await ctx.builds.changed(builds);
  await claimNewRecords(ID, changed, [], ctx, NOW);
  await ctx.builds.write(changed.slice(0, written));
}

describe('builds and deploys stored per connection', () => {
  beforeEach(() => {
    platform = syncPlatform();
  });
  afterEach(() => platform.close());

  it('given builds stored once and then updated, when counted, then each build counts once', async () => {
    await write([build(1), build(2, { state: 'in_progress', finishedAt: null })]);
    // When build 2 finishes and build 3 arrives
    await write([build(2), build(3)]);

    expect(await counts()).toEqual({ builds: 3, deploys: 0, since: null });
  });

  it('given a run that dies after writing part of its builds, when it runs again and repeats its writes, then nothing is lost or counted twice', async () => {
    const builds = Array.from({ length: 60 }, (_, i) => build(i + 1));
    // The first run claims 60 builds and dies after storing 30 of them (a transaction boundary is at 25)
    await write(builds, 30);
    expect(await counts()).toMatchObject({ builds: 30 });

    // When the retry reads the same 60 builds: 30 are new to it
    await write(builds);
    expect(await counts()).toMatchObject({ builds: 60 });

    // And a run that repeats every write (it died before its cursor) claims nothing and writes no count
    platform.kvs.resetStats();
    await write(builds);
    expect(platform.kvs.stats.writes).toBe(0);
    expect(await counts()).toMatchObject({ builds: 60 });
  });

  it('given two writers that claim at the same moment, when both have written, then both claims count once', async () => {
    platform.close();
    platform = syncPlatform({ kvsLatencyMs: 5 });

    await Promise.all([write([build(1), build(2)]), write([build(2), build(3), build(4)])]);

    expect(await counts()).toMatchObject({ builds: 4 });
  });

  it('given a claimed deploy that storage skipped, when counted, then it does not count', async () => {
    const ctx = new RunContext(async () => []);
    // The deploy is claimed, then storage refuses it and the run goes on
    await claimNewRecords(ID, [], [{ deploy: aDeploy({ id: 'DEMO-x-1' }), previous: undefined, changed: true }], ctx, NOW);

    expect(await counts()).toMatchObject({ builds: 0, deploys: 0 });
  });

  it('given a connection whose sync stored builds before counting began, when it stores more, then the count says since when', async () => {
    const run = { connectionId: ID, now: NOW - 3_600_000, durationMs: 1_000, buildsWritten: 5, deploysWritten: 0, requests: 1, complete: true, error: undefined, problems: [] };
    await recordStatus(statusOf(run, undefined));

    await write([build(1)]);

    expect(await counts()).toEqual({ builds: 1, deploys: 0, since: new Date(NOW).toISOString() });
  });

  it('given a removed connection, when its sync is forgotten, then its count goes too', async () => {
    await write([build(1)]);
    await forgetSyncOf(ID);
    expect(await counts()).toBeUndefined();
  });
});

describe('every writer counts', () => {
  let jenkins: JenkinsStandIn;
  beforeEach(async () => {
    platform = syncPlatform();
    jenkins = await shopJenkins();
    await saveJenkins(ID, jenkins.url);
    await saveProject(demoConfig());
  });
  afterEach(async () => {
    await jenkins.close();
    platform.close();
  });

  it('given the scheduled sync, then a release and a pushed build, then the count is what is stored, and an idle run writes nothing', async () => {
    await runSync(platform);
    expect(await counts()).toEqual({ builds: 4, deploys: 2, since: null });

    shipNext(jenkins, { sha: sha(4), message: 'DEMO-1 follow-up' }, T0 + 50 * MINUTE);
    await runSync(platform);
    const afterRelease = required(await counts(), 'counts');
    expect(afterRelease.deploys).toBe(4);

    const entry = required(await new ConnectionStore().get(ID), 'connection');
    const pushed = build(77, { job: { id: 'pushed/only', displayName: 'only', url: null, folderPath: [] }, sha: sha(9) });
    await ingestPushedBuild(entry, { build: pushed, complete: true });
    expect(await counts()).toMatchObject({ builds: afterRelease.builds + 1 });

    platform.kvs.resetStats();
    await runSync(platform);
    expect(platform.kvs.stats.writes).toBe(0);
  });
});
