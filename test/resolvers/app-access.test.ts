import { APP_ACCESS_RESOLVERS as KEYS, appAccessSchema } from '../../src/shared/contract/app-access';
import { CONNECTION_RESOLVERS, removedSchema, usageSchema } from '../../src/shared/contract/connections';
import { defaultProjectConfig } from '../../src/domain/project-config';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { dataOf, failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Page, type User } from '../connections/support/settings-platform';

// asApp() sees only projects whose permission schemes grant the app's user, and none for a few
// minutes after install: the pages name every project the app cannot see, with what to do.
const platform = settingsPlatform();
const site = platform.site;
const configs = new ProjectConfigStore();
const NOW = '2026-11-01T00:00:00.000Z';

beforeAll(async () => {
  platform.install();
  await configs.save(defaultProjectConfig('DEMO', NOW));
  await configs.save(defaultProjectConfig('OPS', NOW));
});
afterAll(() => testPlatform().install());
afterEach(() => {
  site.grantAppAccess('DEMO').grantAppAccess('OPS');
  site.installApp({ grantDelayMs: 0 });
});

const deploySource = (connectionId: string) => ({
  id: `source-${connectionId}`,
  connectionId,
  job: 'deploy-production',
  environment: { id: 'production', name: 'production', type: 'production' as const },
});

const access = async (as: User, page: Page) => dataOf(await invoke(platform, KEYS.get, { as, page }), appAccessSchema);

describe('the project settings page', () => {
  it("given DEMO's permission scheme leaves the app out, when Priya opens DEMO's settings, then DEMO is named with what to do", async () => {
    site.revokeAppAccess('DEMO');

    const answer = await access('priya', projectPage('DEMO'));

    expect(answer).toMatchObject({ siteAdmin: false, projectsReady: true, unseenProjects: ['DEMO'] });
    expect(answer.hint).toMatch(/wait a few minutes.*Browse projects permission in the project's permission scheme/);
  });

  it('given the app sees DEMO, then nothing is named, and a Jira admin is known as one', async () => {
    expect(await access('priya', projectPage('DEMO'))).toMatchObject({ siteAdmin: false, unseenProjects: [] });
    expect(await access('ada', projectPage('DEMO'))).toMatchObject({ siteAdmin: true, unseenProjects: [] });
  });

  it('given the app was installed a moment ago, then the project is named and the list is not ready, rather than empty', async () => {
    site.installApp({ grantDelayMs: 5 * 60_000 });

    expect(await access('priya', projectPage('DEMO'))).toMatchObject({ projectsReady: false, unseenProjects: ['DEMO'] });
  });

  it("given someone who does not administer the project, then they learn nothing of the app's access", async () => {
    expect(failureOf(await invoke(platform, KEYS.get, { as: 'uma', page: projectPage('DEMO') })).name).toBe('Forbidden');
  });
});

describe('the admin page', () => {
  it('given OPS is configured but hidden from the app, then the admin page names OPS and only OPS', async () => {
    site.revokeAppAccess('OPS');

    expect(await access('ada', ADMIN_PAGE)).toMatchObject({ siteAdmin: true, projectsReady: true, unseenProjects: ['OPS'] });
  });

  it('given a connection used by a project the app cannot see, when it is removed, then that project is still named and updated', async () => {
    const view = await saved(platform, aJenkinsDraft('https://jenkins.acme.test', { name: 'Hidden user' }));
    const other = await saved(platform, aJenkinsDraft('https://jenkins.other.test', { name: 'Other' }));
    await configs.save({ ...defaultProjectConfig('OPS', NOW), defaultConnectionId: other.id, deploySources: [deploySource(view.id)] });
    site.revokeAppAccess('OPS');

    const usage = dataOf(await invoke(platform, CONNECTION_RESOLVERS.usage, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), usageSchema);
    const removed = dataOf(await invoke(platform, CONNECTION_RESOLVERS.remove, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), removedSchema);

    expect(usage.projects).toEqual(['OPS']);
    expect(removed).toEqual({ removed: view.id, projectsUpdated: ['OPS'], addressStillUsed: false });
    expect(await configs.get('OPS')).toMatchObject({ defaultConnectionId: other.id, deploySources: [] });
  });
});
