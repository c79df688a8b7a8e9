import type { Platform } from '../../../dev/emulator/platform';
import type { JenkinsStandIn } from '../../../dev/ci-servers';
import { HistoryStore } from '../../../src/storage/history-store';
import { startHistoryImport } from '../../../src/sync/history';
import { pushHistoryWork } from '../../../src/sync/history/work';
import { scriptedJenkins, reply } from '../support/jenkins';
import { deploysOf, demoConfig, linksOf, runSync, saveJenkins, saveProject } from '../support/sync-platform';
import { DAY, expectedAndStored, givenJobs, historyPlatform, ROUND_BUILDS } from './support';

const JOBS = ['app/build', 'app/deploy-prod', 'tools/lint'];
const PER_JOB = 200;

let platform: Platform;
let jenkins: JenkinsStandIn;
let now: number;

beforeEach(async () => {
  platform = historyPlatform();
  jenkins = await scriptedJenkins();
  now = Date.now();
  givenJobs(jenkins, JOBS, PER_JOB, now);
  await saveJenkins('jenkins-1', jenkins.url);
  await saveProject(
    demoConfig({ deploySources: [{ id: 'src-prod', connectionId: 'jenkins-1', job: 'app/deploy-prod', environment: { id: 'production', name: 'Production', type: 'production' } }] }),
  );
  // New builds first: the regular sync has read the newest of each job.
  await runSync(platform);
});

afterEach(async () => {
  await jenkins.close();
  platform.close();
});

describe('a history import', () => {
  it('brings in every build back to the date over several invocations, nothing lost, older builds left alone, each counted once', async () => {
    const from = now - 30 * DAY;

    await startHistoryImport('jenkins-1', new Date(from));
    const report = await platform.app.drainQueues();

    const { expected, stored, older } = await expectedAndStored(JOBS, PER_JOB, now, from);
    expect(stored).toEqual(expected);
    expect(older).toEqual([]);
    expect(report.failed).toBe(0);
    const record = await new HistoryStore().get('jenkins-1');
    expect(record).toMatchObject({ state: 'done', builds: expected.length, fractionDone: 1 });
    expect(record?.rounds).toBeGreaterThanOrEqual(Math.ceil(expected.length / ROUND_BUILDS));
    expect(Date.parse(record?.reachedBack ?? '')).toBeGreaterThanOrEqual(from);
  });

  it('links the deploys it finds in history to their issues, as the sync does', async () => {
    const before = (await deploysOf('DEMO')).length;

    await startHistoryImport('jenkins-1', new Date(now - 30 * DAY));
    await platform.app.drainQueues();

    const deploys = await deploysOf('DEMO');
    // 30 days of a build every 6 hours: 120 runs of the deploy job
    expect(deploys).toHaveLength(120);
    expect(before).toBeLessThan(deploys.length);
    const oldest = deploys[0];
    expect(oldest?.issueKeys.length).toBeGreaterThan(0);
    const links = await linksOf();
    expect(Object.values(links).flat()).toContain(oldest?.id);
  });

  it('resumes where it stopped after a failure, with nothing lost or counted twice', async () => {
    const from = now - 30 * DAY;
    // Jenkins refuses the token for the last job half-way through the import
    let refuse = false;
    jenkins.script.overrides.push((request) => (refuse && request.path.includes('/job/tools/') ? reply({ status: 401, body: '{}' }) : undefined));
    await startHistoryImport('jenkins-1', new Date(from));
    await platform.app.drainQueues({ maxEvents: 3 });
    refuse = true;
    await platform.app.drainQueues();
    const stopped = await new HistoryStore().get('jenkins-1');
    expect(stopped?.state).toBe('failed');
    expect(stopped?.error?.name).toBe('AuthError');

    refuse = false;
    await startHistoryImport('jenkins-1', new Date(from));
    await platform.app.drainQueues();

    const { expected, stored } = await expectedAndStored(JOBS, PER_JOB, now, from);
    expect(stored).toEqual(expected);
    expect(await new HistoryStore().get('jenkins-1')).toMatchObject({ state: 'done', builds: expected.length });
  });

  it('does nothing twice for a duplicated event of the same round', async () => {
    const from = now - 30 * DAY;
    const started = await startHistoryImport('jenkins-1', new Date(from));
    // Forge may deliver an event more than once
    await pushHistoryWork({ connectionId: 'jenkins-1', revision: started.revision });
    await pushHistoryWork({ connectionId: 'jenkins-1', revision: started.revision });

    await platform.app.drainQueues();

    const { expected, stored } = await expectedAndStored(JOBS, PER_JOB, now, from);
    expect(stored).toEqual(expected);
    expect(await new HistoryStore().get('jenkins-1')).toMatchObject({ state: 'done', builds: expected.length });
  });
});
