import { LEVEL_PAGE, STEPWISE_JOBS } from '../../../src/providers/jenkins/discover';
import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { json, startRecordedServer, type RecordedServer, type Reply, type SeenRequest } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** More jobs at the root than one page holds, and a folder with one built job. */
const ROOT_ITEMS = [
  ...Array.from({ length: STEPWISE_JOBS }, (_, i) => ({ _class: 'hudson.model.FreeStyleProject', name: `job-${i}`, lastBuild: null })),
  { _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: 'team', jobs: [{ _class: 'hudson.model.FreeStyleProject', name: 'svc' }] },
];
const TEAM_ITEMS = [{ _class: 'hudson.model.FreeStyleProject', name: 'svc', lastBuild: { number: 1 } }];

/** A page of one level as Jenkins answers `jobs[...]{from,to}`; the whole tree in one answer never comes. */
function level(items: readonly unknown[]) {
  return (request: SeenRequest): Reply => {
    const range = /\{(\d+),(\d+)\}$/.exec(request.query.get('tree') ?? '');
    if (!range) return { hang: true };
    return json(JSON.stringify({ jobs: items.slice(Number(range[1]), Number(range[2])) }));
  };
}

async function bigJenkins(): Promise<JenkinsProvider> {
  server = await startRecordedServer([
    { path: '/ci/api/json', reply: level(ROOT_ITEMS) },
    { path: '/ci/job/team/api/json', reply: level(TEAM_ITEMS) },
    { path: '/ci/job/team/job/svc/api/json', reply: json(JSON.stringify({ builds: [{ number: 1, result: 'SUCCESS', building: false, timestamp: 1_700_000_000_000, duration: 1000 }] })) },
  ]);
  return new JenkinsProvider(jenkinsAt(`${server.url}/ci`), SECRET, testDeps({ tuning: { requestTimeoutMs: 300 } }));
}

/** The root's pages: more items than STEPWISE_JOBS, LEVEL_PAGE at a time. */
const pages = Array.from({ length: Math.ceil((STEPWISE_JOBS + 1) / LEVEL_PAGE) }, (_, i) => `{${i * LEVEL_PAGE},${(i + 1) * LEVEL_PAGE}}`);
const paths = () => (server?.requests ?? []).map((r) => r.path);

describe('Jenkins instances too big for one answer', () => {
  it('given a job tree that times out whole, when the first sync runs, then it reads a level and a page at a time and marks the cursor', async () => {
    const jenkins = await bigJenkins();

    const page = await jenkins.listBuildsSince(undefined);

    expect(page.builds.map((b) => `${b.job.id}#${b.number}`)).toEqual(['team/svc#1']);
    expect(page.cursor).toMatchObject({ provider: 'jenkins', stepwise: true, jobs: { 'team/svc': { last: 1 } } });
    expect(paths()).toEqual(['/ci/api/json', ...pages.map(() => '/ci/api/json'), '/ci/job/team/api/json', '/ci/job/team/job/svc/api/json']);
    expect(server?.requests.slice(1, 1 + pages.length).map((r) => r.query.get('tree')?.match(/\{\d+,\d+\}$/)?.[0])).toEqual(pages);
  });

  it('given a cursor that says the instance is big, when nothing changed, then no request asks for the whole tree', async () => {
    const jenkins = await bigJenkins();
    const first = await jenkins.listBuildsSince(undefined);
    server?.requests.splice(0);

    const page = await jenkins.listBuildsSince(first.cursor);

    expect(page.builds).toEqual([]);
    expect(paths()).toEqual([...pages.map(() => '/ci/api/json'), '/ci/job/team/api/json']);
  });
});
