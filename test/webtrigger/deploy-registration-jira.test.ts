import { BuildStore } from '../../src/storage/build-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/webtrigger/signature';
import { aBuild } from '../support/builders';
import { demoConfig, saveProject, syncPlatform } from '../sync/support/sync-platform';

/** A registered deploy reaches Jira's devops API (the emulator's dev/emulator/jira/devops-store) when the project chose Jira. */
const platform = syncPlatform();
const SECRET = 'whsec-0a7e1c2b9d3f4e5a6b7c8d9e';
const SHA = 'c0ffee0000000000000000000000000000000002';

afterAll(() => platform.close());

function register(runId: string, state: string) {
  const body = JSON.stringify({
    environment: { name: 'Production', type: 'production' },
    sha: SHA,
    state,
    url: `https://deploy.example.com/runs/${runId}`,
    pipeline: { id: 'argo-shop', name: 'Argo CD: shop' },
    runId,
    commits: [{ sha: SHA, message: 'DEMO-3 cache product images' }],
    startedAt: '2026-11-01T10:00:00Z',
    ...(state === 'successful' ? { finishedAt: '2026-11-01T10:04:00Z' } : {}),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return platform.app.runWebtrigger('deploy-registration', {
    method: 'POST',
    path: '/x1/test',
    headers: { 'content-type': ['application/json'], [TIMESTAMP_HEADER]: [String(timestamp)], [SIGNATURE_HEADER]: [sign(SECRET, timestamp, body)] },
    queryParameters: { project: ['DEMO'] },
    body,
  });
}

const useJira = (provider: 'jira' | 'app-only') =>
  demoConfig({ issueIntegration: { provider, scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' } });

describe('deploy registration and Jira', () => {
  beforeAll(() => new ProjectConfigStore().saveDeploySecret('DEMO', SECRET));

  it('sends nothing to Jira for a project set to "This app only"', async () => {
    // Given DEMO keeps its deploys in the app
    await saveProject(useJira('app-only'));
    // When a deploy is registered
    expect((await register('90', 'successful')).statusCode).toBe(201);
    // Then Jira holds nothing
    expect(platform.site.devops.deployments()).toEqual([]);
  });

  it('sends a registered deploy, and its later state, to Jira tagged with its project only', async () => {
    // Given DEMO chose Jira (this site)
    await saveProject(useJira('jira'));
    // When a run is registered as in progress, then as successful
    expect((await register('91', 'in_progress')).statusCode).toBe(201);
    expect((await register('91', 'successful')).statusCode).toBe(200);
    // Then Jira holds one deployment of it, successful, linked to DEMO-3, deletable by the project
    const sent = platform.site.devops.deploymentsOf('DEMO-3').filter((d) => d.url.endsWith('/runs/91'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ state: 'successful', environment: { displayName: 'Production', type: 'production' } });
    expect(platform.site.devops.deployments().find((d) => d.data.url.endsWith('/runs/91'))?.properties).toEqual({ project: 'DEMO' });
  });

  it("associates the deploy's commits with the repository a stored build of its commit names", async () => {
    // Given a CI build of the deployed commit, synced with the repository it cloned
    await saveProject(useJira('jira'));
    await new BuildStore().write([aBuild({ connectionId: 'jenkins-1', sha: SHA, number: 5, repositoryUrl: 'https://github.com/org/shop' })]);
    // When a deploy of that commit is registered
    expect((await register('92', 'successful')).statusCode).toBe(201);
    // Then Jira gets its commit with that repository, besides its issue key
    const sent = platform.site.devops.deployments().find((d) => d.data.url.endsWith('/runs/92'));
    expect(sent?.data['associations']).toEqual(
      expect.arrayContaining([{ associationType: 'commit', values: [{ commitHash: SHA, repositoryId: 'https://github.com/org/shop' }] }]),
    );
  });
});
