import { jobListSchema, PROJECT_SETTINGS_RESOLVERS as KEYS, savedSchema, syncRequestedSchema, syncStatusListSchema } from '../../src/shared/contract/project-settings';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { dataOf, failureOf } from '../connections/support/results';
import { invoke, projectPage } from '../connections/support/settings-platform';
import { projectSettingsFixture } from '../connections/support/project-settings-fixture';

const { platform, ids, aProject, as, settingsOf, jenkinsUrl } = projectSettingsFixture();

describe('projectSettings.get', () => {
  it('given a project never configured, then it shows the defaults, the site connections and the registration URL', async () => {
    const settings = await settingsOf(aProject());

    expect(settings).toMatchObject({
      defaultConnectionId: null,
      buildJobs: [],
      deploySources: [],
      issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'this-project' },
      deployRegistration: { secretConfigured: false, signatureHeader: 'x-deploy-tracker-signature' },
      updatedAt: null,
    });
    expect(settings.connections.map((c) => c.name)).toEqual(expect.arrayContaining(['Site Jenkins', 'Site Buildkite']));
    expect(settings.deployRegistration.url).toMatch(/^http:\/\/localhost:\d+\/x1\/\w+\?project=P\d+$/);
  });
});

describe('Build server tab', () => {
  it('given a site connection, when picked as default build server with its jobs, then the project uses it', async () => {
    const key = aProject();

    dataOf(await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: ids.jenkins, jobs: [' build ', 'web/*', 'build'] })), savedSchema);

    expect(await settingsOf(key)).toMatchObject({ defaultConnectionId: ids.jenkins, buildJobs: ['build', 'web/*'] });
  });

  it("given another project's own connection, when picked, then it is refused and nothing is stored", async () => {
    const other = await saved(platform, aJenkinsDraft(`${jenkinsUrl()}/jenkins`, { name: 'OPS own' }), { as: 'otto', page: projectPage('OPS') });
    const key = aProject();

    const failure = failureOf(await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: other.id, jobs: [] })));

    expect(failure).toMatchObject({ name: 'InvalidSettings', message: expect.stringMatching(/pick a connection this project can use/) });
    expect(await new ProjectConfigStore().get(key)).toBeUndefined();
  });

  it('given a default build server, when its jobs are listed, then the server is asked', async () => {
    const jobs = dataOf(await invoke(platform, KEYS.listJobs, as(aProject(), { connectionId: ids.jenkins })), jobListSchema);

    expect(jobs).toEqual({
      jobs: [
        { id: 'build', displayName: 'build' },
        { id: 'deploy-production', displayName: 'deploy-production' },
        { id: 'deploy-staging', displayName: 'deploy-staging' },
      ],
      truncated: false,
    });
  });
});

describe('Issue integration tab', () => {
  it('given a configured project, when the provider and sources are changed, then they are stored', async () => {
    const key = aProject();
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: ids.jenkins, jobs: [] }));
    const integration = { provider: 'jira', scanCommitMessages: true, scanBranchNames: false, keyScope: 'this-project' };

    dataOf(await invoke(platform, KEYS.saveIssueIntegration, as(key, integration)), savedSchema);

    expect((await settingsOf(key)).issueIntegration).toEqual(integration);
  });

  it('given a provider name the app does not know, when saved, then it is refused', async () => {
    const failure = failureOf(
      await invoke(platform, KEYS.saveIssueIntegration, as(aProject(), { provider: 'github', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' })),
    );

    expect(failure).toMatchObject({ name: 'InvalidRequest', message: expect.stringMatching(/^provider: /) });
  });
});

describe('Sync tab', () => {
  it('given a failing connection, then its last run, figures and error hint are shown', async () => {
    const key = aProject();
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: ids.jenkins, jobs: [] }));
    await new SyncStateStore().saveStatus({
      schemaVersion: 1,
      connectionId: ids.jenkins,
      lastRunAt: '2026-11-02T10:00:00.000Z',
      lastSuccessAt: '2026-11-02T09:55:00.000Z',
      durationMs: 1200,
      buildsWritten: 4,
      deploysWritten: 1,
      requests: 3,
      complete: false,
      error: { name: 'AuthError', message: 'Jenkins did not accept the credentials (HTTP 401)', hint: 'Check the Jenkins user name and API token' },
      problems: [],
    });

    const list = dataOf(await invoke(platform, KEYS.syncStatus, as(key)), syncStatusListSchema);

    expect(list.connections).toEqual([
      {
        connectionId: ids.jenkins,
        name: 'Site Jenkins',
        kind: 'jenkins',
        pushedOnly: false,
        stored: null,
        status: expect.objectContaining({ durationMs: 1200, buildsWritten: 4, error: expect.objectContaining({ hint: 'Check the Jenkins user name and API token' }) }),
      },
    ]);
  });

  it('given a project using a connection, when Sync now is pressed, then a sync of it is queued at once', async () => {
    const key = aProject();
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: ids.jenkins, jobs: [] }));
    platform.queues.takeReady(true);

    const requested = dataOf(await invoke(platform, KEYS.syncNow, as(key)), syncRequestedSchema);

    expect(requested).toEqual({ requested: [ids.jenkins] });
    expect(platform.queues.takeReady(true).map((e) => e.body)).toEqual([expect.objectContaining({ connectionId: ids.jenkins, reason: 'request' })]);
  });

  it('given a pushed-only connection, when Sync now is pressed, then it is named apart and nothing is queued for it', async () => {
    const key = aProject();
    const pushed = await saved(platform, aJenkinsDraft('', { name: 'Firewalled', username: '', apiToken: '', mode: 'pushed' }), { as: 'ada', page: projectPage(key) });
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: pushed.id, jobs: [] }));
    platform.queues.takeReady(true);

    const requested = dataOf(await invoke(platform, KEYS.syncNow, as(key)), syncRequestedSchema);

    expect(requested).toEqual({ requested: [], pushedOnly: [pushed.id] });
    expect(platform.queues.takeReady(true)).toEqual([]);
    // The Sync tab and the set-up checklist learn it is never polled, so "never synced" is no failing.
    const list = dataOf(await invoke(platform, KEYS.syncStatus, as(key)), syncStatusListSchema);
    expect(list.connections).toEqual([expect.objectContaining({ connectionId: pushed.id, pushedOnly: true, status: null })]);
  });

  it('given a connection the project does not use, when synced by id, then it is refused and nothing is queued', async () => {
    platform.queues.takeReady(true);

    const failure = failureOf(await invoke(platform, KEYS.syncNow, as(aProject(), { connectionId: ids.buildkite })));

    expect(failure.name).toBe('ConnectionNotFound');
    expect(platform.queues.takeReady(true)).toEqual([]);
  });
});
