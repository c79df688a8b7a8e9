import path from 'node:path';
import type { AppHandler } from '../dev/emulator/functions';
import { Platform } from '../dev/emulator/platform';
import { DEMO_CREDENTIALS } from '../dev/ci-servers';
import type { ProjectConfig } from '../src/domain/project-config';
import { ConnectionStore } from '../src/storage/connection-store';
import { ProjectConfigStore } from '../src/storage/project-config-store';
import { syncScheduler, syncWorker } from '../src/sync/entry-points';
import { historyWorker } from '../src/sync/history';

export const CONNECTIONS = { jenkins: 'bench-jenkins', buildkite: 'bench-buildkite', circleci: 'bench-circleci' } as const;

/** Invocations of the sync's functions and their wall time: what Forge bills as GB-seconds. */
export const invocations = {
  scheduler: 0,
  worker: 0,
  history: 0,
  wallMs: 0,
  reset(): void {
    this.scheduler = 0;
    this.worker = 0;
    this.history = 0;
    this.wallMs = 0;
  },
};

function timed(kind: 'scheduler' | 'worker' | 'history', run: AppHandler): AppHandler {
  return async (...args) => {
    invocations[kind] += 1;
    const started = performance.now();
    try {
      return await run(...args);
    } finally {
      invocations.wallMs += performance.now() - started;
    }
  };
}

const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': timed('scheduler', () => syncScheduler()),
  'index.syncWorker': timed('worker', (event) => syncWorker(event)),
  'index.historyWorker': timed('history', (event) => historyWorker(event)),
};

/** Node's own fetch, before any platform wraps it: each new platform must start from it. */
const REAL_FETCH = globalThis.fetch;

/** An in-memory platform running the sync's own entry points, with a site of one project. */
export function benchPlatform(): Platform {
  globalThis.fetch = REAL_FETCH;
  const platform = new Platform({
    appRoot: path.resolve(__dirname, '..'),
    localMode: true,
    loadHandler: (handler) => {
      const fn = HANDLERS[handler];
      if (!fn) throw new Error(`the bench does not run ${handler}`);
      return fn;
    },
  });
  platform.install();
  platform.site.addUser({ accountId: 'bench-admin', displayName: 'Bench Admin', admin: true });
  platform.site.addProject({ key: 'DEMO', name: 'Demo', lead: 'bench-admin' });
  platform.site.addIssues('DEMO', 30);
  return platform;
}

export interface StandInUrls {
  readonly jenkins: string;
  readonly buildkite: string;
  readonly circleci: string;
  readonly projectSlugs: readonly string[];
}

/** The three connections and the DEMO project deploying from all of them. */
export async function configure(urls: StandInUrls, deploySources: ProjectConfig['deploySources']): Promise<void> {
  const store = new ConnectionStore();
  const now = new Date().toISOString();
  const common = { scope: { kind: 'site' as const }, agentEnabled: false, now };
  await store.save({
    ...common,
    connection: { kind: 'jenkins', id: CONNECTIONS.jenkins, name: 'Jenkins', baseUrl: urls.jenkins, username: DEMO_CREDENTIALS.jenkins.username, customHeaders: {} },
    secret: { apiToken: DEMO_CREDENTIALS.jenkins.apiToken, headers: {} },
  });
  await store.save({
    ...common,
    connection: { kind: 'buildkite', id: CONNECTIONS.buildkite, name: 'Buildkite', organization: DEMO_CREDENTIALS.buildkite.organization, apiBaseUrl: urls.buildkite },
    secret: { apiToken: DEMO_CREDENTIALS.buildkite.apiToken, headers: {} },
  });
  await store.save({
    ...common,
    connection: { kind: 'circleci', id: CONNECTIONS.circleci, name: 'CircleCI', projectSlugs: [...urls.projectSlugs], apiBaseUrl: urls.circleci },
    secret: { apiToken: DEMO_CREDENTIALS.circleci.apiToken, headers: {} },
  });
  await new ProjectConfigStore().save({
    schemaVersion: 1,
    projectKey: 'DEMO',
    defaultConnectionId: CONNECTIONS.jenkins,
    builds: [],
    deploySources,
    issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
    updatedAt: now,
  });
}
