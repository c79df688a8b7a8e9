import { deploySecretSchema, previewSchema, projectSettingsSchema, PROJECT_SETTINGS_RESOLVERS as KEYS, savedSchema } from '../../src/shared/contract/project-settings';
import { BuildStore } from '../../src/storage/build-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { aBuild } from '../support/builders';
import { aDeploySource } from '../connections/support/builders';
import { dataOf, failureOf } from '../connections/support/results';
import { invoke } from '../connections/support/settings-platform';
import { projectSettingsFixture } from '../connections/support/project-settings-fixture';

const { platform, ids, aProject, as, settingsOf } = projectSettingsFixture();

describe('Deploys tab', () => {
  it('given a deploy job mapped to production, when saved, then the source has an environment id and type', async () => {
    const key = aProject();
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: ids.jenkins, jobs: [] }));

    dataOf(await invoke(platform, KEYS.saveDeploySources, as(key, { sources: [aDeploySource(ids.jenkins, { parameterCondition: 'ENV=prod', branch: 'main' })] })), savedSchema);

    expect((await settingsOf(key)).deploySources).toEqual([
      {
        id: expect.any(String),
        connectionId: ids.jenkins,
        job: 'deploy-production',
        branch: 'main',
        parameterCondition: 'ENV=prod',
        environment: { id: 'production', name: 'production', type: 'production' },
      },
    ]);
  });

  // Known defect outside this screen: with no default build server the configuration holds null,
  // which ProjectConfigStore.save writes as is and Forge KVS refuses. Flip to `it` once it omits nulls.
  it('given no default build server, when a deploy source is saved, then it is stored', async () => {
    const key = aProject();

    dataOf(await invoke(platform, KEYS.saveDeploySources, as(key, { sources: [aDeploySource(ids.jenkins)] })), savedSchema);

    expect((await settingsOf(key)).deploySources).toHaveLength(1);
  });

  it('given sources that cannot work, when saved, then every problem is listed and nothing is stored', async () => {
    const key = aProject();
    const sources = [
      aDeploySource(ids.jenkins, { parameterCondition: 'not a condition' }),
      aDeploySource(ids.buildkite, { job: 'deploy', parameterCondition: 'ENV=prod' }),
      aDeploySource(ids.jenkins, { job: 'deploy-prod-eu', environmentName: 'Production', environmentType: 'staging' }),
      aDeploySource('no-such-connection'),
    ];
    platform.kvs.resetStats();

    const failure = failureOf(await invoke(platform, KEYS.saveDeploySources, as(key, { sources })));

    expect(failure.name).toBe('InvalidSettings');
    expect(failure.message).toContain('deploy source 1 (deploy-production): "not a condition" is not a parameter condition');
    expect(failure.message).toContain('deploy source 2 (deploy): parameter conditions apply to Jenkins jobs only');
    expect(failure.message).toContain('deploy source 4 (deploy-production): pick a connection this project can use');
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('given two sources naming one environment with two types, when saved, then it is refused', async () => {
    const sources = [aDeploySource(ids.jenkins), aDeploySource(ids.jenkins, { job: 'deploy-eu', environmentName: 'Production', environmentType: 'staging' })];

    const failure = failureOf(await invoke(platform, KEYS.saveDeploySources, as(aProject(), { sources })));

    expect(failure.message).toMatch(/environment "Production" is given two types \(production and staging\)/);
  });

  it('given synced runs, when a source is previewed, then the runs it would count come newest first', async () => {
    const job = { id: 'deploy-production', displayName: 'deploy-production', url: null, folderPath: [] };
    const run = (number: number, env: string, branch = 'main') =>
      aBuild({ connectionId: ids.jenkins, job, number, branch, startedAt: `2026-11-0${number}T10:00:00.000Z`, parameters: [{ name: 'ENV', value: env }] });
    await new BuildStore().write([run(1, 'prod'), run(2, 'dev'), run(3, 'prod'), run(4, 'prod', 'feature/x')]);

    const preview = dataOf(
      await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(ids.jenkins, { branch: 'main', parameterCondition: 'ENV=prod' }) })),
      previewSchema,
    );

    expect(preview.runs.map((r) => [r.number, r.parameters])).toEqual([
      [3, 'ENV=prod'],
      [1, 'ENV=prod'],
    ]);
    expect(preview).toMatchObject({ jobs: ['deploy-production'], excluded: 2, note: null });
  });

  it('given a glob, when previewed, then the server lists the jobs it matches', async () => {
    const preview = dataOf(await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(ids.jenkins, { job: 'deploy-*' }) })), previewSchema);

    expect(preview.jobs).toEqual(['deploy-production', 'deploy-staging']);
  });

  it('given a job never synced, when previewed, then the note says to sync first', async () => {
    const preview = dataOf(await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(ids.jenkins, { job: 'deploy-staging' }) })), previewSchema);

    expect(preview.runs).toEqual([]);
    expect(preview.note).toMatch(/No run of this job has been synced yet/);
  });
});

describe('deploy registration secret', () => {
  it('given no secret, when created, then it is shown once and stored as a secret; rotating replaces it', async () => {
    const key = aProject();

    const first = dataOf(await invoke(platform, KEYS.rotateDeploySecret, as(key)), deploySecretSchema);
    const settings = await invoke(platform, KEYS.get, as(key));
    const second = dataOf(await invoke(platform, KEYS.rotateDeploySecret, as(key)), deploySecretSchema);

    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(dataOf(settings, projectSettingsSchema).deployRegistration.secretConfigured).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(first.secret);
    expect(second.secret).not.toBe(first.secret);
    expect(await new ProjectConfigStore().deploySecret(key)).toBe(second.secret);
  });
});
