import { CONNECTION_RESOLVERS as KEYS, healthListSchema } from '../../src/shared/contract/connections';
import { defaultProjectConfig } from '../../src/domain/project-config';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { recordStatus, statusOf } from '../../src/sync/status';
import { testPlatform } from '../support/platform';
import { aBuildkiteDraft, aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { dataOf, failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform } from '../connections/support/settings-platform';

const platform = settingsPlatform();
const run = (connectionId: string, now: number, over: Partial<Parameters<typeof statusOf>[0]> = {}) => ({
  connectionId,
  now,
  durationMs: 1_000,
  buildsWritten: 3,
  deploysWritten: 1,
  requests: 2,
  complete: true,
  error: undefined,
  problems: [],
  ...over,
});

beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

async function health() {
  return dataOf(await invoke(platform, KEYS.health, { as: 'ada', page: ADMIN_PAGE }), healthListSchema).connections;
}

describe('the admin page health hub', () => {
  it('given a Jenkins that synced, then had its token revoked, when the hub loads, then it is failing with the hint and keeps its last success and totals', async () => {
    const jenkins = await saved(platform, aJenkinsDraft('http://127.0.0.1:9/jenkins', { name: 'Revoked Jenkins' }));
    await new ProjectConfigStore().save({ ...defaultProjectConfig('DEMO', '2026-11-01T00:00:00.000Z'), defaultConnectionId: jenkins.id });
    const state = new SyncStateStore();
    const ok = statusOf(run(jenkins.id, Date.parse('2026-11-02T10:00:00Z')), undefined);
    await recordStatus(ok, state);
    const error = { name: 'AuthenticationError', message: 'Jenkins refused the API token.', hint: 'Create a new API token and enter it in the connection.' };
    await recordStatus(statusOf(run(jenkins.id, Date.parse('2026-11-02T10:05:00Z'), { error, complete: false, buildsWritten: 0, deploysWritten: 0 }), ok), state);

    const row = (await health()).find((h) => h.id === jenkins.id);

    expect(row).toMatchObject({
      state: 'failing',
      error,
      lastRunAt: '2026-11-02T10:05:00.000Z',
      lastSuccessAt: '2026-11-02T10:00:00.000Z',
      totals: { builds: 3, deploys: 1 },
      projects: ['DEMO'],
      tokenDetails: 'not-reported',
    });
  });

  it('given the same Buildkite organisation added twice, when the hub loads, then each names the other as a duplicate and lists scopes on test', async () => {
    const first = await saved(platform, aBuildkiteDraft({ name: 'Buildkite A', organization: 'twice-org' }));
    const second = await saved(platform, aBuildkiteDraft({ name: 'Buildkite B', organization: 'twice-org' }));

    const rows = await health();

    expect(rows.find((h) => h.id === first.id)).toMatchObject({ duplicateOf: ['Buildkite B'], state: 'never', tokenDetails: 'on-test' });
    expect(rows.find((h) => h.id === second.id)?.duplicateOf).toEqual(['Buildkite A']);
  });

  it('given a project admin on their settings page, when they ask for the hub, then they are refused', async () => {
    expect(failureOf(await invoke(platform, KEYS.health, { as: 'priya', page: projectPage('DEMO') })).name).toBe('Forbidden');
  });
});
