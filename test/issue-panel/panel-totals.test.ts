import type { Deploy } from '../../src/domain/deploy';
import { loadIssuePanel, type PanelCaller, type PanelDeps } from '../../src/issue-panel/panel';
import { deployPageSchema, ISSUE_PANEL_RESOLVERS as KEYS, panelSchema } from '../../src/shared/contract/issue-panel';
import { summaryOf } from '../../src/storage/deploy-record';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { recordStatus } from '../../src/sync/status';
import { oneRowPerDeploy, totalLine } from '../../static/issue-panel/src/summary';
import { aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';
import { aProjectConfig, aSyncStatus } from './support/builders';
import { callPanel, panelPlatform, USERS } from './support/panel-platform';

const platform = panelPlatform();
const DEMO_ONLY = 'acc-demo-only';
platform.site.addUser({ accountId: DEMO_ONLY, displayName: 'Dee Demo' });
platform.site.grantRole(DEMO_ONLY, 'DEMO', 'viewer');
beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

function run(n: number, connectionId: string, issueKey = 'DEMO-4', projectKey = 'DEMO'): Deploy {
  const base = aDeploy({ id: `${connectionId}-${n}`, projectKey, sequence: n, startedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(), issueKeys: [issueKey] });
  return { ...base, url: `http://127.0.0.1/job/app/job/deploy/${n}/`, origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId, jobId: 'app/deploy', buildNumber: n } };
}

/** What the panel on `issueKey` shows `as` once every older page is in: its stated total and its rows. */
async function everyPage(issueKey: string, as: string) {
  const first = await callPanel(platform, KEYS.load, panelSchema, { issueKey, as });
  if (!first.result.ok || first.result.data.status !== 'ready') throw new Error('expected deploys');
  const rows = [...first.result.data.deploys];
  let cursor = first.result.data.cursor;
  let pages = 1;
  while (cursor) {
    const more = await callPanel(platform, KEYS.more, deployPageSchema, { issueKey, as, payload: { cursor } });
    if (!more.result.ok) throw new Error('expected more deploys');
    rows.push(...more.result.data.deploys);
    cursor = more.result.data.cursor;
    pages += 1;
  }
  return { total: first.result.data.total, rows: oneRowPerDeploy(rows), pages };
}

/** A panel whose first page holds one DEMO deploy and the given totals, for a viewer who sees `sees`. */
function panelWith(totals: Record<string, number>, sees: readonly string[]) {
  const deps: PanelDeps = {
    deploys: { forIssue: () => Promise.resolve({ deploys: [summaryOf(aDeploy({ id: 'd-1', issueKeys: ['DEMO-5'] }))], cursor: 'next', totals }) },
    health: { failingFor: () => Promise.resolve([]) },
    configAndFailing: () => Promise.reject(new Error('not asked when there are deploys')),
  };
  const caller: PanelCaller = {
    accountId: 'viewer',
    issueKey: 'DEMO-5',
    projectKey: 'DEMO',
    visibility: {
      seesDevelopmentOf: () => Promise.resolve(true),
      seesAnyOf: () => Promise.resolve(true),
      developmentVisible: (projects) => Promise.resolve(new Set([...projects].filter((p) => sees.includes(p)))),
      administers: () => Promise.resolve(false),
      mayReadJob: () => Promise.resolve(false),
    },
  };
  return loadIssuePanel(caller, deps);
}

