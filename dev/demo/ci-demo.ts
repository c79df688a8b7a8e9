import { DEMO_CREDENTIALS, startCiStandIns, type CiStandIns } from '../ci-servers';
import type { Connection } from '../../src/domain/connection';
import type { ProjectConfig } from '../../src/domain/project-config';
import { ConnectionStore } from '../../src/storage/connection-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';

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

export async function startDemoCi(options: { readonly commitEveryMs?: number } = {}): Promise<CiStandIns> {
  return startCiStandIns({ world: { growing: options.commitEveryMs === undefined ? true : { commitEveryMs: options.commitEveryMs } } });
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
    builds: [],
    deploySources: [
      { id: 'demo-jenkins-staging', connectionId: DEMO_CONNECTIONS.jenkins, job: 'deploy-staging', environment: STAGING },
      { id: 'demo-jenkins-production', connectionId: DEMO_CONNECTIONS.jenkins, job: 'deploy-production', environment: PRODUCTION },
      { id: 'demo-buildkite-deploy', connectionId: DEMO_CONNECTIONS.buildkite, job: 'deploy', environment: PRODUCTION },
      { id: 'demo-circleci-deploy', connectionId: DEMO_CONNECTIONS.circleci, job: 'gh/demo-org/storefront-deploy', environment: STAGING },
    ],
    // Jira (this site): the demo's deploys and builds also reach Jira's devops APIs, so DEMO issues
    // show them in the host's Development box (dev/server/development-box.ts) beside our panel.
    issueIntegration: { provider: 'jira', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
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
  }
  return changes;
}
