import { DEMO_CREDENTIALS, startCiStandIns, type CiStandIns } from '../ci-servers';
import type { Connection } from '../../src/domain/connection';
import type { ProjectConfig } from '../../src/domain/project-config';
import { ConnectionStore } from '../../src/storage/connection-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { storeDemoDoraHistory } from './dora-history';
import { PushStore } from '../../src/sync/push-store';
import { startBuildkiteWebhooks } from '../ci-servers/buildkite/webhooks';
import { startCircleCiWebhooks } from '../ci-servers/circleci/webhooks';
import type { WebhookSender } from '../ci-servers/shared/webhook-sender';
import { startJenkinsPushes } from './jenkins-push';

/**
 * The demo's CI: the three stand-ins (dev/ci-servers) with histories that keep growing, three
 * connections to them, and the DEMO project set up to deploy from all three, so deploys appear
 * in DEMO issues on their own, and in Jira's Development box. Only what is missing is created, so a project setting changed in
 * the UI survives a restart.
 */
export const DEMO_CONNECTIONS = { jenkins: 'demo-jenkins', buildkite: 'demo-buildkite', circleci: 'demo-circleci' } as const;

export interface DemoCiUrls {
  readonly jenkins: string;
  readonly buildkite: string;
  readonly circleci: string;
  readonly projectSlugs: readonly string[];
}

/**
 * The stand-ins with growing histories, and the local Git host their repositories name, so the
 * panel's SHAs open real pages. The Git host takes `gitHostPort` when it is free: deploys stored
 * by an earlier start keep their links, and the world's SHAs are the same at every start.
 */
export async function startDemoCi(options: { readonly commitEveryMs?: number; readonly gitHostPort?: number } = {}): Promise<CiStandIns> {
  const start = (port: number) =>
    startCiStandIns({ world: { growing: options.commitEveryMs === undefined ? true : { commitEveryMs: options.commitEveryMs } }, gitHost: { port } });
  try {
    return await start(options.gitHostPort ?? 0);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
    console.warn(`[demo] port ${options.gitHostPort ?? 0} is taken: the Git host takes a free one, so links of deploys stored before point nowhere`);
    return start(0);
  }
}

export function demoUrls(ci: CiStandIns): DemoCiUrls {
  return { jenkins: ci.jenkins.url, buildkite: ci.buildkite.url, circleci: ci.circleci.url, projectSlugs: ci.circleci.projectSlugs };
}

const STAGING = { id: 'staging', name: 'Staging', type: 'staging' } as const;
const PRODUCTION = { id: 'production', name: 'Production', type: 'production' } as const;

export function demoProjectConfig(now: string): ProjectConfig {
  return {
    schemaVersion: 1,
    projectKey: 'DEMO',
    defaultConnectionId: DEMO_CONNECTIONS.jenkins,
    // Named, not "all": a job belongs to the projects that name it (src/domain/access-rules.ts), so the
    // demo's panel opens these builds for DEMO's viewers, while platform/** stays nobody's.
    builds: [{ connectionId: DEMO_CONNECTIONS.jenkins, jobs: ['shop/**', 'demo-org/**', 'deploy-*', 'api-server', 'backend-service', 'release-pipeline', 'pipeline-without-stage-view', 'nightly-integration', 'docs-preview'] }],
    deploySources: [
      { id: 'demo-jenkins-staging', connectionId: DEMO_CONNECTIONS.jenkins, job: 'deploy-staging', environment: STAGING },
      { id: 'demo-jenkins-production', connectionId: DEMO_CONNECTIONS.jenkins, job: 'deploy-production', environment: PRODUCTION },
      { id: 'demo-buildkite-deploy', connectionId: DEMO_CONNECTIONS.buildkite, job: 'deploy', environment: PRODUCTION },
      { id: 'demo-circleci-deploy', connectionId: DEMO_CONNECTIONS.circleci, job: 'gh/demo-org/storefront-deploy', environment: STAGING },
    ],
    // Jira (this site): the demo's deploys and builds also reach Jira's devops APIs, so DEMO issues
    // show them in the host's Development box (dev/server/development-box.ts) beside our panel.
    issueIntegration: { provider: 'jira', scanCommitMessages: true, scanBranchNames: true, keyScope: 'this-project' },
    updatedAt: now,
  };
}

function demoConnections(urls: DemoCiUrls): { connection: Connection; apiToken: string }[] {
  return [
    {
      connection: { kind: 'jenkins', id: DEMO_CONNECTIONS.jenkins, name: 'Demo Jenkins', baseUrl: urls.jenkins, username: DEMO_CREDENTIALS.jenkins.username, customHeaders: {} },
      apiToken: DEMO_CREDENTIALS.jenkins.apiToken,
    },
    {
      connection: { kind: 'buildkite', id: DEMO_CONNECTIONS.buildkite, name: 'Demo Buildkite', organization: DEMO_CREDENTIALS.buildkite.organization, apiBaseUrl: urls.buildkite },
      apiToken: DEMO_CREDENTIALS.buildkite.apiToken,
    },
    {
      connection: { kind: 'circleci', id: DEMO_CONNECTIONS.circleci, name: 'Demo CircleCI', projectSlugs: [...urls.projectSlugs], apiBaseUrl: urls.circleci },
      apiToken: DEMO_CREDENTIALS.circleci.apiToken,
    },
  ];
}

function addressOf(connection: Connection): string {
  return connection.kind === 'jenkins' ? connection.baseUrl : (connection.apiBaseUrl ?? '');
}

