import { DEFAULT_DORA_SETTINGS } from '../../src/domain/dora/settings';
import { incidentJql, searchIncidents } from '../../src/jira/incidents';
import { DoraStore } from '../../src/storage/dora-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { refreshIncidentsIfDue } from '../../src/sync/dora-incidents';
import { rollupDeps, updateDoraRollups } from '../../src/sync/dora-rollups';
import { aDeploy } from '../support/builders';
import { createTestPlatform } from '../support/platform';

const H = 3600_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const at = (millis: number) => new Date(millis).toISOString();
const platform = createTestPlatform();

beforeAll(() => {
  platform.install();
  platform.site.addUser({ accountId: 'lead', displayName: 'Lead' });
  platform.site.addProject({ key: 'SHOP', lead: 'lead' });
  platform.site.addProject({ key: 'HIDDEN', lead: 'lead', appAccess: false });
  platform.site.addIssue({ project: 'SHOP', issuetype: 'Bug', created: NOW - 10 * H });
  platform.site.addIssue({ project: 'SHOP', issuetype: 'Incident', summary: 'Checkout down', created: NOW - 4 * H });
  platform.site.addIssue({ project: 'SHOP', issuetype: 'incident', summary: 'Slow search', created: NOW - 2 * H });
  platform.site.addIssue({ project: 'SHOP', issuetype: 'Incident', summary: 'Too old', created: NOW - 200 * 24 * H });
  platform.site.addIssue({ project: 'HIDDEN', issuetype: 'Incident', created: NOW - 3 * H });
});
afterAll(() => platform.close());

describe("the project's incidents, read from Jira as the app", () => {
  it('sends one JQL query for the incident types, labels and projects of the settings', () => {
    expect(incidentJql('SHOP', DEFAULT_DORA_SETTINGS, Date.parse('2026-06-10T12:00:00Z'))).toBe(
      'project in ("SHOP") AND (issuetype in ("Incident") OR labels in ("incident")) AND created >= "2026-06-10 12:00" ORDER BY created ASC',
    );
    expect(incidentJql('SHOP', { ...DEFAULT_DORA_SETTINGS, incidents: { issueTypes: [], labels: [], projectKeys: [], tie: 'linked-issues' } }, NOW)).toBeNull();
  });

  it('finds the incidents created since the date in the projects the app may see, oldest first', async () => {
    const settings = { ...DEFAULT_DORA_SETTINGS, incidents: { ...DEFAULT_DORA_SETTINGS.incidents, projectKeys: ['HIDDEN'] } };
    const found = await searchIncidents('SHOP', settings, NOW - 180 * 24 * H);
    expect(found.map((i) => [i.key, i.issueType, i.createdAt])).toEqual([
      ['SHOP-2', 'Incident', NOW - 4 * H],
      ['SHOP-3', 'incident', NOW - 2 * H],
    ]);
  });

  it('ties them to the latest deploy before each when the sync writes deploys, once in 15 minutes', async () => {
    // Given releases 5 h and 3 h ago, written by the sync
    const deploys = [aDeploy({ id: 'r1', projectKey: 'SHOP', startedAt: at(NOW - 5 * H), finishedAt: at(NOW - 5 * H), issueKeys: [] }), aDeploy({ id: 'r2', projectKey: 'SHOP', startedAt: at(NOW - 3 * H), finishedAt: at(NOW - 3 * H), issueKeys: [] })];
    const items = deploys.map((deploy) => ({ deploy, previous: undefined }));
    await new DeployStore().saveAll(items);
    const deps = rollupDeps(() => NOW);
    await updateDoraRollups(items, deps);

    // When the incidents are due
    expect(await refreshIncidentsIfDue('SHOP', deps)).toBe(true);

    // Then each is tied to the release before it, and a second run within 15 minutes reads nothing
    const ties = (await new DoraStore().ties('SHOP', ['2026Q4'])).get('2026Q4');
    expect(Object.fromEntries([...(ties ?? [])].map(([key, tie]) => [key, tie.deployId]))).toEqual({ 'SHOP-2': 'r1', 'SHOP-3': 'r2' });
    expect(await refreshIncidentsIfDue('SHOP', rollupDeps(() => NOW + 10 * 60_000))).toBe(false);
  });
});
