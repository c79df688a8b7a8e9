import { z } from 'zod';
import { NotFound } from '../../../src/domain/errors';
import { HttpClient } from '../../../src/providers/http/client';
import { JenkinsClient } from '../../../src/providers/jenkins/client';
import { JenkinsInsight } from '../../../src/providers/jenkins/insight';
import { mapStage } from '../../../src/providers/jenkins/map-queue-stages';
import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { runSchema, stageSchema } from '../../../src/providers/jenkins/wire';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function jenkinsServing(routes: Route[]): Promise<JenkinsProvider> {
  server = await startRecordedServer(routes);
  return new JenkinsProvider(jenkinsAt(server.url), SECRET, testDeps());
}

async function insightServing(routes: Route[]): Promise<JenkinsInsight> {
  server = await startRecordedServer(routes);
  return new JenkinsInsight(jenkinsAt(server.url), SECRET, testDeps());
}

/** What a Pipeline run's `api/json` says of itself, before the insight asks wfapi for its stages. */
const pipelineRun = (path: string, number: number): Route => ({
  path,
  reply: json(JSON.stringify({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number })),
});

const CDANCY = 'jenkins/cdancy-jenkins-rest';
const DEVLAKE = 'jenkins/apache-incubator-devlake';

describe('Jenkins job lists, as recorded', () => {
  it('walks the root, then asks each folder that did not list its children', async () => {
    const jenkins = await jenkinsServing([
      { path: '/api/json', reply: json(fixture(`${CDANCY}/jobsInRootFolder.json`)) },
      { path: '/job/Test%20Folder/api/json', reply: json(fixture(`${CDANCY}/jobsInJenkinsFolder.json`)) },
      { path: '/job/Test%20MultiBranch%20Project/api/json', reply: json(fixture(`${CDANCY}/unmerged-pr-311/jobsInJenkinsFolderByFullName.json`)) },
    ]);

    const jobs = await jenkins.listJobs();

    expect(jobs.map((j) => j.id)).toEqual([
      'Test Tool',
      'Test Docker Slave',
      'Test Free Style',
      'Test Workflow Job',
      'Test MultiBranch Project/Test Project',
      'Test Folder/Test Project',
    ]);
    expect(jobs[5]).toEqual({
      id: 'Test Folder/Test Project',
      displayName: 'Test Project',
      url: `${server?.url}/job/Test%20Folder/job/Test%20Project/`,
      folderPath: ['Test Folder'],
    });
    expect(server?.requests).toHaveLength(3);
    expect(server?.requests[0]?.query.get('tree')).toContain('jobs[_class,name,lastBuild[number],jobs[');
  });

  it('reads items that only have a fullName, and skips a folder that is gone', async () => {
    const jenkins = await jenkinsServing([{ path: '/api/json', reply: json(fixture(`${CDANCY}/unmerged-pr-311/nestedJobList.json`)) }]);

    const jobs = await jenkins.listJobs();

    expect(jobs.map((j) => j.id)).toEqual(['DevTest']);
    expect(server?.requests.map((r) => r.path)).toEqual(['/api/json', '/job/test-folder/job/test-folder-1/api/json']);
  });

  it('reads a view the same way', async () => {
    const jenkins = await jenkinsServing([{ path: '/api/json', reply: json(fixture('jenkins/netmelody-ci-eye/jenkins_2.60.1_view_1.json')) }]);
    await expect(jenkins.listJobs()).resolves.toEqual([expect.objectContaining({ id: 'foo' })]);
  });
});

