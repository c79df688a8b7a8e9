import { startCiStandIns, DEMO_CREDENTIALS, type CiStandIns } from '../../../dev/ci-servers';
import type { Build } from '../../../src/domain/build';
import { JENKINS_AUTH, buildkiteConnection, circleCiConnection, jenkinsConnection, providerFor, testClock, type TestClock } from './support';

let ci: CiStandIns;
let clock: TestClock;

afterEach(() => ci.close());

async function syncAll(): Promise<Build[]> {
  const pages = await Promise.all([
    providerFor(jenkinsConnection(ci.jenkins.url), DEMO_CREDENTIALS.jenkins.apiToken, clock).listBuildsSince(undefined),
    providerFor(buildkiteConnection(ci.buildkite.url), DEMO_CREDENTIALS.buildkite.apiToken, clock).listBuildsSince(undefined),
    providerFor(circleCiConnection(ci.circleci.url, ci.circleci.projectSlugs), DEMO_CREDENTIALS.circleci.apiToken, clock).listBuildsSince(undefined),
  ]);
  return pages.flatMap((p) => p.builds);
}

describe('the three stand-ins on one world', () => {
  beforeEach(async () => {
    clock = testClock();
    ci = await startCiStandIns({ world: { clock: clock.now } });
  });

  it('DEMO-1 already has deploys to staging and production in the first sync', async () => {
    const builds = await syncAll();

    const mentionsDemo1 = (b: Build) => b.commits.some((c) => /\bDEMO-1\b/.test(c.message));
    const envs = new Set(builds.filter((b) => b.job.id.startsWith('deploy-') && mentionsDemo1(b)).flatMap((b) => b.parameters.filter((p) => p.name === 'ENV').map((p) => p.value)));
    expect(envs).toEqual(new Set(['staging', 'prod']));
  });

  it('a Jenkins deploy\'s SHA was built on Buildkite and CircleCI too', async () => {
    const builds = await syncAll();

    const deploy = builds.find((b) => b.job.id === 'deploy-production');
    const sameSha = builds.filter((b) => b.sha === deploy?.sha).map((b) => `${b.provider}:${b.job.id}`);
    expect(sameSha).toEqual(expect.arrayContaining(['jenkins:shop/storefront/main', 'buildkite:storefront', 'buildkite:deploy', 'circleci:gh/demo-org/storefront']));
  });

  it('grow() builds the same new commits on every server', () => {
    const grown = ci.grow(5);

    expect(grown.jenkins.builds).toBeGreaterThan(0);
    expect(grown.buildkite.builds).toBeGreaterThan(0);
    expect(grown.circleci.builds).toBeGreaterThan(0);
    expect(ci.world.commits.count).toBe(60 + grown.commits.length);
  });
});

describe('growing histories', () => {
  beforeEach(async () => {
    clock = testClock();
    ci = await startCiStandIns({ world: { clock: clock.now, growing: { commitEveryMs: 20_000 } } });
  });

  type BuildState = { number: number; building: boolean; result: string | null };
  const MAIN = '/job/shop/job/storefront/job/main';
  const read = async <T>(path: string): Promise<T> => (await (await fetch(`${ci.jenkins.url}${MAIN}${path}`, { headers: JENKINS_AUTH })).json()) as T;
  const mainLast = () => read<{ lastBuild: BuildState }>('/api/json?tree=lastBuild[number,building,result]');

  it('a new commit arrives, its build runs, then finishes; deploys follow', async () => {
    const before = await mainLast();
    const commitsBefore = ci.world.commits.count;

    // Every fourth commit (the ones mentioning DEMO-1) passes and deploys: wait for the next one.
    let index = commitsBefore;
    while (index % 4 !== 0) index += 1;
    clock.time = ci.world.start + (index - commitsBefore + 1) * 20_000 + 3_000;
    const running = await mainLast();
    const staging = ci.jenkins.model.job('deploy-staging').builds.length;
    clock.tick(40_000);
    const done = await read<BuildState>(`/${running.lastBuild.number}/api/json?tree=number,building,result`);

    expect(ci.world.commits.count).toBeGreaterThan(commitsBefore);
    expect(running.lastBuild.number).toBeGreaterThan(before.lastBuild.number);
    expect(running.lastBuild).toMatchObject({ building: true, result: null });
    expect(done).toMatchObject({ building: false, result: 'SUCCESS' });
    expect(ci.jenkins.model.job('deploy-staging').builds.length).toBeGreaterThan(staging);
  });

  it('is deterministic: the same seed and clock give the same answers', async () => {
    const again = await startCiStandIns({ world: { clock: clock.now, growing: { commitEveryMs: 20_000 } } });
    try {
      clock.tick(95_000);
      const read = async (base: string) => (await fetch(`${base}/api/json?tree=jobs[name,lastBuild[number,result,timestamp]]`, { headers: JENKINS_AUTH })).text();
      const readBk = async (base: string) => (await fetch(`${base}/v2/organizations/demo-org/builds?per_page=20`, { headers: { authorization: 'Bearer demo-buildkite-token' } })).json();

      expect(await read(again.jenkins.url)).toBe((await read(ci.jenkins.url)).replaceAll(ci.jenkins.url, again.jenkins.url));
      expect(JSON.stringify(await readBk(again.buildkite.url))).toBe(JSON.stringify(await readBk(ci.buildkite.url)).replaceAll(ci.buildkite.url, again.buildkite.url));
    } finally {
      await again.close();
    }
  });
});

describe('demo settings', () => {
  it('name the URLs, credentials and deploy sources the demo wiring configures', async () => {
    clock = testClock();
    ci = await startCiStandIns({ world: { clock: clock.now } });

    expect(ci.settings.jenkins).toEqual({ baseUrl: ci.jenkins.url, username: 'demo', apiToken: 'demo-jenkins-token' });
    expect(ci.settings.deploySources.map((s) => `${s.provider}:${s.job}:${s.environment}`)).toEqual([
      'jenkins:deploy-staging:staging',
      'jenkins:deploy-production:production',
      'buildkite:deploy:production',
      'circleci:gh/demo-org/storefront-deploy:staging',
    ]);
  });
});
