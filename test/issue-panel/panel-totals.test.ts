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
import { callPanel, panelPlatform } from './support/panel-platform';

const platform = panelPlatform();
beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

function run(n: number, connectionId: string): Deploy {
  const base = aDeploy({ id: `${connectionId}-${n}`, sequence: n, startedAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(), issueKeys: ['DEMO-4'] });
  return { ...base, url: `http://127.0.0.1/job/app/job/deploy/${n}/`, origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId, jobId: 'app/deploy', buildNumber: n } };
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
    const demo = summaryOf(aDeploy({ id: 'd-1', issueKeys: ['DEMO-5'] }));
    const deps: PanelDeps = {
      deploys: { forIssue: () => Promise.resolve({ deploys: [demo], cursor: 'next', totals: { DEMO: 140, OPS: 3 } }) },
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
        developmentVisible: (projects) => Promise.resolve(new Set([...projects].filter((p) => p === 'DEMO'))),
        administers: () => Promise.resolve(false),
        mayReadJob: () => Promise.resolve(false),
      },
    };

    const view = await loadIssuePanel(caller, deps);

    expect(view.status === 'ready' && view.total).toBe(140);
  });

  it('given links stored before totals were kept, then the line says only that older deploys are stored', () => {
    expect(totalLine(99, null, 'DEMO-6')).toBe('99 most recent deploys shown; older ones are stored');
    expect(totalLine(1, 1, 'DEMO-6')).toBe('1 deploy of DEMO-6, all shown');
  });
});
