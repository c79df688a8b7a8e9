import { startJenkinsStandIn, DEMO_CREDENTIALS, type JenkinsStandIn } from '../../../dev/ci-servers';
import { AuthError } from '../../../src/domain/errors';
import { JENKINS_AUTH, jenkinsConnection, providerFor, syncFrom, testClock, type TestClock } from './support';

let jenkins: JenkinsStandIn;
let clock: TestClock;

beforeEach(async () => {
  clock = testClock();
  jenkins = await startJenkinsStandIn({ world: { clock: clock.now } });
});

afterEach(() => jenkins.close());

const demoJenkins = (token: string = DEMO_CREDENTIALS.jenkins.apiToken) => providerFor(jenkinsConnection(jenkins.url), token, clock);

describe('the Jenkins stand-in, synced by the real Jenkins provider', () => {
  it('first sync: finds builds through folders, a multibranch project and an organization folder', async () => {
    const page = await demoJenkins().listBuildsSince(undefined);

    expect(page.complete).toBe(true);
    expect(page.problems).toEqual([]);
    const jobs = new Set(page.builds.map((b) => b.job.id));
    for (const id of ['shop/storefront/main', 'deploy-staging', 'deploy-production', 'api-server', 'platform/infrastructure/terraform/plan', 'demo-org/payments/main']) {
      expect(jobs.has(id)).toBe(true);
    }
    const main = page.builds.find((b) => b.job.id === 'shop/storefront/main');
    expect(main).toMatchObject({ branch: 'main', sha: expect.stringMatching(/^[0-9a-f]{40}$/), state: expect.stringMatching(/successful|failed/) });
  });

  it('deploy runs carry ENV, the commit and the DEMO issue keys of their changes', async () => {
    const page = await demoJenkins().listBuildsSince(undefined);

    const production = page.builds.filter((b) => b.job.id === 'deploy-production');
    const staging = page.builds.filter((b) => b.job.id === 'deploy-staging');
    expect(production.length).toBeGreaterThan(0);
    expect(staging.length).toBeGreaterThan(0);
    expect(production[0]?.parameters).toContainEqual({ name: 'ENV', value: 'prod' });
    expect(staging[0]?.parameters).toContainEqual({ name: 'ENV', value: 'staging' });
    expect(staging.some((b) => b.causes.some((c) => c.kind === 'upstream' && c.actor?.startsWith('shop/storefront/main #')))).toBe(true);
    const messages = [...production, ...staging].flatMap((b) => b.commits.map((c) => c.message));
    expect(messages.some((m) => /DEMO-1\b/.test(m))).toBe(true);
    for (const build of [...production, ...staging]) expect(build.commits.map((c) => c.sha)).toContain(build.sha);
  });

  it('second sync with nothing new: exactly one request (the overview)', async () => {
    const provider = demoJenkins();
    const first = await provider.listBuildsSince(undefined);
    jenkins.stats.reset();

    const second = await syncFrom(provider, first.cursor);

    expect(second.builds).toEqual([]);
    expect(jenkins.stats.requests).toBe(1);
    expect(second.requests).toBe(1);
  });

  it('after grow(): the new builds are found, then it is idle again', async () => {
    const provider = demoJenkins();
    const first = await provider.listBuildsSince(undefined);

    const grown = jenkins.grow(10);
    const second = await syncFrom(provider, first.cursor);
    jenkins.stats.reset();
    const third = await syncFrom(provider, second.cursor);

    expect(second.builds).toHaveLength(grown.builds);
    const newShas = new Set(grown.commits.map((i) => jenkins.world.commits.get(i).sha));
    expect(second.builds.every((b) => b.sha !== null && newShas.has(b.sha))).toBe(true);
    expect(second.builds.filter((b) => b.parameters.some((p) => p.name === 'ENV'))).toHaveLength(grown.deploys);
    expect(third.builds).toEqual([]);
    expect(jenkins.stats.requests).toBe(1);
  });

  it('a wrong token gets AuthError (401); no credentials at all is a 403 as anonymous', async () => {
    await expect(demoJenkins('not-the-token').testConnection()).rejects.toBeInstanceOf(AuthError);

    const anonymous = await fetch(`${jenkins.url}/api/json`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get('x-you-are-authenticated-as')).toBe('anonymous');
    const wrongUser = providerFor({ ...jenkinsConnection(jenkins.url), username: 'someone' }, DEMO_CREDENTIALS.jenkins.apiToken, clock);
    await expect(wrongUser.listJobs()).rejects.toBeInstanceOf(AuthError);
  });

  it('testConnection: version from X-Jenkins and the user from whoAmI', async () => {
    await expect(demoJenkins().testConnection()).resolves.toMatchObject({ provider: 'jenkins', serverVersion: '2.479.3', user: 'demo', warnings: [] });
  });

  it('a deleted build and a renamed job show up as Jenkins would show them', async () => {
    const provider = demoJenkins();
    jenkins.model.rename('api-server', 'public-api');
    jenkins.model.deleteBuild('backend-service', 30);

    const jobs = (await provider.listJobs()).map((j) => j.id);
    const page = await provider.listBuildsSince(undefined);

    expect(jobs).toContain('public-api');
    expect(jobs).not.toContain('api-server');
    expect(page.builds.filter((b) => b.job.id === 'backend-service').map((b) => b.number)).not.toContain(30);
    const last = await fetch(`${jenkins.url}/job/backend-service/api/json?tree=lastBuild[number]`, { headers: JENKINS_AUTH });
    expect(await last.json()).toEqual({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob', lastBuild: { _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number: 29 } });
  });

  it('answers under a context path', async () => {
    const under = await startJenkinsStandIn({ world: { clock: clock.now }, contextPath: '/jenkins' });
    try {
      expect(under.url).toMatch(/\/jenkins$/);
      const page = await providerFor(jenkinsConnection(under.url), DEMO_CREDENTIALS.jenkins.apiToken, clock).listBuildsSince(undefined);
      expect(page.builds[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jenkins\/job\//);
    } finally {
      await under.close();
    }
  });
});
