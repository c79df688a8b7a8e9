/**
 * The push phase of `npm run bench` (issue 15): one emulated hour of a Jenkins with a new build
 * every five minutes, once for a polled connection and once for a connection of mode `both`
 * whose webhooks are healthy (each build's finish pushed to the web trigger). Reports sync-worker
 * invocations and outbound requests per hour for each. The app reads `Date.now()` for its
 * schedule, so the hour is emulated by moving that clock five minutes per tick.
 */
import path from 'node:path';
import { startJenkinsStandIn } from '../dev/ci-servers';
import type { AppHandler } from '../dev/emulator/functions';
import { Platform } from '../dev/emulator/platform';
import type { Connection } from '../src/domain/connection';
import { ConnectionStore } from '../src/storage/connection-store';
import { ProjectConfigStore } from '../src/storage/project-config-store';
import { syncScheduler, syncWorker } from '../src/sync/entry-points';
import { PushStore } from '../src/sync/push-store';
import { jenkinsBuildEvents } from '../src/webtrigger/build-events';
import { signJenkins } from '../src/webtrigger/build-events/jenkins';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../src/webtrigger/signature';

export interface HourFigures {
  readonly workerInvocations: number;
  readonly requests: number;
}
export interface PushFigures {
  readonly polled: HourFigures;
  readonly pushedHealthy: HourFigures & { readonly eventsPushed: number };
}

const TICKS = 12;
const TICK_MS = 5 * 60_000;
const JOB = 'shop/build';
const USER = 'bench-bot';
const TOKEN = 'token-bench-0123456789';

async function hour(mode: 'polled' | 'both'): Promise<HourFigures & { eventsPushed: number }> {
  let workers = 0;
  const handlers: Record<string, AppHandler> = {
    'index.syncScheduler': () => syncScheduler(),
    'index.syncWorker': (event) => {
      workers += 1;
      return syncWorker(event);
    },
    'index.jenkinsBuildEvents': (request) => jenkinsBuildEvents(request),
  };
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  const jenkins = await startJenkinsStandIn({ layout: [], users: { [USER]: TOKEN } });
  const platform = new Platform({
    appRoot: path.resolve(__dirname, '..'),
    localMode: true,
    loadHandler: (handler) => {
      const fn = handlers[handler];
      if (!fn) throw new Error(`the push bench does not run ${handler}`);
      return fn;
    },
  });
  platform.install();
  platform.site.addUser({ accountId: 'bench-admin', displayName: 'Bench Admin', admin: true });
  platform.site.addProject({ key: 'DEMO', name: 'Demo', lead: 'bench-admin' });
  platform.site.addIssues('DEMO', 30);
  try {
    const connection: Connection = { kind: 'jenkins', id: `jenkins-${mode}`, name: 'Jenkins', baseUrl: jenkins.url, username: USER, customHeaders: {}, mode };
    await new ConnectionStore().save({ connection, scope: { kind: 'site' }, agentEnabled: false, secret: { apiToken: TOKEN, headers: {} }, now: new Date().toISOString() });
    const { record, secret } = await new PushStore().rotate(connection.id, new Date().toISOString());
    await new ProjectConfigStore().save({
      schemaVersion: 1,
      projectKey: 'DEMO',
      defaultConnectionId: connection.id,
      builds: [{ connectionId: connection.id, jobs: [JOB] }],
      deploySources: [],
      issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
      updatedAt: new Date().toISOString(),
    });
    const addBuild = (n: number) => jenkins.script.addBuild(JOB, { commits: [{ sha: n.toString(16).padStart(40, '0'), message: `DEMO-${n} change` }] });
    // The first sync, outside the hour: both connections start from a cursor.
    addBuild(0);
    await platform.app.runScheduledTrigger('sync-schedule');
    await platform.app.drainQueues();
    const requestsBefore = jenkins.script.requests.length;
    workers = 0;
    let eventsPushed = 0;
    for (let tick = 1; tick <= TICKS; tick++) {
      offset += TICK_MS;
      const number = addBuild(tick);
      if (mode === 'both') {
        const now = Date.now();
        const body = JSON.stringify({ job: JOB, number, result: 'SUCCESS', startedAt: now - 60_000, durationMs: 60_000, sha: tick.toString(16).padStart(40, '0'), commits: [{ sha: tick.toString(16).padStart(40, '0'), message: `DEMO-${tick} change` }] });
        const timestamp = Math.floor(now / 1000);
        const answer = await platform.app.runWebtrigger('build-events-jenkins', {
          method: 'POST',
          path: '/x1/bench',
          headers: { 'content-type': ['application/json'], [TIMESTAMP_HEADER]: [String(timestamp)], [SIGNATURE_HEADER]: [signJenkins(secret, timestamp, body)] },
          queryParameters: { hook: [record.hookId] },
          body,
        });
        if (answer.statusCode !== 201) throw new Error(`the push bench's event was answered ${answer.statusCode}: ${answer.body}`);
        eventsPushed += 1;
      }
      await platform.app.runScheduledTrigger('sync-schedule');
      await platform.app.drainQueues();
    }
    return { workerInvocations: workers, requests: jenkins.script.requests.length - requestsBefore, eventsPushed };
  } finally {
    Date.now = realNow;
    platform.close();
    await jenkins.close();
  }
}

/** Worker invocations and requests in an hour, polled against pushed with healthy webhooks. */
export async function measurePush(): Promise<PushFigures> {
  const polled = await hour('polled');
  const { workerInvocations, requests, eventsPushed } = await hour('both');
  return { polled: { workerInvocations: polled.workerInvocations, requests: polled.requests }, pushedHealthy: { workerInvocations, requests, eventsPushed } };
}
