import api, { route } from '@forge/api';
import type { Platform } from '../../../dev/emulator/platform';
import { DEV, bodyOf, inInvocation } from './fixture';
import { aBuild, aDeployment, asApp, devopsPlatform } from './devops-fixture';

/** Jira Software's builds API, and who may call the devops APIs at all. */
const allowed = devopsPlatform();
const modulesOnly = devopsPlatform('devops-modules-only-manifest.yml');
const scopesOnly = devopsPlatform('devops-scopes-only-manifest.yml');
const use = (platform: Platform) => beforeAll(() => platform.install());

describe('builds', () => {
  use(allowed);
  const post = (body: unknown) => asApp(route`/rest/builds/0.1/bulk`, { method: 'POST', body });
  const stored = (n = 42) => asApp(route`/rest/builds/0.1/pipelines/web-ci/builds/${String(n)}`);

  it('accepts a build with references and test counts, and keeps the newest update', async () => {
    // Given a running build, then the same build finished
    const first = await post({ properties: { connection: 'c1' }, builds: [aBuild({ state: 'in_progress', updateSequenceNumber: 1000 })] });
    await post({ builds: [aBuild({ state: 'failed', updateSequenceNumber: 3000 })] });

    // When the running update arrives again, late
    const late = await post({ builds: [aBuild({ state: 'in_progress', updateSequenceNumber: 2000 })] });

    // Then every send was accepted and the finished state stays
    expect(first).toMatchObject({ status: 202, body: { acceptedBuilds: [{ pipelineId: 'web-ci', buildNumber: 42 }], rejectedBuilds: [], unknownIssueKeys: [] } });
    expect(late.body).toMatchObject({ acceptedBuilds: [{ pipelineId: 'web-ci', buildNumber: 42 }] });
    expect(await stored()).toMatchObject({ status: 200, body: { state: 'failed', testInfo: { numberFailed: 1 } } });
  });

  it('rejects a build past the schema (101 issue keys, 6 references, a relative url) with each reason', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `DEMO-${i + 1}`);
    const references = Array.from({ length: 6 }, () => ({ commit: { id: 'abc', repositoryUri: 'https://git.example.test/web' } }));
    const response = await post({ builds: [aBuild({ buildNumber: 43, issueKeys: keys, references, url: '/builds/43' })] });
    expect(response.body).toMatchObject({
      acceptedBuilds: [],
      rejectedBuilds: [
        {
          key: { pipelineId: 'web-ci', buildNumber: 43 },
          errors: [
            { message: 'builds[0].url is not an absolute URL' },
            { message: 'builds[0].issueKeys must have at most 100 items, not 101' },
            { message: 'builds[0].references must have at most 5 items, not 6' },
          ],
        },
      ],
    });
  });

  it('answers 400 when a build has no key to report it by', async () => {
    const { pipelineId: _omitted, ...keyless } = aBuild();
    const response = await post({ builds: [keyless] });
    expect(response).toMatchObject({ status: 400, body: [{ message: expect.stringContaining('builds[0].pipelineId is required') }] });
  });

  it('deletes builds by properties and by key', async () => {
    await post({ properties: { connection: 'c9' }, builds: [aBuild({ buildNumber: 50 }), aBuild({ buildNumber: 51 })] });
    await asApp(route`/rest/builds/0.1/pipelines/web-ci/builds/50`, { method: 'DELETE' });
    expect((await stored(50)).status).toBe(404);
    expect((await asApp(route`/rest/builds/0.1/bulkByProperties?connection=${'c9'}`, { method: 'DELETE' })).status).toBe(202);
    expect((await stored(51)).status).toBe(404);
  });
});

describe('who may call the devops APIs', () => {
  describe('an app with the provider modules and scopes', () => {
    use(allowed);

    it('may not call them as a user', async () => {
      const response = await inInvocation(DEV, () =>
        api.asUser().requestJira(route`/rest/deployments/0.1/bulk`, { method: 'POST', body: JSON.stringify({ deployments: [aDeployment()] }) }),
      );
      expect([response.status, await bodyOf(response)]).toEqual([403, [{ message: expect.stringContaining('asApp()') }]]);
    });
  });

  describe('an app without the provider modules', () => {
    use(scopesOnly);

    it('gets 403 from every operation, naming the missing module', async () => {
      const answers = [
        await asApp(route`/rest/deployments/0.1/bulk`, { method: 'POST', body: { deployments: [aDeployment()] } }),
        await asApp(route`/rest/builds/0.1/bulk`, { method: 'POST', body: { builds: [aBuild()] } }),
        await asApp(route`/rest/deployments/0.1/bulkByProperties?a=${'b'}`, { method: 'DELETE' }),
      ];
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
      expect(answers.map((a) => JSON.stringify(a.body))).toEqual([
        expect.stringContaining('devops:deploymentInfoProvider'),
        expect.stringContaining('devops:buildInfoProvider'),
        expect.stringContaining('devops:deploymentInfoProvider'),
      ]);
      expect(scopesOnly.site.devops.deployments()).toEqual([]);
    });
  });

  describe('an app with the modules but not the scopes', () => {
    use(modulesOnly);

    it('gets 403 naming the scope each operation needs', async () => {
      const write = await asApp(route`/rest/deployments/0.1/bulk`, { method: 'POST', body: { deployments: [aDeployment()] } });
      const remove = await asApp(route`/rest/builds/0.1/pipelines/web-ci/builds/1`, { method: 'DELETE' });
      const read = await asApp(route`/rest/deployments/0.1/pipelines/p/environments/e/deployments/1`);
      expect([write.status, remove.status, read.status]).toEqual([403, 403, 403]);
      expect(JSON.stringify([write.body, remove.body, read.body])).toMatch(/write:deployment-info:jira.*delete:build-info:jira.*read:deployment-info:jira/);
    });
  });
});