describe('Jenkins queue, as recorded', () => {
  it('lists what waits and why', async () => {
    const insight = await insightServing([{ path: '/queue/api/json', reply: json(fixture(`${CDANCY}/queue.json`)) }]);

    const queue = (await insight.queue()).items;

    // Longest waiting first: item 6 has waited longer than item 7.
    expect(queue).toEqual([
      expect.objectContaining({ id: 6, jobName: 'Freestyle', inQueueSince: '2016-04-15T16:42:31.155Z', blocked: false }),
      expect.objectContaining({ id: 7, jobName: 'chicken', why: 'Waiting for next available executor', parameters: [{ name: 'feet', value: false }] }),
    ]);
  });

  it.each([
    { file: 'queueItemCancelled.json', expected: { cancelled: true, buildNumber: null } },
    { file: 'queueItemRunning.json', expected: { cancelled: false, buildNumber: 14 } },
    { file: 'queueItemPending.json', expected: { blocked: true, why: 'Build #9 is already in progress (ETA:15 sec)', jobName: 'test' } },
    { file: 'queueItemNullTaskName.json', expected: { jobName: null, jobUrl: 'http://localhost:8082/job/test/' } },
    { file: 'queueItemMissingTaskUrl.json', expected: { id: 3549, jobName: null, jobUrl: null, stuck: true, parameters: [] } },
    { file: 'queueItemMultipleParameters.json', expected: { parameters: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }, { name: 'c', value: '3' }] } },
    { file: 'queueItemEmptyParameterValue.json', expected: { buildNumber: 14, causes: [{ kind: 'user', description: 'Started by user martin', actor: 'martin' }] } },
  ])('$file, as an item of the queue', async ({ file, expected }) => {
    const insight = await insightServing([{ path: '/queue/api/json', reply: json(envelope('{"items":[', [fixture(`${CDANCY}/${file}`)], ']}')) }]);
    const [item] = (await insight.queue()).items;
    expect(item).toMatchObject(expected);
  });
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Jenkins pipeline stages (wfapi), as recorded', () => {
  it('a run waiting for input', async () => {
    const insight = await insightServing([
      pipelineRun('/job/Test%20Workflow/16/api/json', 16),
      { path: '/job/Test%20Workflow/16/wfapi/describe', reply: json(fixture(`${CDANCY}/workflow.json`)) },
    ]);

    const { stages } = await insight.pipelineRun('Test Workflow', 16);

    expect(stages.map((s) => [s.name, s.state])).toEqual([
      ['Build', 'successful'],
      ['Test', 'successful'],
      ['Deploy', 'pending'],
    ]);
  });

  it('stage rows (Apache DevLake) inside a run: statuses outside the enum stay unknown, errors are kept', async () => {
    const ids = [1, 2, 3, 4, 5, 6, ...range(13574, 13586), ...range(20001, 20005)];
    const run = envelope('{"id":"2","name":"#2","status":"FAILED","stages":[', ids.map((id) => fixture(`${DEVLAKE}/_raw_jenkins_api_stages-${id}.json`)), ']}');
    const insight = await insightServing([pipelineRun('/job/pipeline-test2/2/api/json', 2), { path: '/job/pipeline-test2/2/wfapi/describe', reply: json(run) }]);

    const { stages } = await insight.pipelineRun('pipeline-test2', 2);

    expect(stages).toHaveLength(ids.length);
    const byRaw = (raw: string | null) => stages.filter((s) => s.rawState === raw).map((s) => s.state);
    expect(new Set(byRaw('SUCCESS'))).toEqual(new Set(['successful']));
    expect(new Set(byRaw('FAILED'))).toEqual(new Set(['failed']));
    expect(new Set(byRaw('ABORTED'))).toEqual(new Set(['cancelled']));
    expect(new Set([...byRaw(null), ...byRaw('NOT_BUILD'), ...byRaw('FAILURE')])).toEqual(new Set(['unknown']));
    expect(byRaw('UNSTABLE')).toEqual(['failed']);
    expect(stages.find((s) => s.error === 'script returned exit code 137')).toMatchObject({ name: 'gitlabInit', durationMs: 215100 });
  });

  it('run history and a single node parse with the same shapes', async () => {
    server = await startRecordedServer([
      { path: '/runs', reply: json(fixture(`${CDANCY}/runHistory.json`)) },
      { path: '/node', reply: json(fixture(`${CDANCY}/pipeline-node.json`)) },
    ]);
    const http = new HttpClient({ label: 'Jenkins', headers: {}, secrets: [], deps: testDeps() });

    const runs = await http.getJson(`${server.url}/runs`, z.array(runSchema));
    const node = await http.getJson(`${server.url}/node`, stageSchema);

    expect(runs.data.map((r) => r.status)).toEqual(['PAUSED_PENDING_INPUT', 'SUCCESS']);
    expect(mapStage(node.data)).toMatchObject({ id: '5', name: 'Build', state: 'successful', durationMs: 5228 });
  });

  it('a Jenkins without the Stage View plugin: NotFound saying so (the insight makes it StagesUnavailable)', async () => {
    server = await startRecordedServer([]);
    const jenkins = new JenkinsClient(jenkinsAt(server.url), SECRET, testDeps());
    const error = await jenkins.stages(['freestyle'], 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as NotFound).hint).toMatch(/Pipeline Stage View plugin/);
  });
});
