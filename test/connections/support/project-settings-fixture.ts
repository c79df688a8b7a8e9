import { projectSettingsSchema, PROJECT_SETTINGS_RESOLVERS as KEYS } from '../../../src/shared/contract/project-settings';
import type { RecordedServer } from '../../providers/support/recorded-server';
import { testPlatform } from '../../support/platform';
import { aBuildkiteDraft, aJenkinsDraft } from './builders';
import { saved } from './connection-calls';
import { fakeJenkins } from './fake-jenkins';
import { dataOf } from './results';
import { invoke, projectPage, settingsPlatform, USERS } from './settings-platform';

/**
 * The project settings scenarios' shared set-up: a platform with a site Jenkins (served by a
 * local fake) and a site Buildkite connection, and a fresh project per scenario, administered
 * by Ada, so scenarios never see each other's settings. Registers its own beforeAll/afterAll.
 */
export function projectSettingsFixture() {
  const platform = settingsPlatform();
  const ids = { jenkins: '', buildkite: '' };
  let jenkins: RecordedServer | undefined;
  let projects = 0;

  beforeAll(async () => {
    platform.install();
    jenkins = await fakeJenkins();
    ids.jenkins = (await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { name: 'Site Jenkins' }))).id;
    ids.buildkite = (await saved(platform, aBuildkiteDraft({ name: 'Site Buildkite' }))).id;
  });
  afterAll(async () => {
    await jenkins?.close();
    testPlatform().install();
  });

  const aProject = (): string => {
    projects += 1;
    const key = `P${projects}`;
    platform.site.addProject({ key, lead: USERS.ada, roles: { [USERS.ada]: 'administrator' } });
    return key;
  };
  const as = (projectKey: string, payload: unknown = {}) => ({ as: 'ada' as const, page: projectPage(projectKey), payload });
  const settingsOf = async (projectKey: string) => dataOf(await invoke(platform, KEYS.get, as(projectKey)), projectSettingsSchema);
  return { platform, ids, aProject, as, settingsOf, jenkinsUrl: () => jenkins?.url ?? '' };
}
