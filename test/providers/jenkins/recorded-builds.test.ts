import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function jenkinsServing(routes: Route[]): Promise<JenkinsProvider> {
  server = await startRecordedServer(routes);
  return new JenkinsProvider(jenkinsAt(`${server.url}/jenkins`), SECRET, testDeps());
}

const CDANCY = 'jenkins/cdancy-jenkins-rest';
const CI_EYE = 'jenkins/netmelody-ci-eye';
const DEVLAKE = 'jenkins/apache-incubator-devlake';

/** Each recorded build detail, served where Jenkins serves it, with what the app must make of it. */
const BUILD_RECORDINGS = [
  {
    file: `${CI_EYE}/jenkins_1.409.1_builddetail_1.json`,
    job: 'foo',
    number: 1,
    expected: { state: 'successful', sha: 'cd90b94b651158d2ce923067bad99738b741228c', branch: 'master', commits: [] },
    cause: { kind: 'user', actor: 'anonymous' },
  },
  {
    file: `${CI_EYE}/jenkins_1.409.1_builddetail_2.json`,
    job: 'foo',
    number: 2,
    expected: {
      sha: '7cf0804fc8d428c842785b514fccfbba13677698',
      commits: [expect.objectContaining({ sha: '7cf0804fc8d428c842785b514fccfbba13677698', author: 'tom.denley' })],
    },
    cause: { kind: 'scm', actor: null },
  },
  {
    file: `${CI_EYE}/jenkins_1.625.3_builddetail_1.json`,
    job: 'tomd_test_svn',
    number: 1,
    expected: { state: 'successful', sha: null, branch: null, commits: [] },
    cause: { kind: 'scm', actor: null },
  },
  {
    file: `${CI_EYE}/jenkins_1.625.3_builddetail_2.json`,
    job: 'tomd_test_svn',
    number: 2,
    expected: { commits: [{ sha: '133042', message: 'tomd: add readme', author: 'tdenley', timestamp: '2017-07-14T10:33:47.046Z' }] },
    cause: { kind: 'scm', actor: null },
  },
  {
    file: `${CI_EYE}/jenkins_2.60.1_builddetail_1.json`,
    job: 'foo',
    number: 1,
    expected: { sha: 'b252dc4dde0e2ebf2d1597162a925bd761902849', branch: 'master', durationMs: 14052, startedAt: '2017-07-14T09:16:18.296Z' },
    cause: { kind: 'user', actor: 'admin' },
  },
  {
    file: `${CI_EYE}/jenkins_2.60.1_builddetail_2.json`,
    job: 'foo',
    number: 2,
    expected: {
      commits: [
        {
          sha: 'cd90b94b651158d2ce923067bad99738b741228c',
          message: 'add some example json from jenkins for testing\nand a second line of magic',
          author: 'tom.denley',
          timestamp: '2017-07-14T09:23:43.000Z',
        },
      ],
    },
    cause: { kind: 'scm', actor: null },
  },
  {
    file: `${CDANCY}/build-info.json`,
    job: 'fish',
    number: 10,
    expected: { parameters: [{ name: 'bear', value: true }, { name: 'fish', value: 'salmon' }] },
    cause: { kind: 'user', actor: 'anonymous' },
  },
  {
    file: `${CDANCY}/build-info-empty-and-null-params.json`,
    job: 'fish',
    number: 10,
    expected: { parameters: [{ name: 'bear', value: 'null' }, { name: 'fish', value: '' }] },
    cause: { kind: 'user', actor: 'anonymous' },
  },
  {
    file: `${CDANCY}/build-info-git-commit.json`,
    job: 'fish',
    number: 10,
    expected: {
      commits: [{ sha: 'd27afa0805201322d846d7defc29b82c88d9b5ce', message: 'Commit comment', author: 'username', timestamp: '2016-04-19T18:51:32.486Z' }],
    },
    cause: { kind: 'user', actor: 'anonymous' },
  },
  {
    file: `${CDANCY}/build-info-no-params.json`,
    job: 'fish',
    number: 10,
    expected: { state: 'successful', parameters: [], commits: [] },
    cause: { kind: 'user', actor: 'anonymous' },
  },
] as const;

