import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { fixture, json, startRecordedServer, type RecordedServer, type SeenRequest } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CI_EYE = 'jenkins/netmelody-ci-eye';

/** Drops what a `tree=` did not ask for from a recorded change entry, as Jenkins would not send it. */
function asTreeAsks(recording: Buffer, request: SeenRequest): string {
  const build: unknown = JSON.parse(recording.toString('utf8'));
  const tree = request.query.get('tree') ?? '';
  const keep = (field: string) => tree.includes(`,${field},`) || tree.includes(`[${field},`);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).filter(([name]) => !['msg', 'id'].includes(name) || keep(name));
    return Object.fromEntries(entries.map(([name, inner]) => [name, strip(inner)]));
  };
  return JSON.stringify({ builds: [strip(build)] });
}

async function jobServing(job: string, last: number, file: string): Promise<JenkinsProvider> {
  const overview = JSON.stringify({ jobs: [{ name: job, lastBuild: { number: last } }] });
  server = await startRecordedServer([
    { path: '/jenkins/api/json', reply: json(overview) },
    { path: `/jenkins/job/${job}/api/json`, reply: (request) => json(asTreeAsks(fixture(file), request)) },
  ]);
  return new JenkinsProvider(jenkinsAt(`${server.url}/jenkins`), SECRET, testDeps());
}

const buildListRequests = () => (server?.requests ?? []).filter((r) => r.path.startsWith('/jenkins/job/'));

describe('Jenkins change entries in build lists', () => {
  it('given a git build, when the sync reads its job, then one request asks for commitId and comment only', async () => {
    const jenkins = await jobServing('foo', 2, `${CI_EYE}/jenkins_2.60.1_builddetail_2.json`);

    const page = await jenkins.listBuildsSince(undefined);

    expect(page.builds[0]?.commits).toEqual([
      expect.objectContaining({ sha: 'cd90b94b651158d2ce923067bad99738b741228c', message: 'add some example json from jenkins for testing\nand a second line of magic' }),
    ]);
    expect(buildListRequests()).toHaveLength(1);
    expect(buildListRequests()[0]?.query.get('tree')).not.toMatch(/\bmsg\b/);
  });

  it('given a Subversion build (no comment), when the sync reads its job, then it asks again for msg and keeps the message', async () => {
    const jenkins = await jobServing('tomd_test_svn', 2, `${CI_EYE}/jenkins_1.625.3_builddetail_2.json`);

    const page = await jenkins.listBuildsSince(undefined);

    expect(page.builds[0]?.commits).toEqual([{ sha: '133042', message: 'tomd: add readme', author: 'tdenley', timestamp: '2017-07-14T10:33:47.046Z' }]);
    expect(buildListRequests().map((r) => /\bmsg\b/.test(r.query.get('tree') ?? ''))).toEqual([false, true]);
  });

  it('given a Jenkins 1.4xx git build (id, no commitId), when the sync reads its job, then the commit comes from id', async () => {
    const jenkins = await jobServing('foo', 2, `${CI_EYE}/jenkins_1.409.1_builddetail_2.json`);

    const page = await jenkins.listBuildsSince(undefined);

    expect(page.builds[0]?.commits).toEqual([expect.objectContaining({ sha: '7cf0804fc8d428c842785b514fccfbba13677698', author: 'tom.denley' })]);
    expect(buildListRequests()).toHaveLength(2);
  });
});
