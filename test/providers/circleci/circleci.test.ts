import { AuthError, NotFound } from '../../../src/domain/errors';
import { CircleCiProvider } from '../../../src/providers/circleci/service';
import { HttpClient } from '../../../src/providers/http/client';
import { jobDetailsSchema } from '../../../src/providers/circleci/wire';
import { SECRET, TOKEN, circleCiAt, testDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type Route, type SeenRequest } from '../support/recorded-server';

const DEVLAKE = 'circleci/apache-incubator-devlake';
const LF = 'circleci/lf-engineering-da-ds';
const SLUG = 'gh/coldgust/coldgust.github.io';
const PROJECT = `/api/v2/project/${SLUG}`;

/** DevLake rows are single `items` elements: the envelope is added here, the rows stay as recorded. */
const items = (files: readonly string[], next: string | null = null) =>
  envelope('{"next_page_token":' + JSON.stringify(next) + ',"items":[', files.map((f) => fixture(`${DEVLAKE}/${f}.json`)), ']}');

/** Pipeline row files, newest first, and the workflow rows of each pipeline id. */
const PIPELINES = [21, 23, 24, 26, 27, 28, 30].map((row) => `_raw_circleci_api_pipelines-${row}`);
const WORKFLOWS: Record<string, string[]> = {
  '23622ee4-e150-4920-9d66-81533fa765a4': ['_raw_circleci_api_workflows-19'],
  '2c45280f-7fb3-4025-b703-a547c4a94916': ['_raw_circleci_api_workflows-20'],
  '625ca634-68fe-4515-91f0-7ba8af51dc99': ['_raw_circleci_api_workflows-21'],
  '866e967d-f826-4470-aed6-fc0c92e98703': ['_raw_circleci_api_workflows-24'],
  'afef32b3-5ffe-48d2-8d9e-46dcedd82554': ['_raw_circleci_api_workflows-25'],
  'afe0cabe-e7ee-4eb7-bf13-bb6170d139f0': ['_raw_circleci_api_workflows-27'],
  'f5a2a6e8-4430-4935-8bec-77ca2b26c61d': ['_raw_circleci_api_workflows-28'],
};

const LF_PIPELINES = `${LF}/pipeline-list_GET-project-gh-LF-Engineering-da-ds-pipeline.json`;

/** What CircleCI answers past the last page. */
const LAST_PAGE = '{"next_page_token":null,"items":[]}';

const workflowRoute: Route = {
  path: /^\/api\/v2\/pipeline\/[^/]+\/workflow$/,
  reply: (request: SeenRequest) => json(items(WORKFLOWS[request.path.split('/')[4] ?? ''] ?? [])),
};

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function circleServing(routes: Route[], slugs = [SLUG]): Promise<CircleCiProvider> {
  server = await startRecordedServer(routes);
  return new CircleCiProvider(circleCiAt(server.url, slugs), SECRET, testDeps());
}

