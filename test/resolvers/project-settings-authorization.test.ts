import { MUTATING_PROJECT_SETTINGS_RESOLVERS, PROJECT_SETTINGS_RESOLVERS as KEYS } from '../../src/shared/contract/project-settings';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import type { RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aDeploySource, aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { fakeJenkins } from '../connections/support/fake-jenkins';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Page, type User } from '../connections/support/settings-platform';

const platform = settingsPlatform();
let jenkins: RecordedServer;
let connectionId: string;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins();
  connectionId = (await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`))).id;
  await invoke(platform, KEYS.saveBuildServer, { as: 'ada', page: projectPage('DEMO'), payload: { defaultConnectionId: connectionId, jobs: [] } });
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

/** A valid payload for every resolver, so a refusal can only come from who is asking and where. */
function payloadFor(key: string): unknown {
  switch (key) {
    case KEYS.listJobs:
      return { connectionId };
    case KEYS.saveBuildServer:
      return { defaultConnectionId: connectionId, jobs: ['build'] };
    case KEYS.saveDeploySources:
      return { sources: [aDeploySource(connectionId)] };
    case KEYS.previewDeploySource:
      return { source: aDeploySource(connectionId) };
    case KEYS.saveIssueIntegration:
      return { provider: 'none', scanCommitMessages: false, scanBranchNames: true, keyScope: 'this-project' };
    case KEYS.syncNow:
      return { connectionId };
    default:
      return {};
  }
}

const EVERY_KEY = Object.values(KEYS);

async function refused(key: string, as: User, page: Page) {
  const before = JSON.stringify(await new ProjectConfigStore().get('DEMO'));
  platform.kvs.resetStats();
  platform.queues.takeReady(true);
  const requestsBefore = jenkins.requests.length;

  const failure = failureOf(await invoke(platform, key, { as, page, payload: payloadFor(key) }));

  expect(platform.kvs.stats.writes).toBe(0);
  expect(platform.queues.takeReady(true)).toEqual([]);
  expect(jenkins.requests.length).toBe(requestsBefore);
  expect(JSON.stringify(await new ProjectConfigStore().get('DEMO'))).toBe(before);
  return failure;
}

describe('who may call the project settings resolvers', () => {
  it('covers every mutating resolver the contract declares', () => {
    expect(MUTATING_PROJECT_SETTINGS_RESOLVERS.every((key) => EVERY_KEY.includes(key))).toBe(true);
  });

  it.each(EVERY_KEY)('given Uma (browses DEMO) on the DEMO settings page, when she calls %s, then DEMO admin is required', async (key) => {
    expect(await refused(key, 'uma', projectPage('DEMO'))).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/administrators of project DEMO/) });
  });

  it.each(EVERY_KEY)('given Otto (admin of OPS only) on the DEMO settings page, when he calls %s, then he is refused', async (key) => {
    expect((await refused(key, 'otto', projectPage('DEMO'))).name).toBe('Forbidden');
  });

  it.each(EVERY_KEY)('given Priya (DEMO admin, OPS developer) on the OPS settings page, when she calls %s, then she is refused', async (key) => {
    expect((await refused(key, 'priya', projectPage('OPS'))).name).toBe('Forbidden');
  });

  it.each(EVERY_KEY)('given even Ada on the admin page (no project in context), when she calls %s, then there is no project to change', async (key) => {
    expect(await refused(key, 'ada', ADMIN_PAGE)).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/only be changed from the project settings page/) });
  });
});