describe('the panel\'s total', () => {
  it('given 130 runs on an issue, 20 also seen through a second connection, when the panel loads, then it states 130 and the pages add up to 130 rows', async () => {
    await new ProjectConfigStore().save(aProjectConfig());
    await recordStatus(aSyncStatus());
    const store = new DeployStore();
    await store.saveAll(Array.from({ length: 130 }, (_, n) => ({ deploy: run(n, 'jenkins-1'), previous: undefined })));
    await store.saveAll(Array.from({ length: 20 }, (_, n) => ({ deploy: run(110 + n, 'jenkins-2'), previous: undefined })));

    const first = await callPanel(platform, KEYS.load, panelSchema, { issueKey: 'DEMO-4' });
    if (!first.result.ok || first.result.data.status !== 'ready') throw new Error('expected deploys');
    const view = first.result.data;
    expect(view.total).toBe(130);
    const firstRows = oneRowPerDeploy(view.deploys);
    expect(totalLine(firstRows.length, view.total ?? null, 'DEMO-4')).toBe(`${firstRows.length} of 130 deploys of DEMO-4 shown, newest first (each run counted once)`);

    const more = await callPanel(platform, KEYS.more, deployPageSchema, { issueKey: 'DEMO-4', payload: { cursor: view.cursor } });
    if (!more.result.ok) throw new Error('expected more deploys');
    expect(more.result.data.cursor).toBeNull();
    const all = oneRowPerDeploy([...view.deploys, ...more.result.data.deploys]);
    expect(all).toHaveLength(130);
    expect(totalLine(all.length, all.length, 'DEMO-4')).toBe('130 deploys of DEMO-4, all shown');
  });

  it('given deploys of a project the viewer may not see, then they count towards nobody\'s total but its viewers\'', async () => {
    const view = await panelWith({ DEMO: 140, OPS: 3 }, ['DEMO']);

    expect(view.status === 'ready' && view.total).toBe(140);
  });

  it.each([
    ['both projects that recorded it', ['DEMO', 'OPS', 'SEC'], 5 + 1 + 2],
    ['only one of them', ['DEMO', 'SEC'], 5 + 1 + 2],
    ['only the other', ['DEMO', 'OPS'], 5 + 1],
    ['neither', ['DEMO'], 5],
  ])('given a run recorded by OPS and SEC, when the viewer sees %s, then it counts once or not at all', async (_, sees, expected) => {
    const view = await panelWith({ DEMO: 5, 'OPS,SEC': 1, SEC: 2 }, sees);

    expect(view.status === 'ready' && view.total).toBe(expected);
  });

  it('given a run that DEMO and OPS both record, when a viewer sees both, then it counts once, not once per project', async () => {
    const view = await panelWith({ DEMO: 4, 'DEMO,OPS': 3 }, ['DEMO', 'OPS']);

    expect(view.status === 'ready' && view.total).toBe(7);
  });

  it('given an old version 1 record (per project), then its counts read as sets of one project', async () => {
    const view = await panelWith({ DEMO: 40, OPS: 3 }, ['DEMO', 'OPS']);

    expect(view.status === 'ready' && view.total).toBe(43);
  });

  it('given 140 runs on an issue, 30 of them recorded by both DEMO and OPS and 10 by OPS alone, when every page loads, then each viewer\'s total is the number of rows', async () => {
    const store = new DeployStore();
    await store.saveAll(Array.from({ length: 130 }, (_, n) => ({ deploy: run(n, 'jenkins-1', 'DEMO-3'), previous: undefined })));
    await store.saveAll(Array.from({ length: 40 }, (_, n) => ({ deploy: run(100 + n, 'ops-jenkins', 'DEMO-3', 'OPS'), previous: undefined })));

    const both = await everyPage('DEMO-3', USERS.admin);
    const demoOnly = await everyPage('DEMO-3', DEMO_ONLY);

    expect(both.pages).toBeGreaterThan(1);
    expect(both.total).toBe(140);
    expect(both.rows).toHaveLength(140);
    expect(both.rows.filter((row) => row.records === 1 && row.projectKey === 'OPS')).toHaveLength(10);
    expect(demoOnly.total).toBe(130);
    expect(demoOnly.rows).toHaveLength(130);
    expect(demoOnly.rows.every((row) => row.projectKey === 'DEMO')).toBe(true);
  });

  it('given links stored before totals were kept, then the line says only that older deploys are stored', () => {
    expect(totalLine(99, null, 'DEMO-6')).toBe('99 most recent deploys shown; older ones are stored');
    expect(totalLine(1, 1, 'DEMO-6')).toBe('1 deploy of DEMO-6, all shown');
  });
});
