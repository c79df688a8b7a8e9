import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Platform } from '../../dev/emulator/platform';
import { SyncHealthStore } from '../../src/storage/sync-health-store';
import { reply, scriptedJenkins, sha } from './support/jenkins';
import { demoConfig, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

/**
 * The record of failing connections under Forge's concurrency: one lambda per event, KVS calls
 * with a round trip, so runs of different connections interleave their reads and writes.
 */
const CONNECTIONS = ['jenkins-1', 'jenkins-2', 'jenkins-3', 'jenkins-4', 'jenkins-5', 'jenkins-6'];
let platform: Platform;
let jenkins: JenkinsStandIn;

beforeEach(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  platform = syncPlatform({ kvsLatencyMs: 3 });
  jenkins = await scriptedJenkins();
  jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(1), message: 'DEMO-1 first' }] });
  for (const id of CONNECTIONS) await saveJenkins(id, jenkins.url);
  await saveProject(demoConfig({ builds: CONNECTIONS.map((connectionId) => ({ connectionId, jobs: ['shop/build'] })) }));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await jenkins.close();
  platform.close();
});

const failingIds = async () => (await new SyncHealthStore().failingFor('DEMO')).map((f) => f.connectionId).sort();

async function syncAllAtOnce(): Promise<void> {
  await platform.app.runScheduledTrigger('sync-schedule');
  await platform.app.drainQueues({ concurrency: CONNECTIONS.length });
}

describe('six connections failing and recovering together', () => {
  it('given six runs at once that all fail, when they record it, then all six are failing; when all six recover, none is', async () => {
    // Given a Jenkins that refuses every request, synced by six connections at once
    jenkins.script.overrides = [() => reply({ status: 500, body: '{}' })];

    // When they all run together
    await syncAllAtOnce();

    // Then each one is recorded, none lost to another's write
    expect(await failingIds()).toEqual(CONNECTIONS);

    // When the server recovers and the six run together again
    jenkins.script.overrides = [];
    await syncAllAtOnce();

    // Then none is left failing
    expect(await failingIds()).toEqual([]);
  });
});
