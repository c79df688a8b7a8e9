import { siteProjectKeys } from '../../src/jira/projects';
import { createTestPlatform } from '../support/platform';
import type { Platform } from '../../dev/emulator/platform';

const LEAD = 'acc-lead';

/** A site of its own per case, so the project count is what the case says. */
function siteWith(projects: number): Platform {
  const platform = createTestPlatform();
  platform.site.addUser({ accountId: LEAD, displayName: 'Lee Lead' });
  for (let i = projects; i >= 1; i--) platform.site.addProject({ key: `P${String(i).padStart(4, '0')}`, lead: LEAD });
  platform.install();
  return platform;
}

describe("the site's project keys", () => {
  let platform: Platform | undefined;
  afterEach(() => platform?.close());

  it('given 250 projects, when listed, then every key comes in key order, three pages of at most 100 asked as the app', async () => {
    platform = siteWith(250);

    const keys = await siteProjectKeys();

    expect(keys).toHaveLength(250);
    expect(keys.slice(0, 2)).toEqual(['P0001', 'P0002']);
    expect(keys.at(-1)).toBe('P0250');
    expect(platform.jira.requests.map((r) => [r.path, r.as])).toEqual([
      ['/rest/api/3/project/search?startAt=0&maxResults=100&orderBy=key', 'app'],
      ['/rest/api/3/project/search?startAt=100&maxResults=100&orderBy=key', 'app'],
      ['/rest/api/3/project/search?startAt=200&maxResults=100&orderBy=key', 'app'],
    ]);
  });

  it('given exactly one full page, when listed, then Jira is asked once', async () => {
    platform = siteWith(100);

    await expect(siteProjectKeys()).resolves.toHaveLength(100);
    expect(platform.jira.requests).toHaveLength(1);
  });

  it('given no project, when listed, then the answer is empty', async () => {
    platform = siteWith(0);

    await expect(siteProjectKeys()).resolves.toEqual([]);
  });

  it("given a project whose permission scheme leaves the app out, then it is not among the site's keys", async () => {
    platform = siteWith(2);
    platform.site.addProject({ key: 'SECRET', lead: LEAD, appAccess: false });

    await expect(siteProjectKeys()).resolves.toEqual(['P0001', 'P0002']);
  });
});
