import { kvs, Sort } from '@forge/kvs';
import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform, PlatformOptions } from '../../../dev/emulator/platform';
import type { ProjectConfig } from '../../../src/domain/project-config';
import type { Deploy } from '../../../src/domain/deploy';
import { deployRegistration } from '../../../src/webtrigger/deploy-registration';
import { syncScheduler, syncWorker } from '../../../src/sync/entry-points';
import { ConnectionStore } from '../../../src/storage/connection-store';
import { DeployStore, fromEntity as deployFromEntity } from '../../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { createTestPlatform } from '../../support/platform';

/**
 * A platform whose functions are the sync engine's own entry points (not src/index, so these
 * tests do not depend on every resolver compiling), with a site holding DEMO and OPS.
 */
const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': () => syncScheduler(),
  'index.syncWorker': (event) => syncWorker(event),
  'index.deployRegistration': (request) => deployRegistration(request),
};

export const ADMIN = 'admin-1';

/** `kvsLatencyMs`: the emulator's concurrency mode, for tests of races (pair with `drainQueues({ concurrency })`). */
export function syncPlatform(options: Partial<Pick<PlatformOptions, 'clock' | 'kvsLatencyMs'>> = {}): Platform {
  const platform = createTestPlatform({
    loadHandler: (handler) => {
      const fn = HANDLERS[handler];
      if (!fn) throw new Error(`the sync tests do not load ${handler}`);
      return fn;
    },
    ...options,
  });
  platform.site.addUser({ accountId: ADMIN, displayName: 'Ada Admin', admin: true });
  platform.site.addProject({ key: 'DEMO', name: 'Demo', lead: ADMIN });
  platform.site.addIssues('DEMO', 30);
  platform.site.addProject({ key: 'OPS', name: 'Operations', lead: ADMIN });
  platform.install();
  return platform;
}

/** The fiveMinute trigger, then every queued event (continuations included) until the queue is empty. */
export async function runSync(platform: Platform): Promise<{ delivered: number; retried: number; failed: number }> {
  await platform.app.runScheduledTrigger('sync-schedule');
  return platform.app.drainQueues();
}

export async function saveJenkins(id: string, baseUrl: string): Promise<void> {
  await new ConnectionStore().save({
    connection: { kind: 'jenkins', id, name: `Jenkins ${id}`, baseUrl, username: 'deploy-bot', customHeaders: {} },
    scope: { kind: 'site' },
    agentEnabled: false,
    secret: { apiToken: 'token-0123456789', headers: {} },
    now: '2026-11-01T00:00:00.000Z',
  });
}

/** DEMO deploying to production from one job of one connection, which is also its build server. */
export function deployingToProduction(connectionId: string, job: string, sourceId: string): ProjectConfig {
  return demoConfig({
    defaultConnectionId: connectionId,
    deploySources: [{ id: sourceId, connectionId, job, environment: { id: 'production', name: 'Production', type: 'production' } }],
  });
}

export function demoConfig(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    schemaVersion: 1,
    projectKey: 'DEMO',
    defaultConnectionId: 'jenkins-1',
    builds: [],
    deploySources: [
      { id: 'src-staging', connectionId: 'jenkins-1', job: 'shop/deploy-staging', environment: { id: 'staging', name: 'Staging', type: 'staging' } },
      { id: 'src-prod', connectionId: 'jenkins-1', job: 'shop/deploy-production', environment: { id: 'production', name: 'Production', type: 'production' } },
    ],
    issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export async function saveProject(config: ProjectConfig): Promise<void> {
  await new ProjectConfigStore().save(config);
}

/** Every deploy of a project, oldest first, as stored. */
export async function deploysOf(projectKey: string): Promise<Deploy[]> {
  const found: Deploy[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<Record<string, unknown>>('deploy').query().index('by-project', { partition: [projectKey] }).sort(Sort.ASC).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const deploy = deployFromEntity(result.value);
      if (deploy) found.push(deploy);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** Deploy ids linked to each DEMO issue that has any. */
export async function linksOf(issueCount = 30): Promise<Record<string, string[]>> {
  const links: Record<string, string[]> = {};
  const store = new DeployStore();
  for (let i = 1; i <= issueCount; i++) {
    const page = await store.forIssue(`DEMO-${i}`);
    if (page.deploys.length) links[`DEMO-${i}`] = page.deploys.map((d) => d.id).sort();
  }
  return links;
}

/** The value, or a failed test saying what was missing. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}`);
  return value;
}