describe('Jenkins build details, as recorded', () => {
  it.each(BUILD_RECORDINGS)('$file', async ({ file, job, number, expected, cause }) => {
    const jenkins = await jenkinsServing([{ path: `/jenkins/job/${job}/${number}/api/json`, reply: json(fixture(file)) }]);

    const build = await jenkins.getBuild(job, number);

    expect(build).toMatchObject({ provider: 'jenkins', number, url: `${server?.url}/jenkins/job/${job}/${number}/`, ...expected });
    expect(build.job).toMatchObject({ id: job, displayName: job, folderPath: [] });
    expect(build.causes[0]).toMatchObject(cause);
    expect(server?.requests[0]?.query.get('tree')).toMatch(/^number,result,building,/);
  });
});

describe('Jenkins allBuilds rows (Apache DevLake), inside the job answer they came in', () => {
  const rows = ['93', '94', '95', '96', '100', '121', '122', '123', '124', '10001', '10002', '10003', '10004', '10005'];

  it('maps every row; building wins over a result, unknown results stay unknown with their raw value', async () => {
    const answer = envelope('{"_class":"hudson.model.FreeStyleProject","allBuilds":[', rows.map((id) => fixture(`${DEVLAKE}/_raw_jenkins_api_builds-${id}.json`)), ']}');
    const overview = JSON.stringify({ jobs: [{ _class: 'hudson.model.FreeStyleProject', name: 'devlake', lastBuild: { number: 10005 } }] });
    const jenkins = await jenkinsServing([
      { path: '/jenkins/api/json', reply: json(overview) },
      { path: '/jenkins/job/devlake/api/json', reply: json(answer) },
    ]);

    const page = await jenkins.listBuildsSince(undefined);

    const byNumber = new Map(page.builds.map((b) => [b.number, b]));
    expect(page.builds).toHaveLength(rows.length);
    expect(byNumber.get(31)).toMatchObject({ state: 'successful', sha: '0f886c74949c3ee7e489188911c7dc0c1d547418', branch: 'main' });
    expect(byNumber.get(11)).toMatchObject({ sha: 'ceeffdfdd06bce232f9adb3a656265bad13a8473', durationMs: 14820 });
    expect(byNumber.get(10001)).toMatchObject({ state: 'in_progress', rawState: 'SUCCESS', finishedAt: null });
    expect(byNumber.get(10002)).toMatchObject({ state: 'in_progress', rawState: 'FAILURE' });
    expect(byNumber.get(10003)).toMatchObject({ state: 'cancelled', rawState: 'ABORTED' });
    expect(byNumber.get(10004)).toMatchObject({ state: 'unknown', rawState: 'NOT_BUILD' });
    expect(byNumber.get(10005)).toMatchObject({ state: 'failed', rawState: 'UNSTABLE' });
    expect(byNumber.get(23)).toMatchObject({ state: 'successful', sha: null, commits: [] });
  });
});

describe('Jenkins jobs with their build lists, as recorded', () => {
  it.each([
    { file: `${CI_EYE}/jenkins_2.60.1_jobdetail_1.json`, job: 'foo', last: 2, numbers: [2, 1] },
    { file: `${CDANCY}/job-info.json`, job: 'fish', last: 7, numbers: [7, 6, 5, 4, 3, 2, 1] },
  ])('$file: builds without a result are unknown, not running', async ({ file, job, last, numbers }) => {
    const overview = JSON.stringify({ jobs: [{ name: job, lastBuild: { number: last } }] });
    const jenkins = await jenkinsServing([
      { path: '/jenkins/api/json', reply: json(overview) },
      { path: `/jenkins/job/${job}/api/json`, reply: json(fixture(file)) },
    ]);

    const page = await jenkins.listBuildsSince(undefined);

    expect(page.builds.map((b) => b.number)).toEqual(numbers);
    expect(new Set(page.builds.map((b) => b.state))).toEqual(new Set(['unknown']));
  });
});
