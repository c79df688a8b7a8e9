import { route } from '@forge/api';
import { deploymentId } from '../../../dev/emulator/jira/devops-store';
import { aDeployment, asApp, devopsPlatform } from './devops-fixture';

/**
 * Jira Software's deployments API as the emulator answers it, following the document in
 * vendor/atlassian-openapi/jira-software.v3.json (submitDeployments, getDeploymentByKey,
 * deleteDeploymentByKey, deleteDeploymentsByProperty).
 */
const platform = devopsPlatform();
const site = platform.site;
beforeAll(() => platform.install());

const post = (body: unknown) => asApp(route`/rest/deployments/0.1/bulk`, { method: 'POST', body });
const stored = (n = 7) => asApp(route`/rest/deployments/0.1/pipelines/pipeline-web/environments/env-prod/deployments/${String(n)}`);
const key = (n = 7) => ({ pipelineId: 'pipeline-web', environmentId: 'env-prod', deploymentSequenceNumber: n });

afterEach(() => {
  for (const d of site.devops.deployments()) site.devops.deleteDeployment(deploymentId(d.data.pipeline.id, d.data.environment.id, d.data.deploymentSequenceNumber));
});

describe('POST /rest/deployments/0.1/bulk', () => {
  it('accepts a valid deployment, stores it against its issue and answers the documented shape', async () => {
    // Given a deployment of DEMO-1
    // When the app submits it
    const response = await post({ properties: { connection: 'c1' }, deployments: [aDeployment()] });

    // Then it is accepted and stored as sent
    expect(response).toMatchObject({ status: 202, body: { acceptedDeployments: [key()], rejectedDeployments: [], unknownIssueKeys: [] } });
    expect(await stored()).toMatchObject({ status: 200, body: { displayName: 'Deploy #7', state: 'successful' } });
    expect(site.devops.deploymentsOf('DEMO-1').map((d) => d.deploymentSequenceNumber)).toEqual([7]);
  });

  it('rejects a deployment that breaks the schema on its own, saying where and why, and stores the others', async () => {
    // Given one deployment with an unknown environment type and a 256-character display name, and one valid
    const bad = aDeployment({ deploymentSequenceNumber: 8, displayName: 'x'.repeat(256), environment: { id: 'env-prod', displayName: 'Production', type: 'prod' } });

    // When both are submitted
    const response = await post({ deployments: [bad, aDeployment()] });

    // Then the bad one is rejected with messages naming the fields, and the valid one is accepted
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      acceptedDeployments: [key()],
      rejectedDeployments: [
        {
          key: key(8),
          errors: [
            { message: 'deployments[0].displayName must be at most 255 characters, not 256' },
            { message: expect.stringContaining('deployments[0].environment.type must be one of "unmapped", "development", "testing", "staging", "production", not "prod"') },
          ],
        },
      ],
    });
    expect((await stored(8)).status).toBe(404);
  });

  it('answers 400 with the documented error list for a request malformed as a whole', async () => {
    const notJson = await post('{"deployments": [');
    const noList = await post({ properties: { 'a:b': 'x' } });
    const sixProperties = await post({ properties: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }, deployments: [aDeployment()] });

    expect(notJson).toMatchObject({ status: 400, body: [{ message: expect.stringContaining('not valid JSON') }] });
    expect(noList).toMatchObject({ status: 400, body: expect.arrayContaining([{ message: 'deployments is required' }, { message: expect.stringContaining("properties.a:b is not a valid property key") }]) });
    expect(sixProperties).toMatchObject({ status: 400, body: [{ message: 'properties must have at most 5 properties, not 6' }] });
    expect(site.devops.deployments()).toEqual([]);
  });

  it('accepts commit associations next to issue keys, and counts them toward the 500 values', async () => {
    const commits = (n: number) => ({ associationType: 'commit', values: Array.from({ length: n }, (_, i) => ({ commitHash: `c${i}`, repositoryId: 'web' })) });
    const issues = { associationType: 'issueIdOrKeys', values: ['DEMO-1', 'DEMO-2'] };

    // Given one deployment with 2 keys and 498 commits (500 values) and one with 2 keys and 499 commits (501)
    const atLimit = aDeployment({ associations: [issues, commits(498)] });
    const overLimit = aDeployment({ deploymentSequenceNumber: 8, associations: [issues, commits(499)] });

    // When both are submitted
    const response = await post({ deployments: [atLimit, overLimit] });

    // Then the first is accepted and the second rejected with the limit
    expect(response.body).toMatchObject({
      acceptedDeployments: [key()],
      rejectedDeployments: [{ key: key(8), errors: [{ message: expect.stringContaining('must not exceed 500; this deployment has 501') }] }],
    });
    expect(site.devops.deploymentsOf('DEMO-2')).toHaveLength(1);
  });

  it('lists unknown issue keys, stores the deployment against the known ones, and rejects one with only unknown keys', async () => {
    // Given a deployment of DEMO-1 and UTF-8, and another of NOPE-1 only
    const mixed = aDeployment({ associations: [{ associationType: 'issueKeys', values: ['DEMO-1', 'UTF-8'] }] });
    const unknownOnly = aDeployment({ deploymentSequenceNumber: 8, associations: [{ associationType: 'issueIdOrKeys', values: ['NOPE-1'] }] });

    // When both are submitted
    const response = await post({ deployments: [mixed, unknownOnly] });

    // Then both unknown keys are reported; the first is stored against DEMO-1, the second is not stored
    expect(response.body).toMatchObject({
      acceptedDeployments: [key()],
      rejectedDeployments: [{ key: key(8), errors: [{ message: expect.stringContaining('unknown on this site') }] }],
      unknownIssueKeys: ['UTF-8', 'NOPE-1'],
    });
    expect(site.devops.deploymentsOf('DEMO-1')).toHaveLength(1);
    expect((await stored(8)).status).toBe(404);
  });

  it('rejects a deployment with neither issueKeys nor associations', async () => {
    const { associations: _omitted, ...bare } = aDeployment();
    const response = await post({ deployments: [bare] });
    expect(response.body).toMatchObject({ rejectedDeployments: [{ key: key(), errors: [{ message: 'A deployment must specify one of issueKeys or associations.' }] }] });
  });
});

