import { projectVisibility, readySiteProjectKeys } from '../../src/jira/app-visibility';
import { RunContext } from '../../src/sync/run-context';
import { testPlatform } from '../support/platform';
import { seedSite } from '../dev/jira/fixture';

// An empty answer from asApp() right after install means "not ready yet", never "no projects".
const platform = testPlatform();
const site = platform.site;
beforeAll(() => seedSite(site));
afterEach(() => {
  site.grantAppAccess('OPS');
  site.installApp({ grantDelayMs: 0 });
});

describe('what the app can see of the projects it is asked about', () => {
  it('given OPS leaves the app out of its scheme, then OPS, and only OPS, is unseen', async () => {
    site.revokeAppAccess('OPS');

    await expect(projectVisibility(['DEMO', 'OPS'])).resolves.toEqual({ ready: true, unseen: ['OPS'] });
  });

  it('given an install a moment ago, then every project is unseen and the list is not ready', async () => {
    site.installApp({ grantDelayMs: 5 * 60_000 });

    await expect(projectVisibility(['DEMO'])).resolves.toEqual({ ready: false, unseen: ['DEMO'] });
  });
});

describe("the sync's list of the site's projects", () => {
  it('given an install a moment ago, when the sync asks, then it is refused as not ready, so no deploy is planned without its issue links', async () => {
    site.installApp({ grantDelayMs: 5 * 60_000 });

    await expect(readySiteProjectKeys()).rejects.toMatchObject({ name: 'ProjectsNotVisibleYet', hint: expect.stringMatching(/wait a few minutes/) });
    await expect(new RunContext().siteProjectKeys()).rejects.toMatchObject({ name: 'ProjectsNotVisibleYet' });
  });

  it('given the grants have arrived, then the sync gets the projects the app sees', async () => {
    await expect(new RunContext().siteProjectKeys()).resolves.toEqual(expect.arrayContaining(['DEMO', 'OPS']));
  });
});
