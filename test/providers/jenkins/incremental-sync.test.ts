import { BudgetExhausted } from '../../../src/domain/errors';
import { RequestCounter } from '../../../src/providers/http/types';
import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { parseCursor, type ProviderCursor } from '../../../src/providers/provider';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type SeenRequest } from '../support/recorded-server';

/**
 * A Jenkins with a freestyle job, a folder holding a multibranch project, and an organization
 * folder, answering with recorded builds. `lastBuild` numbers are what the test changes.
 */
interface JobState {
  lastBuild: number;
}

const state: Record<'foo' | 'main' | 'feature' | 'api', JobState> = {
  foo: { lastBuild: 2 },
  main: { lastBuild: 10 },
  feature: { lastBuild: 10 },
  api: { lastBuild: 10 },
};

function overview(): string {
  const job = (cls: string, name: string, s: JobState) => ({ _class: cls, name, lastBuild: { number: s.lastBuild } });
  const branch = 'org.jenkinsci.plugins.workflow.job.WorkflowJob';
  return JSON.stringify({
    _class: 'hudson.model.Hudson',
    jobs: [
      job('hudson.model.FreeStyleProject', 'foo', state.foo),
      {
        _class: 'com.cloudbees.hudson.plugins.folder.Folder',
        name: 'team',
        jobs: [
          {
            _class: 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject',
            name: 'service',
            jobs: [job(branch, 'main', state.main), job(branch, 'feature%2Flogin', state.feature)],
          },
        ],
      },
      {
        _class: 'jenkins.branch.OrganizationFolder',
        name: 'acme',
        jobs: [{ _class: 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject', name: 'api', jobs: [job(branch, 'main', state.api)] }],
      },
      { _class: 'hudson.model.FreeStyleProject', name: 'never-built', lastBuild: null },
    ],
  });
}

const CI_EYE = 'jenkins/netmelody-ci-eye';
const fooBuilds = envelope('{"_class":"hudson.model.FreeStyleProject","builds":[', [fixture(`${CI_EYE}/jenkins_2.60.1_builddetail_2.json`), fixture(`${CI_EYE}/jenkins_2.60.1_builddetail_1.json`)], ']}');
const fishBuild = envelope('{"builds":[', [fixture('jenkins/cdancy-jenkins-rest/build-info-git-commit.json')], ']}');

let server: RecordedServer;
let jobAnswers: Record<string, string | Buffer>;

beforeEach(async () => {
  Object.assign(state, { foo: { lastBuild: 2 }, main: { lastBuild: 10 }, feature: { lastBuild: 10 }, api: { lastBuild: 10 } });
  jobAnswers = {
    '/ci/job/foo/api/json': fooBuilds,
    '/ci/job/team/job/service/job/main/api/json': fishBuild,
    '/ci/job/team/job/service/job/feature%252Flogin/api/json': fishBuild,
    '/ci/job/acme/job/api/job/main/api/json': fishBuild,
  };
  server = await startRecordedServer([
    { path: '/ci/api/json', reply: () => json(overview(), 200, { 'x-jenkins': '2.440.3' }) },
    { path: /\/api\/json$/, reply: (request: SeenRequest) => (jobAnswers[request.path] ? json(jobAnswers[request.path] ?? '') : json('{}', 404)) },
  ]);
});

afterEach(() => server.close());

function jenkins(budget = new RequestCounter(100)): JenkinsProvider {
  return new JenkinsProvider(jenkinsAt(`${server.url}/ci`), SECRET, testDeps({ budget }));
}

async function firstSync(): Promise<ProviderCursor> {
  const page = await jenkins().listBuildsSince(undefined);
  server.requests.length = 0;
  return page.cursor;
}

describe('incremental Jenkins sync', () => {
  it('first sync: one overview request, then one per job that has builds', async () => {
    const page = await jenkins().listBuildsSince(undefined);

    expect(server.requests.map((r) => r.path)).toEqual([
      '/ci/api/json',
      '/ci/job/foo/api/json',
      '/ci/job/team/job/service/job/main/api/json',
      '/ci/job/team/job/service/job/feature%252Flogin/api/json',
      '/ci/job/acme/job/api/job/main/api/json',
    ]);
    expect(page.requests).toBe(5);
    expect(page.builds.map((b) => `${b.job.id}#${b.number}`)).toEqual([
      'foo#2',
      'foo#1',
      'team/service/main#10',
      'team/service/feature%2Flogin#10',
      'acme/api/main#10',
    ]);
    expect(page.builds[3]?.job).toMatchObject({ displayName: 'feature/login', folderPath: ['team', 'service'] });
    expect(page.cursor).toEqual({
      provider: 'jenkins',
      version: 1,
      jobs: { foo: { last: 2 }, 'team/service/main': { last: 10 }, 'team/service/feature%2Flogin': { last: 10 }, 'acme/api/main': { last: 10 } },
    });
  });

  it('nothing changed: exactly one request for the whole instance', async () => {
    const cursor = await firstSync();

    const page = await jenkins().listBuildsSince(cursor);

    expect(server.requests).toHaveLength(1);
    expect(page).toMatchObject({ requests: 1, builds: [], complete: true, cursor });
    expect(server.requests[0]?.query.get('tree')).toMatch(/lastBuild\[number\]/);
  });

  it('one new build: the overview, then one request for that job asking only for the new range', async () => {
    const cursor = await firstSync();
    state.foo.lastBuild = 3;

    const page = await jenkins().listBuildsSince(cursor);

    expect(server.requests.map((r) => r.path)).toEqual(['/ci/api/json', '/ci/job/foo/api/json']);
    expect(server.requests[1]?.query.get('tree')).toMatch(/^builds\[.*\]\{0,1\}$/);
    // The recording holds builds 2 and 1 only: nothing newer than the cursor, nothing reported twice.
    expect(page.builds).toEqual([]);
    expect(page.cursor).toMatchObject({ jobs: { foo: { last: 3 } } });
  });

  it('a build that was running is read again until it has finished', async () => {
    jobAnswers['/ci/job/foo/api/json'] = JSON.stringify({ builds: [{ number: 2, building: true, result: null, timestamp: 1500024430269 }] });
    const cursor = await firstSync();
    expect(cursor).toMatchObject({ jobs: { foo: { last: 2, open: [2] } } });

    jobAnswers['/ci/job/foo/api/json'] = fooBuilds;
    const page = await jenkins().listBuildsSince(cursor);

    expect(server.requests.map((r) => r.path)).toEqual(['/ci/api/json', '/ci/job/foo/api/json']);
    expect(page.builds.map((b) => [b.number, b.state])).toEqual([[2, 'successful']]);
    expect(page.cursor).toMatchObject({ jobs: { foo: { last: 2 } } });
    expect(page.cursor).not.toMatchObject({ jobs: { foo: { open: expect.anything() } } });
  });

  it('reaches back with allBuilds for a build still open behind more than 100 newer ones', async () => {
    state.foo.lastBuild = 150;

    const page = await jenkins().listBuildsSince({ provider: 'jenkins', version: 1, jobs: { foo: { last: 149, open: [2] } } });

    expect(server.requests[1]?.query.get('tree')).toMatch(/^allBuilds\[.*\]\{0,149\}$/);
    expect(page.builds.filter((b) => b.job.id === 'foo').map((b) => [b.number, b.state])).toEqual([[2, 'successful']]);
  });

  it('stops before exceeding the request budget, keeping the old cursor for jobs it did not reach', async () => {
    const cursor = await firstSync();
    Object.values(state).forEach((s) => (s.lastBuild += 1));

    const page = await jenkins(new RequestCounter(2)).listBuildsSince(cursor);

    expect(page.complete).toBe(false);
    expect(page.stoppedBy).toBeInstanceOf(BudgetExhausted);
    expect(server.requests).toHaveLength(2);
    expect(page.cursor).toMatchObject({ jobs: { foo: { last: 3 }, 'team/service/main': { last: 10 }, 'acme/api/main': { last: 10 } } });

    server.requests.length = 0;
    const rest = await jenkins().listBuildsSince(page.cursor);
    expect(server.requests).toHaveLength(4); // overview + the three jobs not reached before
    expect(rest.complete).toBe(true);
  });

  it('a job deleted between the overview and its builds is reported and forgotten', async () => {
    const cursor = await firstSync();
    state.api.lastBuild = 11;
    delete jobAnswers['/ci/job/acme/job/api/job/main/api/json'];

    const page = await jenkins().listBuildsSince(cursor);

    expect(page.problems).toEqual([expect.objectContaining({ jobId: 'acme/api/main', error: expect.objectContaining({ name: 'NotFound' }) })]);
    expect(page.cursor).not.toMatchObject({ jobs: { 'acme/api/main': expect.anything() } });
  });

  it('the cursor survives storage as JSON', async () => {
    const cursor = await firstSync();
    expect(parseCursor(JSON.parse(JSON.stringify(cursor)))).toEqual(cursor);
    expect(parseCursor({ provider: 'jenkins', version: 99, jobs: {} })).toBeNull();
  });
});

describe('folders deeper than one overview request covers', () => {
  it('cost one more request per folder cut off, and only those', async () => {
    const deep = (level: number): object =>
      level === 5
        ? { _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: 'l5', jobs: [{ _class: 'hudson.model.FreeStyleProject', name: 'deep' }] }
        : { _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: `l${level}`, jobs: [deep(level + 1)] };
    const deepServer = await startRecordedServer([
      { path: '/api/json', reply: json(JSON.stringify({ jobs: [deep(1)] })) },
      { path: '/job/l1/job/l2/job/l3/job/l4/job/l5/api/json', reply: json('{"jobs":[{"_class":"hudson.model.FreeStyleProject","name":"deep","lastBuild":{"number":4}}]}') },
    ]);
    try {
      const provider = new JenkinsProvider(jenkinsAt(deepServer.url), SECRET, testDeps());
      const jobs = await provider.listJobs();
      expect(jobs.map((j) => j.id)).toEqual(['l1/l2/l3/l4/l5/deep']);
      expect(deepServer.requests).toHaveLength(2);
    } finally {
      await deepServer.close();
    }
  });
});
