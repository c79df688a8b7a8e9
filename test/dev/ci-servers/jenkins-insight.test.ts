import { startJenkinsStandIn, type JenkinsStandIn } from '../../../dev/ci-servers';
import { NotFound } from '../../../src/domain/errors';
import { RequestCounter } from '../../../src/providers';
import { JenkinsClient } from '../../../src/providers/jenkins/client';
import { JenkinsInsight } from '../../../src/providers/jenkins/insight';
import { mapQueueItem } from '../../../src/providers/jenkins/map-queue-stages';
import { queueItemSchema } from '../../../src/providers/jenkins/wire';
import { JENKINS_AUTH, jenkinsConnection, testClock, type TestClock } from './support';

/** What Jenkins insight (issue 4) reads besides builds: job details, queue, stages, logs. */
let jenkins: JenkinsStandIn;
let clock: TestClock;
const LOG_BYTES = 2 * 1024 * 1024;

beforeEach(async () => {
  clock = testClock();
  // The 50 MB default is the same code path; 2 MB keeps the whole-log assertions quick.
  jenkins = await startJenkinsStandIn({ world: { clock: clock.now }, hugeLogBytes: LOG_BYTES });
});

afterEach(() => jenkins.close());

const get = (path: string) => fetch(`${jenkins.url}${path}`, { headers: JENKINS_AUTH });

const deps = () => ({ fetch: globalThis.fetch, clock, remainingMillis: () => 60_000, budget: new RequestCounter(500) });
const insight = () => new JenkinsInsight(jenkinsConnection(jenkins.url), { apiToken: 'demo-jenkins-token' }, deps());
/** The transport under the insight, for what the stand-in answers where the insight turns it into StagesUnavailable. */
const client = () => new JenkinsClient(jenkinsConnection(jenkins.url), { apiToken: 'demo-jenkins-token' }, deps());
const queueItem = async (id: number) => mapQueueItem(queueItemSchema.parse(await (await get(`/queue/item/${id}/api/json`)).json()));

describe('queue', () => {
  it('has a stuck item, a blocked one and one waiting for an executor, aged relative to now', async () => {
    const { items: queue } = await insight().queue();

    expect(queue.find((q) => q.stuck)).toMatchObject({ jobName: 'api-server', why: expect.stringMatching(/no nodes with the label/) });
    expect(queue.find((q) => q.blocked)).toMatchObject({ jobName: 'release-pipeline', stuck: false });
    expect(queue.find((q) => !q.blocked && !q.stuck)).toMatchObject({ why: expect.stringMatching(/executor/) });
    const stuckSince = Date.parse(queue.find((q) => q.stuck)?.inQueueSince ?? '');
    expect(clock.time - stuckSince).toBeGreaterThan(3 * 3600_000);
  });

  it('a build\'s queue id names the build after it left the queue', async () => {
    const answer = await get('/job/api-server/api/json?tree=lastBuild[number,queueId]');
    const { lastBuild } = (await answer.json()) as { lastBuild: { number: number; queueId: number } };

    await expect(queueItem(lastBuild.queueId)).resolves.toMatchObject({ buildNumber: lastBuild.number, jobName: 'api-server' });
  });
});

describe('stages (Pipeline Stage View)', () => {
  it('lists the stages of a Pipeline run, FAILED where a failed run broke', async () => {
    const failed = await (await get('/job/shop/job/storefront/job/main/lastFailedBuild/api/json?tree=number')).json() as { number: number };

    const { stages } = await insight().pipelineRun('shop/storefront/main', failed.number);

    expect(stages.map((s) => s.name)).toEqual(['Checkout', 'Install', 'Test', 'Build image', 'Publish']);
    expect(stages.map((s) => s.rawState)).toEqual(['SUCCESS', 'SUCCESS', 'FAILED', 'NOT_EXECUTED', 'NOT_EXECUTED']);
    expect(stages[2]?.error).toBe('script returned exit code 1');
  });

  it('is a 404 for a freestyle job and for a Pipeline job on a Jenkins without the plugin', async () => {
    await expect(client().stages(['pipeline-without-stage-view'], 1)).rejects.toBeInstanceOf(NotFound);
    await expect(client().stages(['api-server'], 1)).rejects.toBeInstanceOf(NotFound);
  });

  it('a running build shows the stage in progress', async () => {
    const number = jenkins.model.startBuild('backend-service', { durationMs: 100_000 });
    clock.tick(40_000);

    const { stages } = await insight().pipelineRun('backend-service', number);

    expect(stages.map((s) => s.rawState)).toEqual(['SUCCESS', 'SUCCESS', 'IN_PROGRESS']);
  });
});

