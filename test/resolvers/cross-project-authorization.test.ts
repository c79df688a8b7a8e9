import { DEMO_USERS, seedDemoSite } from '../../dev/demo/seed';
import { defaultProjectConfig } from '../../src/domain/project-config';
import { ISSUE_PANEL_RESOLVERS } from '../../src/shared/contract/issue-panel';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/webtrigger/signature';
import { testPlatform } from '../support/platform';

/**
 * Finding 4 of issue 12, replayed: DEMO's registration secret put a row (linking to an outside
 * site) onto the restricted OPS-2, and the registration response's issue keys told the sender
 * which project keys exist. Now a project links only its own issues until its admin chooses
 * otherwise, and a response names only the project's own keys, whatever it linked.
 */
const SECRET = 'whsec-cross-project-0000000000';
const configs = new ProjectConfigStore();

beforeAll(async () => {
  seedDemoSite(testPlatform().site);
  await configs.save({ ...defaultProjectConfig('DEMO', '2026-11-20T10:00:00.000Z'), defaultConnectionId: null });
  await configs.saveDeploySecret('DEMO', SECRET);
});

function register(runId: string, message: string) {
  const body = JSON.stringify({
    environment: { name: 'Production', type: 'production' },
    sha: 'd'.repeat(40),
    state: 'successful',
    url: 'https://outside.example.net/run',
    pipeline: { id: 'outside', name: 'Outside pipeline' },
    runId,
    commits: [{ sha: 'd'.repeat(40), message }],
    startedAt: '2026-11-01T10:00:00Z',
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return testPlatform().app.runWebtrigger('deploy-registration', {
    method: 'POST',
    path: '/x1/test',
    headers: { 'content-type': ['application/json'], [TIMESTAMP_HEADER]: [String(timestamp)], [SIGNATURE_HEADER]: [sign(SECRET, timestamp, body)] },
    queryParameters: { project: ['DEMO'] },
    body,
  });
}

const opsPanel = () =>
  testPlatform().app.invokeResolver({
    moduleKey: 'deploy-tracker-issue-panel',
    functionKey: ISSUE_PANEL_RESOLVERS.load,
    payload: {},
    accountId: DEMO_USERS.admin.accountId,
    extension: { issue: { key: 'OPS-2', id: '20002' }, project: { key: 'OPS', id: '20000' } },
  });

describe('a project that never chose its key scope', () => {
  it('given a DEMO deploy whose commit names OPS-2, then it links DEMO-5 only, says only DEMO-5, and OPS-2 shows nothing of it', async () => {
    const response = await register('1', 'DEMO-5 and OPS-2: checkout fix');

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ issueKeys: ['DEMO-5'] });
    expect(await new DeployStore().forIssue('OPS-2')).toMatchObject({ deploys: [] });
    expect(JSON.stringify(await opsPanel())).not.toContain('outside.example.net');
  });
});

describe('a project whose admin chose to link issues of any project', () => {
  it('given a deploy naming OPS-2 and a key of no project, then the response still names only DEMO keys', async () => {
    const config = await configs.get('DEMO');
    if (!config) throw new Error('DEMO was configured above');
    await configs.save({ ...config, issueIntegration: { ...config.issueIntegration, keyScope: 'any-project' } });

    const response = await register('2', 'DEMO-6 OPS-2 NOPE-9 shared fix');

    expect(JSON.parse(response.body)).toMatchObject({ issueKeys: ['DEMO-6'] });
    expect(response.body).not.toMatch(/OPS-2|NOPE/);
    // The link itself is the admin's choice and stands; OPS-2's viewers see it only if they may browse DEMO.
    expect((await new DeployStore().forIssue('OPS-2')).deploys).toHaveLength(1);
  });
});
