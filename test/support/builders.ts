import type { Build } from '../../src/domain/build';
import type { Deploy } from '../../src/domain/deploy';

/** Small builders for test data: a valid value, with only what a test cares about changed. */
export function aBuild(overrides: Partial<Build> = {}): Build {
  return {
    provider: 'jenkins',
    connectionId: 'jenkins-1',
    job: { id: 'app/build', displayName: 'build', url: 'http://127.0.0.1/job/app/job/build/', folderPath: ['app'] },
    number: 1,
    state: 'successful',
    rawState: 'SUCCESS',
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: '2026-11-01T10:05:00.000Z',
    durationMs: 300_000,
    sha: 'a'.repeat(40),
    branch: 'main',
    tag: null,
    commits: [{ sha: 'a'.repeat(40), message: 'DEMO-1 fix login', author: 'Ada', timestamp: '2026-11-01T09:00:00.000Z' }],
    causes: [{ kind: 'scm', description: 'Started by an SCM change', actor: null }],
    parameters: [],
    url: 'http://127.0.0.1/job/app/job/build/1/',
    ...overrides,
  };
}

export function aDeploy(overrides: Partial<Deploy> = {}): Deploy {
  return {
    id: 'deploy-1',
    projectKey: 'DEMO',
    environment: { id: 'production', name: 'Production', type: 'production' },
    origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId: 'jenkins-1', jobId: 'app/deploy', buildNumber: 1 },
    pipeline: { id: 'app/deploy', displayName: 'deploy', url: null },
    sequence: 1,
    state: 'successful',
    sha: 'a'.repeat(40),
    branch: 'main',
    startedAt: '2026-11-01T11:00:00.000Z',
    finishedAt: '2026-11-01T11:03:00.000Z',
    url: 'http://127.0.0.1/job/app/job/deploy/1/',
    trigger: 'Started by user Ada',
    commits: [],
    commitsOmitted: 0,
    issueKeys: ['DEMO-1'],
    snapshot: [],
    ...overrides,
  };
}
