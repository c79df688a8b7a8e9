import type { Platform } from '../../dev/emulator/platform';
import { BuildStore } from '../../src/storage/build-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { REQUEST_LIMIT } from '../../src/sync/entry-points';
import type { JenkinsStandIn } from '../../dev/ci-servers';
import { scriptedJenkins, sha } from './support/jenkins';
import { demoConfig, runSync, saveJenkins, required, saveProject, syncPlatform } from './support/sync-platform';

let platform: Platform;
let jenkins: JenkinsStandIn;

/** A Jenkins with more jobs than one invocation may ask about: each job one request. */
async function givenJenkinsWith(jobs: number, buildsPerJob: number): Promise<void> {
  platform = syncPlatform();
  jenkins = await scriptedJenkins();
  for (let j = 0; j < jobs; j++) {
    for (let b = 0; b < buildsPerJob; b++) {
      jenkins.script.addBuild(`team-${j % 4}/job-${j}`, { commits: [{ sha: sha(j * 100 + b), message: `DEMO-${(j % 30) + 1} change ${b}` }] });
    }
  }
  await saveJenkins('jenkins-1', jenkins.url);
  await saveProject(demoConfig());
}

afterEach(async () => {
  await jenkins.close();
  platform.close();
});

async function storedBuilds(jobs: number, buildsPerJob: number): Promise<number> {
  const store = new BuildStore();
  let found = 0;
  for (let j = 0; j < jobs; j++) {
    for (let b = 1; b <= buildsPerJob; b++) if (await store.get('jenkins-1', `team-${j % 4}/job-${j}`, b)) found++;
  }
  return found;
}

describe('a first sync too big for one invocation', () => {
  it('continues in further invocations until done, each within its request budget, nothing lost or read twice', async () => {
    // More jobs than two invocations' outbound budgets (Forge's 100 a minute of the 900 s timeout) cover
    const jobs = 2 * REQUEST_LIMIT + 20;
    await givenJenkinsWith(jobs, 1);

    const report = await runSync(platform);

    // Three invocations: the first two stop at their budget, each queues the next
    expect(report).toEqual({ delivered: 3, retried: 0, failed: 0 });
    expect(await storedBuilds(jobs, 1)).toBe(jobs);
    // One overview request per invocation, then each job exactly once
    const jobReads = jenkins.script.requests.filter((r) => r.path !== '/api/json');
    expect(jobReads).toHaveLength(jobs);
    expect(new Set(jobReads.map((r) => r.path)).size).toBe(jobs);
    expect(jenkins.script.requests.length).toBeLessThanOrEqual(3 * REQUEST_LIMIT);
    expect(await new SyncStateStore().status('jenkins-1')).toMatchObject({ complete: true, buildsWritten: jobs, requests: jobs + 3 });
    // Thousands of local requests: seconds alone, more on a busy machine
  }, 120_000);

  it('an invocation that runs out of time mid-page keeps what it read and a new invocation reads the rest', async () => {
    await givenJenkinsWith(6, 1);
    // The third job never answers: only the invocation's deadline ends the wait
    jenkins.script.overrides = [(r) => (r.path === '/job/team-2/job/job-2/api/json' ? 'hang' : undefined)];
    await platform.app.runScheduledTrigger('sync-schedule');
    const [first] = platform.queues.takeReady(true);

    // When the event runs in an invocation of 8 s
    const outcome = await platform.app.deliver(required(first, 'no event'), 8_000);

    // Then the run ended in time, stored the jobs it had read (folders team-0 and team-1), and queued its continuation
    expect(outcome).toBe('delivered');
    expect(await storedBuilds(6, 1)).toBe(4);
    expect(await new SyncStateStore().status('jenkins-1')).toMatchObject({ complete: false, buildsWritten: 4 });
    expect((await new SyncStateStore().status('jenkins-1'))?.error).toBeUndefined();

    jenkins.script.overrides = [];
    await platform.app.drainQueues();
    expect(await storedBuilds(6, 1)).toBe(6);
    expect(await new SyncStateStore().status('jenkins-1')).toMatchObject({ complete: true, buildsWritten: 6 });
  });
});
