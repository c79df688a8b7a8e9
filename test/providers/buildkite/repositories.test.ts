import { RequestCounter } from '../../../src/providers/http/types';
import { parseCursor } from '../../../src/providers/provider';
import type { BuildkiteCursor } from '../../../src/providers/buildkite/cursor';
import { mapBuildkiteBuild } from '../../../src/providers/buildkite/map';
import { MAX_RECORD_BYTES, REFRESH_AFTER_MS } from '../../../src/providers/buildkite/repository-record';
import { BuildkiteProvider } from '../../../src/providers/buildkite/service';
import { buildListSchema, buildSchema } from '../../../src/providers/buildkite/wire';
import { PermissionError } from '../../../src/domain/errors';
import { SECRET, buildkiteAt, fakeClock, testDeps, type TestDeps } from '../support/deps';
import { fixture, json, startRecordedServer, type RecordedServer, type Reply } from '../support/recorded-server';

const DIR = 'buildkite/sourcelaborg-buildkite-api-client';
const ORG = '/v2/organizations/acme';
const NOW = Date.parse('2023-01-09T12:00:00Z');
const MINUTE = 60_000;
let server: RecordedServer | undefined;
let builds: Record<string, unknown>[] = [];
let pipelines: () => Reply = () => json(fixture(`${DIR}/listPipelines.json`));

afterEach(async () => {
  await server?.close();
  server = undefined;
  builds = [];
  pipelines = () => json(fixture(`${DIR}/listPipelines.json`));
});

const recordedBuild = JSON.parse(fixture(`${DIR}/getBuild.json`).toString('utf8')) as Record<string, unknown>;

/** The recorded build as `exclude_pipeline=true` lists it (no pipeline object), made a build of `slug`. */
function buildOf(slug: string, number: number, createdAt: number): Record<string, unknown> {
  const { pipeline: _left, ...rest } = recordedBuild;
  return {
    ...rest,
    id: `${slug}-${number}`,
    number,
    url: `https://api.buildkite.com/v2/organizations/acme/pipelines/${slug}/builds/${number}`,
    web_url: `https://buildkite.com/acme/${slug}/builds/${number}`,
    created_at: new Date(createdAt).toISOString(),
  };
}

async function buildkite(deps: TestDeps = testDeps({ clock: fakeClock(NOW) })): Promise<{ provider: BuildkiteProvider; deps: TestDeps }> {
  server = await startRecordedServer([
    { path: `${ORG}/builds`, reply: () => json(JSON.stringify(builds)) },
    { path: `${ORG}/pipelines`, reply: () => pipelines() },
  ]);
  return { provider: new BuildkiteProvider(buildkiteAt(server.url), SECRET, deps), deps };
}

const pipelineListings = () => server?.requests.filter((r) => r.path === `${ORG}/pipelines`).length ?? 0;

const recordedRepositories = { 'https://github.com/org/project': ['pipeline-name-slug'], 'https://github.com/org/project2': ['pipeline-name-2-slug'] };

function cursorAt(createdFrom: number, readAt: number): BuildkiteCursor {
  const iso = new Date(createdFrom).toISOString();
  return { provider: 'buildkite', version: 1, finishedFrom: iso, createdFrom: iso, pipelines: { readAt: new Date(readAt).toISOString(), repositories: recordedRepositories, none: [] } };
}

describe('a Buildkite build maps its repository', () => {
  it('given the recorded build with its pipeline, then the scp remote is its web address', () => {
    const build = mapBuildkiteBuild(buildSchema.parse(recordedBuild), 'bk-1');

    expect(build.repositoryUrl).toBe('https://github.com/orgSlug/project');
  });

  it('given the recorded build list with expanded pipelines, then each build names its repository', () => {
    const listed = buildListSchema.parse(JSON.parse(fixture(`${DIR}/listBuilds.json`).toString('utf8')));

    expect(listed.map((b) => mapBuildkiteBuild(b, 'bk-1').repositoryUrl)).toEqual(['https://github.com/org-slug-here/Project', 'https://github.com/org-slug-here/Project']);
  });

  it('given a build without its pipeline and a record that does not know it, then it has no repository', () => {
    const build = mapBuildkiteBuild(buildSchema.parse(buildOf('elsewhere', 3, NOW)), 'bk-1', () => undefined);

    expect(build).not.toHaveProperty('repositoryUrl');
  });
});

