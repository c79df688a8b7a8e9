import { route } from '@forge/api';
import { developmentBox } from '../../../dev/server/development-box';
import { ADMIN, OUTSIDER } from './fixture';
import { aBuild, aDeployment, asApp, devopsPlatform } from './devops-fixture';

/** The host's "Development" box shows what the emulated Jira accepted, as Jira's issue view would. */
const platform = devopsPlatform();
const site = platform.site;
beforeAll(() => platform.install());

const admin = () => ({ type: 'user' as const, user: must(site.user(ADMIN), 'admin') });
const render = (key: string) => developmentBox(site, must(site.issue(key), key), admin())?.toString() ?? '';
const text = (markup: string) =>
  markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the seeded site has no ${what}`);
  return value;
}

it('says nothing was sent yet for an issue without deployments or builds', () => {
  expect(text(render('DEMO-3'))).toBe('Development Nothing was sent to Jira for this issue yet: no deployments or builds.');
});

it('shows the newest deployment of each environment, newest first, and the builds with their state', async () => {
  // Given two deployments to Staging and one to Production, and a failed build, all of DEMO-2
  const issues = [{ associationType: 'issueIdOrKeys', values: ['DEMO-2'] }];
  const staging = { id: 'env-staging', displayName: 'Staging', type: 'staging' };
  await asApp(route`/rest/deployments/0.1/bulk`, {
    method: 'POST',
    body: {
      deployments: [
        aDeployment({ associations: issues, deploymentSequenceNumber: 1, environment: staging, lastUpdated: '2026-03-01T08:00:00Z', state: 'failed' }),
        aDeployment({ associations: issues, deploymentSequenceNumber: 2, environment: staging, lastUpdated: '2026-03-01T09:00:00Z', displayName: 'Deploy <b>#2</b>' }),
        aDeployment({ associations: issues, deploymentSequenceNumber: 3, lastUpdated: '2026-03-01T10:00:00Z', state: 'rolled_back' }),
      ],
    },
  });
  await asApp(route`/rest/builds/0.1/bulk`, { method: 'POST', body: { builds: [aBuild({ issueKeys: ['DEMO-2'], state: 'failed' })] } });

  // When the issue page renders the box
  const markup = render('DEMO-2');

  // Then Production (newest) comes before Staging (its newer deployment only), then the build; names are escaped
  expect(text(markup)).toBe(
    'Development Deployments Production Rolled back Deploy #7 · 2026-03-01 10:00 UTC ' +
      'Staging Successful Deploy <b>#2</b> · 2026-03-01 09:00 UTC · 2 deployments ' +
      'Builds web #42 Failed 2026-03-01 09:00 UTC',
  );
  expect(markup).toContain('Deploy &lt;b&gt;#2&lt;/b&gt;');
  expect(markup).toContain('href="https://ci.example.test/deploys/7"');
});

it('is not shown to a user without View Development Tools on the project', () => {
  const outsider = { type: 'user' as const, user: must(site.user(OUTSIDER), 'outsider') };
  expect(developmentBox(site, must(site.issue('DEMO-2'), 'DEMO-2'), outsider)).toBeUndefined();
});