/**
 * Saves the demo connections and the DEMO project when they are missing. The stand-ins listen on
 * new ports and start new histories at every start, so a demo connection that points at an old
 * port is moved to the new one and its sync starts afresh.
 */
export async function configureDemo(urls: DemoCiUrls, now: Date = new Date()): Promise<string[]> {
  const connections = new ConnectionStore();
  const changes: string[] = [];
  for (const { connection, apiToken } of demoConnections(urls)) {
    const existing = await connections.get(connection.id);
    if (existing && addressOf(existing.connection) === addressOf(connection)) continue;
    await connections.save({
      connection,
      scope: existing?.scope ?? { kind: 'site' },
      agentEnabled: existing?.agentEnabled ?? true,
      secret: { apiToken, headers: {} },
      now: now.toISOString(),
      createdAt: existing?.createdAt,
    });
    if (existing) await new SyncStateStore().resetCursor(connection.id);
    changes.push(`${existing ? 'moved' : 'added'} connection ${connection.name} (${addressOf(connection)})`);
  }
  const projects = new ProjectConfigStore();
  if (!(await projects.get('DEMO'))) {
    await projects.save(demoProjectConfig(now.toISOString()));
    changes.push('set up project DEMO to deploy from the three demo CI servers');
    // With the project, once: 180 days of Production releases for the DORA page (dora-history.ts).
    await storeDemoDoraHistory(now.getTime());
  }
  return changes;
}

/** The web triggers the demo's stand-ins deliver to (manifest.yml). */
export const BUILD_EVENT_TRIGGERS = { buildkite: 'build-events-buildkite', circleci: 'build-events-circleci', jenkins: 'build-events-jenkins' } as const;

/** Buildkite and CircleCI push as well as being polled; a pushed-only connection (no URL) stands for a firewalled Jenkins. */
export const DEMO_PUSHED_JENKINS = 'demo-jenkins-firewalled';

/** The webhook of a connection, made on first use; locally the demo may read its secret back to hand it to its stand-in. */
async function webhookOf(connectionId: string, now: string): Promise<{ hookId: string; secret: string }> {
  const store = new PushStore();
  const existing = await store.webhook(connectionId);
  const secret = existing ? await store.secretFor(existing.hookId) : undefined;
  if (existing && secret) return { hookId: existing.hookId, secret: secret.secret };
  const made = await store.rotate(connectionId, now);
  return { hookId: made.record.hookId, secret: made.secret };
}

async function setMode(connectionId: string, mode: 'both' | 'pushed', now: string): Promise<void> {
  const connections = new ConnectionStore();
  const found = await connections.withSecret(connectionId);
  if (!found || found.connection.mode === mode) return;
  await connections.save({
    connection: { ...found.connection, mode },
    scope: found.entry.scope,
    agentEnabled: found.entry.agentEnabled,
    secret: { apiToken: found.secret.apiToken, headers: found.connection.kind === 'jenkins' ? found.connection.customHeaders : {} },
    now,
    createdAt: found.entry.createdAt,
  });
}

export interface DemoWebhooks {
  readonly senders: readonly WebhookSender[];
  stop(): Promise<void>;
}

/**
 * Real-time demo builds: the Buildkite and CircleCI connections take pushes as well as polls, and
 * their stand-ins send signed webhooks to the web trigger URLs (`urlFor`, from the emulator) as
 * their builds finish. A pushed-only Jenkins connection with no URL is added for the firewalled
 * case (dev/demo/jenkins-push.ts sends its builds, as a Jenkinsfile's post section would).
 */
export async function startDemoWebhooks(ci: CiStandIns, urlFor: (triggerKey: string) => string, options: { readonly intervalMs?: number; readonly log?: (line: string) => void } = {}): Promise<DemoWebhooks> {
  const now = new Date().toISOString();
  await setMode(DEMO_CONNECTIONS.buildkite, 'both', now);
  await setMode(DEMO_CONNECTIONS.circleci, 'both', now);
  const connections = new ConnectionStore();
  if (!(await connections.get(DEMO_PUSHED_JENKINS))) {
    await connections.save({
      connection: { kind: 'jenkins', id: DEMO_PUSHED_JENKINS, name: 'Demo Jenkins (firewalled, pushed only)', baseUrl: '', username: '', customHeaders: {}, mode: 'pushed' },
      scope: { kind: 'site' },
      agentEnabled: false,
      secret: { apiToken: '', headers: {} },
      now,
    });
  }
  const target = async (connectionId: string, trigger: string) => {
    const hook = await webhookOf(connectionId, now);
    return { url: `${urlFor(trigger)}?hook=${hook.hookId}`, secret: hook.secret };
  };
  const buildkite = await target(DEMO_CONNECTIONS.buildkite, BUILD_EVENT_TRIGGERS.buildkite);
  const circleci = await target(DEMO_CONNECTIONS.circleci, BUILD_EVENT_TRIGGERS.circleci);
  const jenkins = await target(DEMO_PUSHED_JENKINS, BUILD_EVENT_TRIGGERS.jenkins);
  const senders = [
    startBuildkiteWebhooks(ci.buildkite, () => buildkite, options),
    startCircleCiWebhooks(ci.circleci, () => circleci, options),
    startJenkinsPushes(ci.jenkins, () => jenkins, options),
  ];
  return { senders, stop: async () => void (await Promise.all(senders.map((s) => s.stop()))) };
}
