import Resolver from '@forge/resolver';
import { seedDemoSite } from '../../../dev/demo/seed';
import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform } from '../../../dev/emulator/platform';
import { defineHistoryResolvers } from '../../../src/resolvers/history';
import { HISTORY_RESOLVERS as KEYS, historyProgressListSchema, historyProgressSchema } from '../../../src/shared/contract/history';
import { ConnectionStore } from '../../../src/storage/connection-store';
import { HistoryStore } from '../../../src/storage/history-store';
import { createTestPlatform, testPlatform } from '../../support/platform';
import { dataOf, failureOf } from '../../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, USERS } from '../../connections/support/settings-platform';

let platform: Platform;

async function saveConnection(id: string, scope: { kind: 'site' } | { kind: 'project'; projectKey: string }): Promise<void> {
  await new ConnectionStore().save({
    connection: { kind: 'jenkins', id, name: `Jenkins ${id}`, baseUrl: 'https://jenkins.example.com', username: 'bot', customHeaders: {} },
    scope,
    agentEnabled: false,
    secret: { apiToken: 'token-0123456789', headers: {} },
    now: '2026-11-01T00:00:00.000Z',
  });
}

beforeEach(async () => {
  const resolver = new Resolver();
  defineHistoryResolvers(resolver);
  const handler = resolver.getDefinitions() as AppHandler;
  platform = createTestPlatform({
    loadHandler: (name) => {
      if (name !== 'index.uiResolver') throw new Error(`these tests load only index.uiResolver, not ${name}`);
      return handler;
    },
  });
  seedDemoSite(platform.site);
  platform.site.addUser({ accountId: USERS.otto, displayName: 'Otto Ops' });
  platform.site.grantRole(USERS.otto, 'OPS', 'administrator');
  platform.install();
  await saveConnection('site-jenkins', { kind: 'site' });
  await saveConnection('demo-jenkins', { kind: 'project', projectKey: 'DEMO' });
});
afterEach(() => {
  platform.close();
  testPlatform().install();
});

describe('who may import history', () => {
  it('a Jira admin on the admin page, for any connection, and sees its progress', async () => {
    const started = dataOf(await invoke(platform, KEYS.start, { as: 'ada', page: ADMIN_PAGE, payload: { connectionId: 'site-jenkins' } }), historyProgressSchema);

    expect(started).toMatchObject({ connectionId: 'site-jenkins', state: 'running', builds: 0, percentDone: 0, estimatedBuildsLeft: null });
    const listed = dataOf(await invoke(platform, KEYS.progress, { as: 'ada', page: ADMIN_PAGE }), historyProgressListSchema);
    expect(listed.imports.map((i) => i.connectionId)).toEqual(['site-jenkins']);
    expect(platform.queues.takeReady(true)).toHaveLength(1);
  });

  it('a project admin for their own project connections, not for a site-wide one', async () => {
    dataOf(await invoke(platform, KEYS.start, { as: 'priya', page: projectPage('DEMO'), payload: { connectionId: 'demo-jenkins', from: '2026-01-01' } }), historyProgressSchema);

    const refused = failureOf(await invoke(platform, KEYS.start, { as: 'priya', page: projectPage('DEMO'), payload: { connectionId: 'site-jenkins' } }));
    expect(refused.name).toBe('Forbidden');
    expect(await new HistoryStore().get('site-jenkins')).toBeUndefined();
  });

  it('refuses a project admin for another project, and a browse-only user, writing and queueing nothing', async () => {
    platform.queues.takeReady(true);
    platform.kvs.resetStats();

    const otto = failureOf(await invoke(platform, KEYS.start, { as: 'otto', page: projectPage('OPS'), payload: { connectionId: 'demo-jenkins' } }));
    const uma = failureOf(await invoke(platform, KEYS.start, { as: 'uma', page: projectPage('DEMO'), payload: { connectionId: 'demo-jenkins' } }));
    const umaProgress = failureOf(await invoke(platform, KEYS.progress, { as: 'uma', page: projectPage('DEMO') }));

    expect(otto.name).toBe('ConnectionNotFound');
    expect(uma.name).toBe('Forbidden');
    expect(umaProgress.name).toBe('Forbidden');
    expect(platform.kvs.stats.writes).toBe(0);
    expect(platform.queues.takeReady(true)).toEqual([]);
  });

  it('refuses a date more than two years back', async () => {
    const failure = failureOf(await invoke(platform, KEYS.start, { as: 'ada', page: ADMIN_PAGE, payload: { connectionId: 'site-jenkins', from: '2001-01-01' } }));

    expect(failure.name).toBe('InvalidRequest');
  });
});

describe('progress', () => {
  it('shows builds so far, how far back, and an estimate of what is left', async () => {
    await new HistoryStore().save({
      schemaVersion: 1, connectionId: 'demo-jenkins', until: '2026-10-01T00:00:00.000Z', requestedAt: '2026-11-01T00:00:00.000Z',
      state: 'running', revision: 3, builds: 600, deploys: 12, rounds: 3, requests: 9, problems: 0,
      reachedBack: '2026-10-20T00:00:00.000Z', fractionDone: 0.6, updatedAt: '2026-11-01T00:10:00.000Z',
    });

    const listed = dataOf(await invoke(platform, KEYS.progress, { as: 'priya', page: projectPage('DEMO') }), historyProgressListSchema);

    expect(listed.imports).toEqual([
      expect.objectContaining({ connectionId: 'demo-jenkins', builds: 600, deploys: 12, reachedBack: '2026-10-20T00:00:00.000Z', percentDone: 60, estimatedBuildsLeft: 400 }),
    ]);
  });
});
