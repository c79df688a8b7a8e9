import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Platform } from '../../dev/emulator/platform';
import { BuildStore } from '../../src/storage/build-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/webtrigger/signature';
import { signJenkins } from '../../src/webtrigger/build-events/jenkins';
import { errorOf, nowSeconds, pushPlatform, saveConnectionWithWebhook, sendEvent } from '../webtrigger/build-events/support';
import { JENKINS_TOKEN, JENKINS_USER, scriptedJenkins, sha } from './support/jenkins';
import { demoConfig, saveProject } from './support/sync-platform';
import { pushWork } from '../../src/sync/work';

/**
 * A push and a poll of the same connection at once, under Forge's concurrency (every KVS call a
 * round trip): the push writes under the sync's lease, and a poll that read a build before the push
 * wrote it checks again under that lease, so a finished build is never reopened.
 */
const ID = 'jenkins-both';
const JOB = 'shop/build';
let platform: Platform;
let jenkins: JenkinsStandIn;
let hook: { hookId: string; secret: string };

function finishedEvent(number: number): string {
  return JSON.stringify({
    job: JOB,
    number,
    result: 'SUCCESS',
    startedAt: Date.parse('2026-11-01T10:00:00Z') + number * 60_000,
    durationMs: 30_000,
    sha: sha(number),
    branch: 'origin/main',
    commits: [{ sha: sha(number), message: `DEMO-${number} change ${number}`, author: 'Mia Chen' }],
  });
}

function push(number: number, body = finishedEvent(number)) {
  const timestamp = nowSeconds();
  return sendEvent(platform, 'build-events-jenkins', {
    hookId: hook.hookId,
    headers: { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signJenkins(hook.secret, timestamp, body) },
    body,
  });
}

beforeEach(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  platform = pushPlatform({ kvsLatencyMs: 3 });
  jenkins = await scriptedJenkins();
  hook = await saveConnectionWithWebhook({ kind: 'jenkins', id: ID, name: 'Jenkins', baseUrl: jenkins.url, username: JENKINS_USER, customHeaders: {}, mode: 'both' }, JENKINS_TOKEN);
  await saveProject(demoConfig({ builds: [{ connectionId: ID, jobs: [JOB] }] }));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await jenkins.close();
  platform.close();
});

describe('a push while a sync holds the connection', () => {
  it('given a sync writing the connection, when a build event arrives, then it answers 503 with Retry-After and writes nothing; sent again once the sync is done, it is recorded', async () => {
    // Given a sync that holds the connection's lease
    const state = new SyncStateStore();
    await state.acquireLease(ID, 'worker-1', Date.now(), 120);
    const body = finishedEvent(1);

    // When the event arrives
    const busy = await push(1, body);

    // Then the CI is told to send it again, and nothing was recorded
    expect(busy.statusCode).toBe(503);
    expect(errorOf(busy)).toBe('busy');
    expect(busy.headers['Retry-After']).toEqual(['60']);
    expect(await new BuildStore().get(ID, JOB, 1)).toBeUndefined();

    // When the sync is done and the CI sends the same event again
    await state.releaseLease(ID, 'worker-1');
    const again = await push(1, body);

    // Then it is recorded, and the push left the lease free
    expect(again.statusCode).toBe(201);
    expect(await new BuildStore().get(ID, JOB, 1)).toMatchObject({ state: 'successful' });
    expect(await state.acquireLease(ID, 'worker-2', Date.now(), 60)).toBe(true);
  });
});

describe('pushes racing a poll', () => {
  it('given running builds on Jenkins, when each one\'s finish is pushed while a poll reads them running, then every build ends finished', async () => {
    // Given six builds Jenkins still reports running
    const numbers = [1, 2, 3, 4, 5, 6].map((n) => jenkins.script.addBuild(JOB, { result: null, commits: [{ sha: sha(n), message: `DEMO-${n} change ${n}` }] }));
    // And their finishes pushed as the poll's requests reach Jenkins, half of those left at each request, so they land at different points of the poll
    const pending = [...numbers];
    const pushes: Promise<{ statusCode: number }>[] = [];
    jenkins.script.overrides = [
      () => {
        for (const next of pending.splice(0, Math.ceil(pending.length / 2))) pushes.push(push(next));
        return undefined;
      },
    ];

    // When the poll runs with the pushes going on
    await platform.app.runScheduledTrigger('sync-schedule');
    await platform.app.drainQueues({ concurrency: 2 });
    for (const late of pending.splice(0)) pushes.push(push(late));
    const answers = await Promise.all(pushes);
    // (a push that met the poll's lease was told to retry: the CI sends it again)
    for (const [i, answer] of answers.entries()) if (answer.statusCode === 503) await push(numbers[i] ?? 0);

    // Then no finished build was reopened by the poll's stale read
    const stored = await Promise.all(numbers.map((n) => new BuildStore().get(ID, JOB, n)));
    expect(stored.map((b) => b?.state)).toEqual(numbers.map(() => 'successful'));
  });
});

describe('a pushed-only connection', () => {
  it('given a pushed-only Jenkins, when "Sync now" queues it and a probe batch names it, then nothing reaches the server and nothing is written', async () => {
    // Given the connection switched to pushed only
    await saveConnectionWithWebhook({ kind: 'jenkins', id: ID, name: 'Jenkins', baseUrl: jenkins.url, username: JENKINS_USER, customHeaders: {}, mode: 'pushed' }, JENKINS_TOKEN);
    const before = jenkins.script.requests.length;

    // When a sync is asked for, and a probe batch names it
    await pushWork([{ work: { connectionId: ID, reason: 'request', round: 0 } }, { work: { kind: 'probe', connectionIds: [ID] } }]);
    const report = await platform.app.drainQueues();

    // Then both finish without asking Jenkins anything
    expect(report.failed).toBe(0);
    expect(jenkins.script.requests.length).toBe(before);
    expect(await new SyncStateStore().status(ID)).toBeUndefined();
  });
});