describe('testing a CircleCI connection', () => {
  it('calls /api/v2/me with the Circle-Token header, then reads each project once', async () => {
    const circle = await circleServing([
      { path: '/api/v2/me', reply: json(fixture(`${LF}/user_GET-user-382334b0.json`)) },
      { path: PROJECT, reply: json(fixture(`${DEVLAKE}/_raw_circleci_api_projects-3.json`)) },
    ]);

    await expect(circle.testConnection()).resolves.toEqual({ provider: 'circleci', serverVersion: null, user: 'fayazg', warnings: [] });
    expect(server?.requests.map((r) => r.path)).toEqual(['/api/v2/me', PROJECT]);
    expect(server?.requests[0]?.headers['circle-token']).toBe(TOKEN);
  });

  it('"404 Project not found" with a valid token: NotFound about the slug and who can see the project', async () => {
    const circle = await circleServing([
      { path: '/api/v2/me', reply: json('{"id":"382334b0-ea3e-40f6-8dbb-130e7cb3816c","login":"fayazg","name":"Fayaz"}') },
      { path: /^\/api\/v2\/project\//, reply: json('{"message":"Project not found"}', 404) },
    ]);

    const error = await circle.testConnection().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFound);
    expect((error as NotFound).message).toMatch(/gh\/coldgust\/coldgust\.github\.io.*Project not found/);
    expect((error as NotFound).hint).toMatch(/project slug .* token's user can see the project/);
  });

  it('a bad token: AuthError', async () => {
    const circle = await circleServing([{ path: '/api/v2/me', reply: json('{"message":"You must log in first."}', 401) }]);
    await expect(circle.testConnection()).rejects.toBeInstanceOf(AuthError);
  });
});

describe('CircleCI pipelines, with the state of their workflows', () => {
  it('maps every recorded pipeline; unknown trigger types, empty and negative times are tolerated', async () => {
    const circle = await circleServing([{ path: `${PROJECT}/pipeline`, reply: json(items(PIPELINES)) }, workflowRoute]);

    const page = await circle.listBuildsSince(undefined);

    const byNumber = new Map(page.builds.map((b) => [b.number, b]));
    expect([...byNumber.keys()]).toEqual([10, 8, 7, 5, 4, 3, 1]);
    expect(byNumber.get(10)).toMatchObject({
      state: 'failed',
      rawState: 'errored',
      sha: '6ba0cdaf7e7791c5bc5aa89a13b9cd184f8ad296',
      commits: [],
      causes: [{ kind: 'other', description: 'Decoupled Ingestion System', actor: null }],
    });
    expect(byNumber.get(8)).toMatchObject({
      state: 'failed',
      rawState: 'workflow:failed',
      startedAt: '2023-03-25T18:06:13.000Z',
      durationMs: null,
      sha: '7fb6961080f03defe9b7abb35a111a560e6ab1cc',
      branch: 'master',
      commits: [{ sha: '7fb6961080f03defe9b7abb35a111a560e6ab1cc', message: 'add circle', author: null, timestamp: null }],
      causes: [{ kind: 'webhook', description: 'webhook', actor: 'coldgust' }],
      url: `${server?.url}/pipelines/github/coldgust/coldgust.github.io/8`,
    });
    expect(byNumber.get(7)).toMatchObject({ state: 'failed', durationMs: 19_000 });
    expect(byNumber.get(3)).toMatchObject({ state: 'successful', rawState: 'say-hello-workflow:success', branch: 'circleci-project-setup' });
    expect(byNumber.get(1)).toMatchObject({ state: 'successful', sha: '9fcceda0e9749bc63e6397b23531fb6bf83634df', commits: [] });
    expect(page.requests).toBe(8);
    expect(page.cursor).toEqual({ provider: 'circleci', version: 1, projects: { [SLUG]: { last: 10 } } });
  });

  it('the synthetic workflow with empty-string times gives no times rather than a crash', async () => {
    const circle = await circleServing([
      { path: `${PROJECT}/pipeline/16`, reply: json(fixture(`${DEVLAKE}/_raw_circleci_api_pipelines-23.json`)) },
      { path: /\/workflow$/, reply: json(items(['_raw_circleci_api_workflows-28'])) },
    ]);

    const build = await circle.getBuild(SLUG, 16);

    expect(build).toMatchObject({ state: 'failed', startedAt: '2023-03-25T18:06:13.404Z', finishedAt: null, durationMs: null });
  });

  it('a pipeline list page with its next_page_token, and the workflows and jobs of its pipeline', async () => {
    const circle = await circleServing([
      { path: '/api/v2/project/gh/LF-Engineering/da-ds/pipeline', reply: (r) => json(r.query.has('page-token') ? LAST_PAGE : fixture(LF_PIPELINES)) },
      { path: '/api/v2/pipeline/98b1071e-c364-4b39-91b9-820b8588e2ae/workflow', reply: json(fixture(`${LF}/workflow-list_GET-pipeline-98b1071e-workflow.json`)) },
      { path: /\/workflow\/[^/]+\/job$/, reply: json(fixture(`${LF}/job-list_GET-workflow-jobs.json`)) },
    ], ['gh/LF-Engineering/da-ds']);

    const page = await circle.listBuildsSince({ provider: 'circleci', version: 1, projects: { 'gh/LF-Engineering/da-ds': { last: 153 } } });
    const jobs = await circle.getWorkflowJobs('9552b8fe-f5b7-4f7b-92a3-8bedc0ee35ca');

    expect(page.builds).toEqual([
      expect.objectContaining({
        number: 154,
        state: 'successful',
        durationMs: 45_000,
        commits: [expect.objectContaining({ message: 'Confirmed - no more needed\n\nSigned-off-by: Łukasz Gryglicki <lukaszgryglicki@o2.pl>' })],
      }),
    ]);
    // Pipeline 153 was not on the first page: the recorded next_page_token is followed once.
    const lists = server?.requests.filter((r) => r.path.endsWith('/pipeline')) ?? [];
    expect(lists.map((r) => r.query.get('page-token')?.slice(0, 12) ?? null)).toEqual([null, 'AARLwwWYCXtg']);
    expect(jobs).toEqual([expect.objectContaining({ name: 'build', state: 'successful', durationMs: 41_000 })]);
  });

  it('jobs with an approval step (no start time) and recorded job rows', async () => {
    const circle = await circleServing([
      { path: '/api/v2/workflow/716a0d67-e379-420a-b84c-7cd3a2787c7e/job', reply: json(fixture(`${LF}/job-list-with-approval_GET-workflow-716a0d67-job.json`)) },
      {
        path: /\/job$/,
        reply: json(items([...[20, 21, 22, 25, 26, 27].map((row) => `_raw_circleci_api_jobs-${row}`), ...[20, 21, 25, 27].map((row) => `_raw_circleci_api_jobs_incremental-${row}`)])),
      },
    ]);

    const approval = await circle.getWorkflowJobs('716a0d67-e379-420a-b84c-7cd3a2787c7e');
    const rows = await circle.getWorkflowJobs('6731159f-5275-4bfa-ba70-39d343d63814');

    expect(approval).toEqual([
      { id: '949f0edf-83c6-4a0e-a34e-c376f8fc7499', name: 'approve_prod', state: 'successful', rawState: 'success', startedAt: null, durationMs: null, error: null },
      expect.objectContaining({ name: 'build_and_deploy_prod', startedAt: '2020-12-18T16:18:02.000Z', durationMs: 496_000 }),
    ]);
    expect(rows.map((j) => j.state)).toEqual(['failed', 'failed', 'successful', 'failed', 'successful', 'failed', 'failed', 'failed', 'failed', 'failed']);
  });

  it('the workflow rows copied for incremental collection parse the same', async () => {
    const files = ['_raw_circleci_api_workflows_incremental-19', '_raw_circleci_api_workflows_incremental-20', '_raw_circleci_api_workflows_incremental-24', '_raw_circleci_api_workflows_incremental-27'];
    const circle = await circleServing([
      { path: `${PROJECT}/pipeline/8`, reply: json(fixture(`${DEVLAKE}/_raw_circleci_api_pipelines-23.json`)) },
      { path: /\/workflow$/, reply: json(items(files)) },
    ]);

    const build = await circle.getBuild(SLUG, 8);

    expect(build.rawState).toBe('workflow:failed,workflow:failed,workflow:failed,workflow:failed');
    expect(build.state).toBe('failed');
  });

  it('job details parse', async () => {
    server = await startRecordedServer([{ path: '/job', reply: json(fixture(`${LF}/job-details_GET-project-github-LF-Engineering-da-ds-job-155.json`)) }]);
    const http = new HttpClient({ label: 'CircleCI', headers: {}, secrets: [], deps: testDeps() });
    await expect(http.getJson(`${server.url}/job`, jobDetailsSchema)).resolves.toMatchObject({ data: { number: 155, status: 'success', duration: 41658 } });
  });
});

describe('incremental CircleCI sync', () => {
  it('nothing new: one request per project', async () => {
    const circle = await circleServing([{ path: `${PROJECT}/pipeline`, reply: json(items(PIPELINES)) }, workflowRoute]);

    const page = await circle.listBuildsSince({ provider: 'circleci', version: 1, projects: { [SLUG]: { last: 10 } } });

    expect(page).toMatchObject({ requests: 1, builds: [] });
  });

  it('pages newest first until the last pipeline seen, then reads only the new ones', async () => {
    const first = items(PIPELINES.slice(0, 3), 'page-2-token');
    const second = items(PIPELINES.slice(3));
    const circle = await circleServing([
      { path: `${PROJECT}/pipeline`, reply: (r) => json(r.query.get('page-token') === 'page-2-token' ? second : first) },
      workflowRoute,
    ]);

    const page = await circle.listBuildsSince({ provider: 'circleci', version: 1, projects: { [SLUG]: { last: 5 } } });

    expect(page.builds.map((b) => b.number)).toEqual([10, 8, 7]);
    expect(page.requests).toBe(5); // two pages, three workflow lists
  });

  it('a pipeline still running is read again until its workflows finish', async () => {
    // The recorded workflow of pipeline 154, as it looked while it ran.
    const running = JSON.stringify({
      next_page_token: null,
      items: [{ id: '9552b8fe-f5b7-4f7b-92a3-8bedc0ee35ca', name: 'workflow', status: 'running', pipeline_id: '98b1071e-c364-4b39-91b9-820b8588e2ae', created_at: '2020-12-24T12:59:23Z', stopped_at: null }],
    });
    let workflows = running;
    const circle = await circleServing(
      [
        { path: '/api/v2/project/gh/LF-Engineering/da-ds/pipeline', reply: (r) => json(r.query.has('page-token') ? LAST_PAGE : fixture(LF_PIPELINES)) },
        { path: /\/workflow$/, reply: () => json(workflows) },
      ],
      ['gh/LF-Engineering/da-ds'],
    );

    const first = await circle.listBuildsSince(undefined);
    expect(first.builds.map((b) => b.state)).toEqual(['in_progress']);
    expect(first.cursor).toEqual({ provider: 'circleci', version: 1, projects: { 'gh/LF-Engineering/da-ds': { last: 154, open: [{ id: '98b1071e-c364-4b39-91b9-820b8588e2ae', number: 154 }] } } });

    workflows = fixture(`${LF}/workflow-list_GET-pipeline-98b1071e-workflow.json`).toString();
    const second = await circle.listBuildsSince(first.cursor);
    expect(second.builds.map((b) => b.state)).toEqual(['successful']);
    expect(second.requests).toBe(2);
    expect(second.cursor).toEqual({ provider: 'circleci', version: 1, projects: { 'gh/LF-Engineering/da-ds': { last: 154 } } });
  });

  it('a project that cannot be found is reported, and the others still sync', async () => {
    const circle = await circleServing(
      [{ path: `${PROJECT}/pipeline`, reply: json(items(PIPELINES)) }, workflowRoute, { path: /^\/api\/v2\/project\/gh\/acme/, reply: json('{"message":"Project not found"}', 404) }],
      ['gh/acme/missing', SLUG],
    );

    const page = await circle.listBuildsSince(undefined);

    expect(page.problems).toEqual([expect.objectContaining({ jobId: 'gh/acme/missing', error: expect.any(NotFound) })]);
    expect(page.builds).toHaveLength(7);
  });
});
