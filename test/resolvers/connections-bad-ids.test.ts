import { CONNECTION_RESOLVERS as CONNECTIONS } from '../../src/shared/contract/connections';
import { PROJECT_SETTINGS_RESOLVERS as SETTINGS } from '../../src/shared/contract/project-settings';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Page } from '../connections/support/settings-platform';

const platform = settingsPlatform();
beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

const BAD_IDS = ['a/b', '../conn', 'jenkins-ü', ' ', 'x\ny', 'x"y', '#1'];

async function refused(key: string, page: Page, payload: unknown) {
  platform.kvs.resetStats();
  const answer = await invoke(platform, key, { as: 'ada', page, payload });
  expect(platform.kvs.stats.writes).toBe(0);
  return failureOf(answer);
}

describe('a connection id that is not one the app issued is an InvalidRequest, never a storage error', () => {
  it.each(BAD_IDS)('given the id %j, when a connection is removed, tested or saved, then each is refused naming the id', async (id) => {
    const answers = [
      await refused(CONNECTIONS.remove, ADMIN_PAGE, { id }),
      await refused(CONNECTIONS.testDraft, ADMIN_PAGE, { id, draft: aJenkinsDraft('https://ci.example.com') }),
      await refused(CONNECTIONS.save, ADMIN_PAGE, { id, draft: aJenkinsDraft('https://ci.example.com'), agentEnabled: false }),
    ];

    for (const failure of answers) expect(failure).toMatchObject({ name: 'InvalidRequest', message: expect.stringMatching(/^id: is not an id this app issued/) });
  });

  it.each(BAD_IDS)('given the connection id %j, when the project settings use it, then it is refused naming the field', async (connectionId) => {
    const answers = [
      await refused(SETTINGS.listJobs, projectPage('DEMO'), { connectionId }),
      await refused(SETTINGS.syncNow, projectPage('DEMO'), { connectionId }),
      await refused(SETTINGS.saveBuildServer, projectPage('DEMO'), { defaultConnectionId: connectionId, builds: [] }),
    ];

    for (const failure of answers) expect(failure).toMatchObject({ name: 'InvalidRequest', message: expect.stringMatching(/connectionId: is not an id this app issued/i) });
  });
});