describe("the pipelines' repositories in the Buildkite cursor", () => {
  it('given builds listed without their pipeline, when the first sync reads them, then the recorded pipelines listing names their repositories once, and the cursor keeps them', async () => {
    builds = [buildOf('pipeline-name-slug', 2, NOW - 10 * MINUTE), buildOf('pipeline-name-2-slug', 1, NOW - 20 * MINUTE)];
    const { provider } = await buildkite();

    const page = await provider.listBuildsSince(undefined);

    expect(pipelineListings()).toBe(1);
    expect(page.builds.map((b) => [b.job.id, b.repositoryUrl])).toEqual([
      ['pipeline-name-slug', 'https://github.com/org/project'],
      ['pipeline-name-2-slug', 'https://github.com/org/project2'],
    ]);
    expect(page.cursor).toMatchObject({ pipelines: { readAt: new Date(NOW).toISOString(), repositories: recordedRepositories, none: [] } });
    expect(page.problems).toEqual([]);
  });

  it('given a record that knows the pipelines, when new builds of them arrive, then the listing is not read and the builds still name their repository', async () => {
    builds = [buildOf('pipeline-name-slug', 3, NOW - MINUTE)];
    const { provider } = await buildkite();
    const cursor = cursorAt(NOW - 5 * MINUTE, NOW - 20 * MINUTE);

    const page = await provider.listBuildsSince(cursor);

    expect(server?.requests).toHaveLength(1);
    expect(page.builds[0]?.repositoryUrl).toBe('https://github.com/org/project');
    expect(page.cursor).toMatchObject({ pipelines: cursor.pipelines });
  });

  it('given a build of a pipeline the record does not know, then the listing is read once, and a pipeline it does not show is known from then on', async () => {
    const deps = testDeps({ clock: fakeClock(NOW) });
    builds = [buildOf('made-today', 1, NOW - MINUTE)];
    const { provider } = await buildkite(deps);

    const first = await provider.listBuildsSince(cursorAt(NOW - 5 * MINUTE, NOW - 20 * MINUTE));
    expect(pipelineListings()).toBe(1);
    expect(first.cursor).toMatchObject({ pipelines: { readAt: new Date(NOW).toISOString(), repositories: recordedRepositories, none: ['made-today'] } });

    // When a later run sees another build of it
    await deps.clock.sleep(30 * MINUTE);
    builds = [buildOf('made-today', 2, NOW + 29 * MINUTE)];
    const second = await provider.listBuildsSince(first.cursor);

    // Then the listing is not read again
    expect(pipelineListings()).toBe(1);
    expect(second.builds[0]).not.toHaveProperty('repositoryUrl');
  });

  it('given a record a day old and nothing new, then the run is one request and leaves the cursor as it was (no write)', async () => {
    const created = NOW - 10 * MINUTE;
    builds = [buildOf('pipeline-name-slug', 3, created)];
    const { provider } = await buildkite();
    const cursor = cursorAt(created, NOW - REFRESH_AFTER_MS - MINUTE);

    const page = await provider.listBuildsSince(cursor);

    expect(server?.requests).toHaveLength(1);
    expect(page.cursor).toEqual(cursor);
  });

  it('given a record a day old, when a new build arrives, then the listing is read again', async () => {
    builds = [buildOf('pipeline-name-slug', 4, NOW - MINUTE)];
    const { provider } = await buildkite();

    const page = await provider.listBuildsSince(cursorAt(NOW - 10 * MINUTE, NOW - REFRESH_AFTER_MS - MINUTE));

    expect(pipelineListings()).toBe(1);
    expect(page.cursor).toMatchObject({ pipelines: { readAt: new Date(NOW).toISOString() } });
  });

  it('given a token without read_pipelines, then the builds are kept, the run says why, and the listing waits a day', async () => {
    pipelines = () => json('{"message":"Your access token does not have the read_pipelines scope"}', 403);
    builds = [buildOf('pipeline-name-slug', 2, NOW - MINUTE)];
    const deps = testDeps({ clock: fakeClock(NOW) });
    const { provider } = await buildkite(deps);

    const first = await provider.listBuildsSince(undefined);
    expect(first.builds).toHaveLength(1);
    expect(first.problems).toEqual([expect.objectContaining({ jobId: 'pipelines', error: expect.any(PermissionError) })]);
    expect(first.cursor).toMatchObject({ pipelines: { readAt: new Date(NOW).toISOString(), none: ['pipeline-name-slug'] } });

    await deps.clock.sleep(60 * MINUTE);
    builds = [buildOf('pipeline-name-slug', 3, NOW + 59 * MINUTE)];
    await provider.listBuildsSince(first.cursor);

    expect(pipelineListings()).toBe(1);
  });

  it('given the request budget runs out before the listing, then the record is unchanged and the page incomplete', async () => {
    builds = [buildOf('pipeline-name-slug', 2, NOW - MINUTE)];
    const { provider } = await buildkite(testDeps({ clock: fakeClock(NOW), budget: new RequestCounter(1) }));
    const cursor = cursorAt(NOW - 5 * MINUTE, NOW - REFRESH_AFTER_MS - MINUTE);

    const page = await provider.listBuildsSince(cursor);

    expect(pipelineListings()).toBe(0);
    expect(page.complete).toBe(false);
    expect(page.cursor).toMatchObject({ pipelines: cursor.pipelines });
    expect(page.builds[0]?.repositoryUrl).toBe('https://github.com/org/project');
  });

  it('given a listing far past the bound, then the record stays within it and keeps the pipelines of the builds in hand', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({ slug: `service-${i}`, name: `Service ${i}`, repository: `git@github.com:acme/${'r'.repeat(150)}-${i}.git` }));
    pipelines = () => json(JSON.stringify(many));
    builds = [buildOf('service-999', 1, NOW - MINUTE)];
    const { provider } = await buildkite();

    const page = await provider.listBuildsSince(undefined);

    const stored = parseCursor(JSON.parse(JSON.stringify(page.cursor)));
    const record = stored?.provider === 'buildkite' ? stored.pipelines : undefined;
    expect(Buffer.byteLength(JSON.stringify(record))).toBeLessThanOrEqual(MAX_RECORD_BYTES);
    expect(Object.values(record?.repositories ?? {}).flat()).toContain('service-999');
    expect(page.builds[0]?.repositoryUrl).toBe(`https://github.com/acme/${'r'.repeat(150)}-999`);
  });

  it('given a damaged record in a stored cursor, then only the record is dropped', () => {
    const cursor = { ...cursorAt(NOW, NOW), pipelines: { readAt: 'yesterday', repositories: {}, none: [] } };

    expect(parseCursor(cursor)).toEqual({ provider: 'buildkite', version: 1, finishedFrom: cursor.finishedFrom, createdFrom: cursor.createdFrom });
  });
});
