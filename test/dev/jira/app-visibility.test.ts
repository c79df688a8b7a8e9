import api, { route } from '@forge/api';
import { ManualClock } from '../../../dev/emulator/invocation';
import { createTestPlatform } from '../../support/platform';
import { bodyOf, seedSite } from './fixture';

/**
 * `asApp()` acts as the app's user: it sees only projects whose permission schemes grant that user
 * access, and the grants arrive some minutes after install.
 * https://developer.atlassian.com/platform/forge/runtime-reference/authorize-api/
 */
const clock = new ManualClock(Date.UTC(2026, 10, 22, 12, 0, 0));
const platform = createTestPlatform({ clock });
const site = platform.site;
beforeAll(() => {
  seedSite(site);
  site.addProject({ key: 'SECRET', name: 'Locked down', lead: 'acc-admin', appAccess: false });
  platform.install();
});

async function projectKeysSeenByApp(): Promise<unknown> {
  const body = await bodyOf(await api.asApp().requestJira(route`/rest/api/3/project/search`));
  return (body as { values: { key: string }[] }).values.map((p) => p.key);
}

describe('asApp() on a project whose scheme does not grant the app', () => {
  it('is answered as if the project did not exist', async () => {
    // Given SECRET, whose permission scheme leaves out the app's role
    // When the app reads it, searches projects and searches its issues
    const get = await api.asApp().requestJira(route`/rest/api/3/project/SECRET`);
    const jql = await api.asApp().requestJira(route`/rest/api/3/search/jql?jql=${'project = SECRET'}`);

    // Then Jira hides it, as it hides a project from a user without Browse Projects
    expect(get.status).toBe(404);
    expect(await projectKeysSeenByApp()).toEqual(['DEMO', 'OPS']);
    expect(jql.status).toBe(400);
  });

  it('becomes visible once an admin grants the app access', async () => {
    site.grantAppAccess('SECRET');
    expect(await projectKeysSeenByApp()).toEqual(['DEMO', 'OPS', 'SECRET']);
    site.revokeAppAccess('SECRET');
  });
});

describe('asApp() right after install', () => {
  it('sees no project until the grants arrive, then every granted one', async () => {
    // Given the app installed now, its grants arriving 5 minutes later
    site.installApp({ grantDelayMs: 5 * 60_000 });

    // When it lists projects at once, and again 5 minutes later
    const atInstall = await projectKeysSeenByApp();
    const demoAtInstall = await api.asApp().requestJira(route`/rest/api/3/project/DEMO`);
    clock.advanceBy(5 * 60_000);
    const later = await projectKeysSeenByApp();

    // Then the first answer is empty, the second has the granted projects
    expect(atInstall).toEqual([]);
    expect(demoAtInstall.status).toBe(404);
    expect(later).toEqual(['DEMO', 'OPS']);
  });
});
