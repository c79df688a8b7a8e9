import type { ProjectConfig } from '../../../src/domain/project-config';
import type { SyncStatus } from '../../../src/storage/sync-state-store';

export function aProjectConfig(overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return {
    schemaVersion: 1,
    projectKey: 'DEMO',
    defaultConnectionId: 'jenkins-1',
    builds: [],
    deploySources: [
      {
        id: 's1',
        connectionId: 'jenkins-1',
        job: 'app/deploy',
        environment: { id: 'production', name: 'Production', type: 'production' },
      },
    ],
    issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    schemaVersion: 1,
    connectionId: 'jenkins-1',
    lastRunAt: '2026-11-02T10:00:00.000Z',
    lastSuccessAt: '2026-11-02T10:00:00.000Z',
    durationMs: 1200,
    buildsWritten: 3,
    deploysWritten: 1,
    requests: 4,
    complete: true,
    problems: [],
    ...overrides,
  };
}

/** A failed sync, as the sync engine records it. */
export function aFailedSync(connectionId: string): SyncStatus {
  return aSyncStatus({
    connectionId,
    lastRunAt: '2026-11-02T11:00:00.000Z',
    lastSuccessAt: '2026-11-02T09:00:00.000Z',
    complete: false,
    error: { name: 'AuthError', message: 'Jenkins at https://ci.example.test answered 401', hint: 'Check the user name and the API token.' },
  });
}
