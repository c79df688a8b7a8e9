import { BuildStore } from '../../src/storage/build-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { deployDetailSchema, deployPageSchema, ISSUE_PANEL_RESOLVERS as KEYS } from '../../src/shared/contract/issue-panel';
import type * as z from 'zod/mini';
import { testPlatform } from '../support/platform';
import { aBuild, aDeploy } from '../support/builders';
import { callPanel, panelPlatform, USERS, type PanelCall } from './support/panel-platform';

const platform = panelPlatform();
const deploys = new DeployStore();

beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

const call = <T extends z.ZodMiniType>(key: string, schema: T, options: PanelCall = {}) => callPanel(platform, key, schema, options);
const hour = (h: number) => `2026-11-02T${String(h).padStart(2, '0')}:00:00.000Z`;

describe('issuePanel.deploy', () => {
  const sha = 'c'.repeat(40);
  const unit = aBuild({ number: 7, sha, state: 'successful', startedAt: hour(11), finishedAt: hour(12), durationMs: 3_600_000 });
  const lint = aBuild({
    number: 8,
    sha,
    job: { id: 'app/lint', displayName: 'lint', url: null, folderPath: ['app'] },
    state: 'failed',
    startedAt: hour(11),
    finishedAt: hour(11),
  });

  beforeAll(async () => {
    await new BuildStore().write([unit, lint]);
    await deploys.save(
      aDeploy({
        id: 'with-builds',
        sha,
        startedAt: '2026-11-02T11:30:00.000Z',
        issueKeys: ['DEMO-4'],
        url: 'javascript:alert(1)',
        pipeline: { id: 'app/deploy', displayName: 'deploy', url: 'https://bot:hunter2@ci.example.test/job/deploy/' },
        snapshot: [
          { ...unit, stateAtDeploy: 'in_progress', finishedAt: null, durationMs: null },
          { ...lint, stateAtDeploy: 'failed' },
        ],
        commits: [
          { sha: 'c1', message: 'Refactor the basket', author: 'Ada', timestamp: null },
          { sha: 'c2', message: 'demo-4: fix checkout timeout', author: 'Bo', timestamp: null },
        ],
        commitsOmitted: 3,
      }),
      undefined,
    );
  });

  it('given a deploy of the issue, then its builds show the state at deploy and now, with a warning, in two rounds of storage calls', async () => {
    platform.kvs.resetStats();

    const { result } = await call(KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-4', payload: { deployId: 'with-builds' } });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.builds.map((b) => [b.jobName, b.number, b.stateAtDeploy, b.stateNow, b.durationMs])).toEqual([
      ['build', 7, 'in_progress', 'successful', 3_600_000],
      ['lint', 8, 'failed', 'failed', 300_000],
    ]);
    expect(result.data.warning).toBe('failing');
    // The connection is not stored here: no drill-down is offered that could only be refused.
    expect(result.data.run).toEqual({ provider: 'jenkins', connectionId: 'jenkins-1', jobId: 'app/deploy', buildNumber: 1, drilldown: false });
    expect(result.data.builds.map((b) => [b.kind, b.drilldown])).toEqual([['build', false], ['build', false]]);
    // The deploy, then side by side: the commit's builds, its deploys and the Jenkins connection.
    expect(platform.kvs.stats.reads).toBe(4);
  });

  it('given a snapshot whose only running build is another deploy run, then that run is marked a deploy and raises no warning', async () => {
    const stagingRun = aBuild({ number: 30, sha: 'd'.repeat(40), job: { id: 'deploy-staging', displayName: 'deploy-staging', url: null, folderPath: [] }, startedAt: hour(9) });
    await deploys.save(
      aDeploy({ id: 'staging-30', sha: 'd'.repeat(40), startedAt: hour(9), issueKeys: ['DEMO-5'],
        origin: { kind: 'ci', sourceId: 's2', provider: 'jenkins', connectionId: 'jenkins-1', jobId: 'deploy-staging', buildNumber: 30 } }),
      undefined,
    );
    await deploys.save(
      aDeploy({ id: 'prod-27', sequence: 27, sha: 'd'.repeat(40), startedAt: hour(10), issueKeys: ['DEMO-5'],
        snapshot: [{ ...stagingRun, stateAtDeploy: 'in_progress', finishedAt: null, durationMs: null }] }),
      undefined,
    );

    const { result } = await call(KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-5', payload: { deployId: 'prod-27' } });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.builds.map((b) => [b.jobName, b.kind])).toEqual([['deploy-staging', 'deploy']]);
    expect(result.data.warning).toBeNull();
  });

  it('lists the commits that mention the issue first, then the others', async () => {
    const { result } = await call(KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-4', payload: { deployId: 'with-builds' } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.commits).toEqual({
      mentioning: [{ sha: 'c2', message: 'demo-4: fix checkout timeout', author: 'Bo', timestamp: null }],
      others: [{ sha: 'c1', message: 'Refactor the basket', author: 'Ada', timestamp: null }],
      omitted: 3,
    });
  });

  it('never hands the browser a script URL or credentials inside a URL', async () => {
    const { result } = await call(KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-4', payload: { deployId: 'with-builds' } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.deploy.url).toBeNull();
    expect(result.data.deploy.pipeline.url).toBe('https://ci.example.test/job/deploy/');
  });

  it('given a deploy id of another issue, then it is not found: a deploy id cannot open other issues', async () => {
    const { result } = await call(KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-1', payload: { deployId: 'with-builds' } });
    expect(!result.ok && result.error.name).toBe('DeployNotFound');
  });

  it('given a user without access, then the deploy is refused before storage is read', async () => {
    platform.kvs.resetStats();
    const { result } = await call(KEYS.deploy, deployDetailSchema, { as: USERS.outsider, issueKey: 'DEMO-4', payload: { deployId: 'with-builds' } });
    expect(!result.ok && result.error.name).toBe('Forbidden');
    expect(platform.kvs.stats.reads).toBe(0);
  });

  it('given a user without access, then more deploys are refused too', async () => {
    const { result } = await call(KEYS.more, deployPageSchema, { as: USERS.outsider, payload: { cursor: 'x' } });
    expect(!result.ok && result.error.name).toBe('Forbidden');
  });
});
