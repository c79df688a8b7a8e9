import { CONNECTION_RESOLVERS as KEYS, healthListSchema, testResultSchema } from '../../src/shared/contract/connections';
import { defaultProjectConfig } from '../../src/domain/project-config';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { TokenDetailsStore } from '../../src/storage/token-details-store';
import { recordStatus, statusOf } from '../../src/sync/status';
import { RunContext } from '../../src/sync/run-context';
import { claimNewRecords } from '../../src/sync/stored-counts';
import { aBuild, aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';
import { json, startRecordedServer, type RecordedServer } from '../providers/support/recorded-server';
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

const DAY = 24 * 3_600_000;
let buildkite: RecordedServer | undefined;

beforeAll(() => platform.install());
afterAll(async () => {
  await buildkite?.close();
  testPlatform().install();
});

async function health() {
  return dataOf(await invoke(platform, KEYS.health, { as: 'ada', page: ADMIN_PAGE }), healthListSchema).connections;
}

describe('the admin page health hub', () => {
  it('given a Jenkins that synced, then had its token revoked, when the hub loads, then it is failing with the hint, keeps its last success, and its status from before stored counts reads as nothing counted yet', async () => {
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
      stored: null,
      projects: ['DEMO'],
      tokenDetails: { kind: 'not-reported' },
    });
  });

  it('given a connection that stored builds and a deploy, when the hub loads, then it shows what is stored, each counted once', async () => {
    const jenkins = await saved(platform, aJenkinsDraft('http://127.0.0.1:9/jenkins', { name: 'Counted Jenkins' }));
    const builds = [aBuild({ connectionId: jenkins.id, number: 1 }), aBuild({ connectionId: jenkins.id, number: 2 })];
    const ctx = new RunContext(async () => []);
    const changed = await ctx.builds.changed(builds);
    const deploy = aDeploy({ id: 'DEMO-counted-1', origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId: jenkins.id, jobId: 'app/deploy', buildNumber: 1 } });
    await claimNewRecords(jenkins.id, changed, [{ deploy, previous: undefined, changed: true }], ctx, Date.parse('2026-11-02T10:00:00Z'));
    await ctx.deploys.save(deploy, undefined);
    await ctx.builds.write(changed);

    expect((await health()).find((h) => h.id === jenkins.id)?.stored).toEqual({ builds: 2, deploys: 1, since: null });
  });

  it('given a pushed-only Jenkins behind a firewall, when the hub loads, then it is neither failing nor "not synced": it is never polled, and what its CI sent is stored', async () => {
    const pushed = await saved(platform, aJenkinsDraft('', { name: 'Firewalled Jenkins', username: '', apiToken: '', mode: 'pushed' }));
    const before = (await health()).find((h) => h.id === pushed.id);
    const ctx = new RunContext(async () => []);
    const builds = await ctx.builds.changed([aBuild({ connectionId: pushed.id, number: 1 })]);
    await claimNewRecords(pushed.id, builds, [], ctx, Date.parse('2026-11-02T10:00:00Z'));
    await ctx.builds.write(builds);

    const after = (await health()).find((h) => h.id === pushed.id);

    expect(before).toMatchObject({ state: 'pushed', lastRunAt: null, stored: null });
    expect(after).toMatchObject({ state: 'pushed', error: null, stored: { builds: 1, deploys: 0 } });
  });

  it('given a Buildkite token tested with its creation and expiry, when the hub loads, then it shows them, warns of the near expiry, and never the token', async () => {
    const now = Date.now();
    const expires = new Date(now + 3 * DAY).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    buildkite = await startRecordedServer([
      { path: '/v2/access-token', reply: json(JSON.stringify({ uuid: 'b1', scopes: ['read_pipelines', 'read_builds'], created_at: '2025-07-16 06:07:42 UTC', expires_at: expires })) },
      { path: '/v2/organizations/tokens-org/builds', reply: json('[]') },
    ]);
    const view = await saved(platform, aBuildkiteDraft({ name: 'Buildkite tokens', organization: 'tokens-org', apiBaseUrl: buildkite.url }));
    const untested = (await health()).find((h) => h.id === view.id);
    expect(untested?.tokenDetails).toEqual({ kind: 'untested' });

    dataOf(await invoke(platform, KEYS.testSaved, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), testResultSchema);
    const row = (await health()).find((h) => h.id === view.id);

    expect(row?.tokenDetails).toMatchObject({
      kind: 'reported',
      scopes: ['read_builds', 'read_pipelines'],
      createdAt: '2025-07-16T06:07:42.000Z',
      expiry: { kind: 'at', warn: true },
    });
    expect(JSON.stringify(row)).not.toContain(aBuildkiteDraft().apiToken);

    // And removing the connection removes what the test learnt
    await invoke(platform, KEYS.remove, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } });
    expect((await new TokenDetailsStore().many([view.id])).size).toBe(0);
  });

  it('given the same Buildkite organisation added twice, when the hub loads, then each names the other as a duplicate and awaits a test for its token details', async () => {
    const first = await saved(platform, aBuildkiteDraft({ name: 'Buildkite A', organization: 'twice-org' }));
    const second = await saved(platform, aBuildkiteDraft({ name: 'Buildkite B', organization: 'twice-org' }));

    const rows = await health();

    expect(rows.find((h) => h.id === first.id)).toMatchObject({ duplicateOf: ['Buildkite B'], state: 'never', tokenDetails: { kind: 'untested' }, stored: null });
    expect(rows.find((h) => h.id === second.id)?.duplicateOf).toEqual(['Buildkite A']);
  });

  it('given a project admin on their settings page, when they ask for the hub, then they are refused', async () => {
    expect(failureOf(await invoke(platform, KEYS.health, { as: 'priya', page: projectPage('DEMO') })).name).toBe('Forbidden');
  });
});