describe('console logs', () => {
  it('a failed build\'s log ends with its error marker, with ANSI colours left in', async () => {
    const text = await (await get('/job/shop/job/storefront/job/main/lastFailedBuild/consoleText')).text();

    const lines = text.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('Finished: FAILURE');
    expect(lines.slice(-3).join('\n')).toMatch(/ERROR: script returned exit code 1/);
    expect(text).toContain('\u001b[31mFAIL\u001b[39m');
  });

  it('progressiveText: X-Text-Size is the offset to read from next; a start past the end reads from 0', async () => {
    const all = await get('/job/nightly-integration/lastBuild/logText/progressiveText?start=0');
    const size = Number(all.headers.get('x-text-size'));
    const body = await all.text();

    expect(body.length).toBe(size);
    expect(size).toBeGreaterThan(LOG_BYTES - 200);
    expect(size).toBeLessThanOrEqual(LOG_BYTES);
    expect(all.headers.get('x-more-data')).toBeNull();
    const tail = await get(`/job/nightly-integration/lastBuild/logText/progressiveText?start=${size - 2000}`);
    expect(await tail.text()).toBe(body.slice(size - 2000));
    const past = await get(`/job/nightly-integration/lastBuild/logText/progressiveText?start=${size + 1}`);
    expect((await past.text()).length).toBe(size);
  });

  it('the 50 MB log is produced as read: a tail costs only the tail', async () => {
    const big = await startJenkinsStandIn({ world: { clock: clock.now } });
    try {
      const url = `${big.url}/job/nightly-integration/lastBuild/logText/progressiveText`;
      const head = await fetch(`${url}?start=0`, { headers: JENKINS_AUTH });
      const size = Number(head.headers.get('x-text-size'));
      await head.body?.cancel();

      const tail = await fetch(`${url}?start=${size - 4096}`, { headers: JENKINS_AUTH });
      const text = await tail.text();

      expect(size).toBeGreaterThan(50 * 1024 * 1024 - 200);
      expect(text).toHaveLength(4096);
      expect(text).toMatch(/Finished: FAILURE\n$/);
    } finally {
      await big.close();
    }
  });

  it('while a build runs: X-More-Data, and the log grows', async () => {
    const number = jenkins.model.startBuild('backend-service', { durationMs: 100_000 });
    clock.tick(10_000);
    const early = await get(`/job/backend-service/${number}/logText/progressiveText?start=0`);
    const earlySize = Number(early.headers.get('x-text-size'));
    clock.tick(100_000);
    const done = await get(`/job/backend-service/${number}/logText/progressiveText?start=${earlySize}`);

    expect(early.headers.get('x-more-data')).toBe('true');
    expect(done.headers.get('x-more-data')).toBeNull();
    expect(Number(done.headers.get('x-text-size'))).toBeGreaterThan(earlySize);
    expect(await done.text()).toMatch(/Finished: SUCCESS\n$/);
  });
});

describe('job details and tree= queries', () => {
  it('exports health, colour and the last good and bad builds, as job api/json does', async () => {
    const job = (await (await get('/job/api-server/api/json')).json()) as Record<string, unknown>;

    expect(job).toMatchObject({
      _class: 'hudson.model.FreeStyleProject',
      color: expect.stringMatching(/^(blue|red|yellow|aborted|notbuilt)$/),
      healthReport: [expect.objectContaining({ score: expect.any(Number), description: expect.stringMatching(/^Build stability/) })],
      lastBuild: expect.objectContaining({ number: 25 }),
      nextBuildNumber: 26,
    });
    expect(Object.keys(job)).not.toContain('allBuilds');
    expect(job['builds']).toHaveLength(25);
  });

  it('{M,N} ranges cut lists on the server', async () => {
    const ranged = (await (await get('/job/backend-service/api/json?tree=builds[number]{2,5}')).json()) as { builds: { number: number }[] };
    const one = (await (await get('/job/backend-service/api/json?tree=builds[number]{0}')).json()) as { builds: { number: number }[] };

    expect(ranged.builds.map((b) => b.number)).toEqual([28, 27, 26]);
    expect(one.builds.map((b) => b.number)).toEqual([30]);
  });

  it('a bad tree is a 400', async () => {
    expect((await get('/api/json?tree=jobs[name')).status).toBe(400);
  });
});
