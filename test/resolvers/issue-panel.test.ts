import { ConnectionStore } from '../../src/storage/connection-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { recordStatus } from '../../src/sync/status';
import { deployPageSchema, ISSUE_PANEL_RESOLVERS as KEYS, panelSchema } from '../../src/shared/contract/issue-panel';
import type * as z from 'zod/mini';
import { testPlatform } from '../support/platform';
import { aDeploy } from '../support/builders';
import { aFailedSync, aProjectConfig, aSyncStatus } from '../issue-panel/support/builders';
import { callPanel, panelPlatform, USERS, type PanelCall } from '../issue-panel/support/panel-platform';

const platform = panelPlatform();
const deploys = new DeployStore();
const configs = new ProjectConfigStore();

beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

const call = <T extends z.ZodMiniType>(key: string, schema: T, options: PanelCall = {}) => callPanel(platform, key, schema, options);

async function ready(options: PanelCall = {}) {
  const { result } = await call(KEYS.load, panelSchema, options);
  if (!result.ok) throw new Error(`load failed: ${result.error.message}`);
  if (result.data.status !== 'ready') throw new Error(`expected deploys, got ${result.data.status}`);
  return result.data;
}

const production = { id: 'production', name: 'Production', type: 'production' } as const;
const staging = { id: 'staging', name: 'Staging', type: 'staging' } as const;
const hour = (h: number) => `2026-11-02T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('issuePanel.load', () => {
  beforeAll(async () => {
    await configs.save(aProjectConfig());
    await recordStatus(aSyncStatus());
    await deploys.save(aDeploy({ id: 'p-1', sequence: 1, environment: production, startedAt: hour(8), issueKeys: ['DEMO-1'] }), undefined);
    await deploys.save(aDeploy({ id: 's-1', sequence: 1, environment: staging, startedAt: hour(9), issueKeys: ['DEMO-1', 'DEMO-2'] }), undefined);
    await deploys.save(aDeploy({ id: 'p-2', sequence: 2, environment: production, startedAt: hour(10), state: 'failed', issueKeys: ['DEMO-1'] }), undefined);
  });

  it('given deploys that mention DEMO-1, when a viewer opens it, then they come newest first with their environments', async () => {
    const view = await ready();

    expect(view.issueKey).toBe('DEMO-1');
    expect(view.deploys.map((d) => [d.id, d.environment.type, d.state])).toEqual([
      ['p-2', 'production', 'failed'],
      ['s-1', 'staging', 'successful'],
      ['p-1', 'production', 'successful'],
    ]);
    expect(view.cursor).toBeNull();
    expect(view.stale).toEqual([]);
  });

  it('given any history size, when the panel loads, then storage answers two queries (links, failing connections), two reads', async () => {
    for (let i = 0; i < 120; i++) {
      await deploys.save(aDeploy({ id: `bulk-${i}`, sequence: 100 + i, startedAt: hour(0), issueKeys: ['DEMO-3'] }), undefined);
    }
    for (const issueKey of ['DEMO-1', 'DEMO-3']) {
      platform.kvs.resetStats();
      await ready({ issueKey });
      const { operations, reads, queries } = platform.kvs.stats;
      expect({ queries, gets: operations.get, batchGets: operations.batchGet, reads }).toEqual({ queries: 2, gets: 0, batchGets: 0, reads: 2 });
    }
  });

  it('given more than one page of deploys, when the viewer loads more, then the rest come with no cursor left', async () => {
    const first = await ready({ issueKey: 'DEMO-3' });
    // The issue's totals record takes one place of the first query page.
    expect(first.deploys).toHaveLength(99);
    expect(first.cursor).toEqual(expect.any(String));

    const { result } = await call(KEYS.more, deployPageSchema, { issueKey: 'DEMO-3', payload: { cursor: first.cursor } });

    expect(result.ok && result.data.deploys).toHaveLength(21);
    expect(result.ok && result.data.cursor).toBeNull();
  });

  it('given a connection the project uses is failing, then an admin reads its error and hint, a viewer only that data may be stale', async () => {
    await recordStatus(aFailedSync('jenkins-1'));
    await recordStatus(aFailedSync('someone-elses-jenkins'));

    const forAdmin = await ready({ as: USERS.admin });
    const forViewer = await ready();

    expect(forAdmin.stale).toEqual([
      {
        failedAt: '2026-11-02T11:00:00.000Z',
        lastSuccessAt: '2026-11-02T09:00:00.000Z',
        detail: { connectionId: 'jenkins-1', message: 'Jenkins at https://ci.example.test answered 401', hint: 'Check the user name and the API token.' },
      },
    ]);
    expect(forViewer.stale).toEqual([{ failedAt: '2026-11-02T11:00:00.000Z', lastSuccessAt: '2026-11-02T09:00:00.000Z', detail: null }]);
    expect(JSON.stringify(forViewer)).not.toMatch(/jenkins-1|ci\.example\.test|401/);
    await recordStatus(aSyncStatus());
  });

  it('given a configured project and an issue no deploy mentions, then the panel is ready with no deploys', async () => {
    const view = await ready({ issueKey: 'DEMO-5' });
    expect(view.deploys).toEqual([]);
  });

  it('given a user who cannot browse the issue, then the answer is a typed refusal and storage is never read', async () => {
    platform.kvs.resetStats();

    const { result, raw } = await call(KEYS.load, panelSchema, { as: USERS.outsider });

    expect(result).toEqual({
      ok: false,
      error: { name: 'Forbidden', message: 'You do not have permission to see DEMO-1.', hint: expect.any(String) },
    });
    expect(platform.kvs.stats.reads).toBe(0);
    expect(JSON.stringify(raw)).not.toMatch(/p-1|Production/);
  });

  it('given a payload that names another issue, then it is refused: the issue comes from the context only', async () => {
    const { result } = await call(KEYS.load, panelSchema, { payload: { issueKey: 'OPS-1' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.name).toBe('InvalidRequest');
  });

  it('given the panel resolver called from another module, then it refuses to guess an issue', async () => {
    const { result } = await call(KEYS.load, panelSchema, { moduleKey: 'deploy-tracker-project-settings' });
    expect(!result.ok && result.error).toMatchObject({ name: 'NotOnIssue' });
  });

  it('given a connection secret in storage, then no answer of the panel carries it', async () => {
    const secret = 'tok-very-secret-1234';
    await new ConnectionStore().save({
      connection: { kind: 'jenkins', id: 'jenkins-1', name: 'CI', baseUrl: 'https://ci.example.test', username: 'bot', customHeaders: {} },
      scope: { kind: 'site' },
      agentEnabled: false,
      secret: { apiToken: secret, headers: {} },
      now: hour(1),
    });
    const { raw } = await call(KEYS.load, panelSchema);
    expect(JSON.stringify(raw)).not.toContain(secret);
  });
});

describe('issuePanel.load when nothing mentions the issue of an unconfigured project', () => {
  it('tells an admin they can configure it, and a viewer only that it is not set up', async () => {
    const admin = await call(KEYS.load, panelSchema, { as: USERS.admin, issueKey: 'OPS-1' });
    const viewer = await call(KEYS.load, panelSchema, { as: USERS.viewer, issueKey: 'OPS-1' });

    expect(admin.result).toEqual({ ok: true, data: { status: 'not-configured', projectKey: 'OPS', canConfigure: true } });
    expect(viewer.result).toEqual({ ok: true, data: { status: 'not-configured', projectKey: 'OPS', canConfigure: false } });
  });

  it('still lists deploys of another project that mention the issue', async () => {
    await deploys.save(aDeploy({ id: 'cross', projectKey: 'DEMO', issueKeys: ['OPS-2'] }), undefined);
    const view = await ready({ issueKey: 'OPS-2' });
    expect(view.deploys.map((d) => d.id)).toEqual(['cross']);
  });
});