describe('updateSequenceNumber', () => {
  it('keeps the newest state when an update is repeated or arrives out of order, reporting each as accepted', async () => {
    // Given a deployment in progress (1000), then successful (2000)
    await post({ deployments: [aDeployment({ state: 'in_progress', updateSequenceNumber: 1000 })] });
    await post({ deployments: [aDeployment({ state: 'successful', updateSequenceNumber: 2000 })] });

    // When the in-progress update arrives again, late, and the successful one is repeated with another state
    const late = await post({ deployments: [aDeployment({ state: 'in_progress', updateSequenceNumber: 1000 })] });
    const repeated = await post({ deployments: [aDeployment({ state: 'failed', updateSequenceNumber: 2000 })] });

    // Then both are reported accepted, and the stored deployment is still the successful one
    expect(late.body).toMatchObject({ acceptedDeployments: [key()], rejectedDeployments: [] });
    expect(repeated.body).toMatchObject({ acceptedDeployments: [key()], rejectedDeployments: [] });
    expect(await stored()).toMatchObject({ body: { state: 'successful', updateSequenceNumber: 2000 } });
  });

  it('replaces the whole deployment with a newer update, associations included', async () => {
    await post({ deployments: [aDeployment({ associations: [{ associationType: 'issueIdOrKeys', values: ['DEMO-1', 'DEMO-2'] }] })] });
    await post({ deployments: [aDeployment({ updateSequenceNumber: 2000, state: 'rolled_back' })] });
    expect(site.devops.deploymentsOf('DEMO-2')).toEqual([]);
    expect(site.devops.deploymentsOf('DEMO-1')).toMatchObject([{ state: 'rolled_back' }]);
  });
});

describe('DELETE by key and by properties', () => {
  it('deletes one deployment by its key', async () => {
    await post({ deployments: [aDeployment(), aDeployment({ deploymentSequenceNumber: 8 })] });
    const response = await asApp(route`/rest/deployments/0.1/pipelines/pipeline-web/environments/env-prod/deployments/7`, { method: 'DELETE' });
    expect(response.status).toBe(202);
    expect([(await stored(7)).status, (await stored(8)).status]).toEqual([404, 200]);
  });

  it('deletes the deployments whose properties match all of the given ones, and nothing else', async () => {
    // Given deployments sent with different properties
    await post({ properties: { connection: 'c1', project: 'DEMO' }, deployments: [aDeployment()] });
    await post({ properties: { connection: 'c2', project: 'DEMO' }, deployments: [aDeployment({ deploymentSequenceNumber: 8 })] });

    // When the app deletes by connection=c1 and project=DEMO
    const response = await asApp(route`/rest/deployments/0.1/bulkByProperties?connection=${'c1'}&project=${'DEMO'}`, { method: 'DELETE' });

    // Then only c1's deployment is gone
    expect(response.status).toBe(202);
    expect([(await stored(7)).status, (await stored(8)).status]).toEqual([404, 200]);
  });

  it('answers 400 to a delete by properties without any property', async () => {
    const response = await asApp(route`/rest/deployments/0.1/bulkByProperties`, { method: 'DELETE' });
    expect(response).toMatchObject({ status: 400, body: [{ message: expect.stringContaining('at least one property') }] });
  });
});

describe('rate limits and outages (test hook)', () => {
  it('answers 429 with Retry-After as often as asked, then serves again', async () => {
    // Given Jira's rate limit answers the next two calls
    site.devops.failNext({ status: 429, retryAfterSeconds: 30, times: 2 });

    // When the app submits three times
    const answers = [await post({ deployments: [aDeployment()] }), await post({ deployments: [aDeployment()] }), await post({ deployments: [aDeployment()] })];

    // Then two 429s with Retry-After, then the deployment is accepted
    expect(answers.map((a) => a.status)).toEqual([429, 429, 202]);
    expect(answers[0]?.headers.get('retry-after')).toBe('30');
    expect((await stored()).status).toBe(200);
  });

  it('answers 503 for the API it was set for only', async () => {
    site.devops.failNext({ status: 503, api: 'builds' });
    expect((await post({ deployments: [aDeployment()] })).status).toBe(202);
    expect((await asApp(route`/rest/builds/0.1/bulkByProperties?a=${'b'}`, { method: 'DELETE' })).status).toBe(503);
  });
});
