import type { Platform } from '../dev/emulator/platform';
import { DEMO_CREDENTIALS } from '../dev/ci-servers';
import { ConnectionStore } from '../src/storage/connection-store';
import { ProjectConfigStore } from '../src/storage/project-config-store';
import { CONNECTIONS } from './setup';

export interface DrainResult {
  readonly invocations: number;
  readonly failed: number;
  readonly converged: boolean;
  readonly wallMs: number;
}

/** Delivers the queue until it is empty, or a limit says the run will not converge. */
export async function drainBounded(platform: Platform, limits: { invocations: number; ms: number }): Promise<DrainResult> {
  const started = Date.now();
  let delivered = 0;
  let failed = 0;
  while (platform.queues.size > 0) {
    if (delivered >= limits.invocations || Date.now() - started > limits.ms) return { invocations: delivered, failed, converged: false, wallMs: Date.now() - started };
    const report = await platform.app.drainQueues({ maxEvents: 25 });
    delivered += report.delivered + report.retried + report.failed;
    failed += report.failed;
  }
  return { invocations: delivered, failed, converged: true, wallMs: Date.now() - started };
}

/** One Jenkins connection, used by one project so the scheduler has a reason to sync it. */
export async function configureJenkins(baseUrl: string): Promise<void> {
  const now = new Date().toISOString();
  await new ConnectionStore().save({
    scope: { kind: 'site' },
    agentEnabled: false,
    now,
    connection: { kind: 'jenkins', id: CONNECTIONS.jenkins, name: 'Jenkins', baseUrl, username: DEMO_CREDENTIALS.jenkins.username, customHeaders: {} },
    secret: { apiToken: DEMO_CREDENTIALS.jenkins.apiToken, headers: {} },
  });
  await new ProjectConfigStore().save({
    schemaVersion: 1,
    projectKey: 'DEMO',
    defaultConnectionId: CONNECTIONS.jenkins,
    builds: [],
    deploySources: [],
    issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
    updatedAt: now,
  });
}

