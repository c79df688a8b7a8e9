import {
  deploySecretSchema,
  previewSchema,
  projectSettingsSchema,
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  savedSchema,
} from '../../src/shared/contract/project-settings';
import { BuildStore } from '../../src/storage/build-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import type { RecordedServer } from '../providers/support/recorded-server';
import { aBuild } from '../support/builders';
import { testPlatform } from '../support/platform';
import { aBuildkiteDraft, aDeploySource, aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { fakeJenkins } from '../connections/support/fake-jenkins';
import { dataOf, failureOf } from '../connections/support/results';
import { invoke, projectPage, settingsPlatform, USERS } from '../connections/support/settings-platform';

const platform = settingsPlatform();
let jenkins: RecordedServer;
let jenkinsId: string;
let buildkiteId: string;

/** A fresh project per scenario, administered by Ada, so scenarios never see each other's settings. */
let projects = 0;
function aProject(): string {
  projects += 1;
  const key = `P${projects}`;
  platform.site.addProject({ key, lead: USERS.ada, roles: { [USERS.ada]: 'administrator' } });
  return key;
}

const as = (projectKey: string, payload: unknown = {}) => ({ as: 'ada' as const, page: projectPage(projectKey), payload });
const settingsOf = async (projectKey: string) => dataOf(await invoke(platform, KEYS.get, as(projectKey)), projectSettingsSchema);

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins();
  jenkinsId = (await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { name: 'Site Jenkins' }))).id;
  buildkiteId = (await saved(platform, aBuildkiteDraft({ name: 'Site Buildkite' }))).id;
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

describe('Deploys tab', () => {
  it('given a deploy job mapped to production, when saved, then the source has an environment id and type', async () => {
    const key = aProject();
    await invoke(platform, KEYS.saveBuildServer, as(key, { defaultConnectionId: jenkinsId, jobs: [] }));

    dataOf(await invoke(platform, KEYS.saveDeploySources, as(key, { sources: [aDeploySource(jenkinsId, { parameterCondition: 'ENV=prod', branch: 'main' })] })), savedSchema);

    expect((await settingsOf(key)).deploySources).toEqual([
      {
        id: expect.any(String),
        connectionId: jenkinsId,
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

    dataOf(await invoke(platform, KEYS.saveDeploySources, as(key, { sources: [aDeploySource(jenkinsId)] })), savedSchema);

    expect((await settingsOf(key)).deploySources).toHaveLength(1);
  });

  it('given sources that cannot work, when saved, then every problem is listed and nothing is stored', async () => {
    const key = aProject();
    const sources = [
      aDeploySource(jenkinsId, { parameterCondition: 'not a condition' }),
      aDeploySource(buildkiteId, { job: 'deploy', parameterCondition: 'ENV=prod' }),
      aDeploySource(jenkinsId, { job: 'deploy-prod-eu', environmentName: 'Production', environmentType: 'staging' }),
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
    const sources = [aDeploySource(jenkinsId), aDeploySource(jenkinsId, { job: 'deploy-eu', environmentName: 'Production', environmentType: 'staging' })];

    const failure = failureOf(await invoke(platform, KEYS.saveDeploySources, as(aProject(), { sources })));

    expect(failure.message).toMatch(/environment "Production" is given two types \(production and staging\)/);
  });

  it('given synced runs, when a source is previewed, then the runs it would count come newest first', async () => {
    const job = { id: 'deploy-production', displayName: 'deploy-production', url: null, folderPath: [] };
    const run = (number: number, env: string, branch = 'main') =>
      aBuild({ connectionId: jenkinsId, job, number, branch, startedAt: `2026-11-0${number}T10:00:00.000Z`, parameters: [{ name: 'ENV', value: env }] });
    await new BuildStore().upsert([run(1, 'prod'), run(2, 'dev'), run(3, 'prod'), run(4, 'prod', 'feature/x')]);

    const preview = dataOf(
      await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(jenkinsId, { branch: 'main', parameterCondition: 'ENV=prod' }) })),
      previewSchema,
    );

    expect(preview.runs.map((r) => [r.number, r.parameters])).toEqual([
      [3, 'ENV=prod'],
      [1, 'ENV=prod'],
    ]);
    expect(preview).toMatchObject({ jobs: ['deploy-production'], excluded: 2, note: null });
  });

  it('given a glob, when previewed, then the server lists the jobs it matches', async () => {
    const preview = dataOf(await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(jenkinsId, { job: 'deploy-*' }) })), previewSchema);

    expect(preview.jobs).toEqual(['deploy-production', 'deploy-staging']);
  });

  it('given a job never synced, when previewed, then the note says to sync first', async () => {
    const preview = dataOf(await invoke(platform, KEYS.previewDeploySource, as(aProject(), { source: aDeploySource(jenkinsId, { job: 'deploy-staging' }) })), previewSchema);

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
