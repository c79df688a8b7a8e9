import { AUTHORS } from '../shared/messages';
import { iso } from '../shared/periodic';
import { hash32, pick, uuid } from '../shared/random';
import type { BuildkiteBuild, BuildkiteModel, PipelineSpec } from './model';

/** Buildkite REST v2 bodies, shaped on the recorded `listBuilds.json`, `getBuild.json` and `listPipelines.json`. */
export interface BuildkiteContext {
  readonly model: BuildkiteModel;
  readonly origin: string;
  readonly org: string;
  readonly now: number;
}

const CREATED = '2024-03-04T09:12:40.118Z';

const graphql = (kind: string, id: string) => Buffer.from(`${kind}---${id}`).toString('base64');

function person(seed: number, key: string | number) {
  const { name, email } = pick(AUTHORS, seed, 'bk-person', key);
  const id = uuid(seed, 'bk-user', name);
  return { id, graphql_id: graphql('User', id), name, email, avatar_url: `https://www.gravatar.com/avatar/${hash32(email).toString(16)}`, created_at: CREATED };
}

export function pipelineBody(ctx: BuildkiteContext, spec: PipelineSpec): Record<string, unknown> {
  const { seed } = ctx.model.world;
  const id = uuid(seed, 'bk-pipeline', spec.slug);
  const apiUrl = `${ctx.origin}/v2/organizations/${ctx.org}/pipelines/${spec.slug}`;
  return {
    id,
    graphql_id: graphql('Pipeline', id),
    url: apiUrl,
    web_url: `${ctx.origin}/${ctx.org}/${spec.slug}`,
    name: spec.name,
    description: spec.description ?? null,
    slug: spec.slug,
    repository: ctx.model.remotes.buildkite,
    cluster_id: null,
    branch_configuration: spec.feed.kind === 'deploys' ? 'main' : null,
    default_branch: 'main',
    skip_queued_branch_builds: false,
    skip_queued_branch_builds_filter: null,
    cancel_running_branch_builds: false,
    cancel_running_branch_builds_filter: null,
    allow_rebuilds: true,
    provider: {
      id: 'github',
      settings: { trigger_mode: spec.feed.kind === 'deploys' ? 'none' : 'code', build_pull_requests: true, build_branches: true, build_tags: false, publish_commit_status: true, repository: 'demo/shop' },
      webhook_url: `${ctx.origin}/deliver/${uuid(seed, 'bk-webhook', spec.slug).replace(/-/g, '')}`,
    },
    builds_url: `${apiUrl}/builds`,
    badge_url: `${ctx.origin}/badges/${spec.slug}.svg`,
    created_by: person(seed, 'creator'),
    created_at: CREATED,
    archived_at: null,
    env: {},
    scheduled_builds_count: 0,
    running_builds_count: 0,
    scheduled_jobs_count: 0,
    running_jobs_count: 0,
    waiting_jobs_count: 0,
    visibility: 'private',
    tags: null,
    steps: [
      { type: 'script', name: ':npm: Test', command: 'npm ci && npm test', artifact_paths: '', branch_configuration: '', env: {}, timeout_in_minutes: null, agent_query_rules: [], concurrency: null, parallelism: null },
      { type: 'waiter', name: null, command: null },
      { type: 'script', name: spec.feed.kind === 'deploys' ? ':rocket: Deploy' : ':docker: Build', command: spec.feed.kind === 'deploys' ? './deploy.sh' : 'docker build .', env: {}, timeout_in_minutes: null, agent_query_rules: [] },
    ],
  };
}

function jobState(build: BuildkiteBuild, index: number, now: number): { state: string; started: number | null; finished: number | null } {
  const half = build.started + (build.finished - build.started) * 0.6;
  const [start, end] = index === 0 ? [build.started, half] : [half, build.finished];
  if (now < start) return { state: build.state === 'scheduled' ? 'scheduled' : 'waiting', started: null, finished: null };
  if (now < end) return { state: 'running', started: start, finished: null };
  const failedHere = build.outcome === 'failed' && index === 0;
  const state = failedHere ? 'failed' : build.outcome === 'failed' ? 'broken' : build.outcome === 'canceled' && index === 1 ? 'canceled' : 'passed';
  return { state, started: start, finished: end };
}

function jobs(ctx: BuildkiteContext, build: BuildkiteBuild, buildUrl: string, webUrl: string): unknown[] {
  const { seed } = ctx.model.world;
  const script = (index: number, name: string, command: string) => {
    const id = uuid(seed, 'bk-job', build.row, index);
    const { state, started, finished } = jobState(build, index, ctx.now);
    return {
      id,
      graphql_id: graphql('Job', id),
      type: 'script',
      name,
      step_key: null,
      priority: { number: 0 },
      agent_query_rules: ['queue=default'],
      state,
      build_url: buildUrl,
      web_url: `${webUrl}#${id}`,
      log_url: `${buildUrl}/jobs/${id}/log`,
      raw_log_url: `${buildUrl}/jobs/${id}/log.txt`,
      artifacts_url: `${buildUrl}/jobs/${id}/artifacts`,
      command,
      soft_failed: false,
      exit_status: finished === null ? null : state === 'failed' ? 1 : 0,
      artifact_paths: null,
      agent: null,
      created_at: iso(build.created),
      scheduled_at: iso(build.created),
      runnable_at: iso(build.created + 50),
      started_at: started === null ? null : iso(started),
      finished_at: finished === null ? null : iso(finished),
      expired_at: null,
      retried: false,
      retried_in_job_id: null,
      retries_count: null,
      retry_type: null,
      parallel_group_index: null,
      parallel_group_total: null,
      matrix: null,
    };
  };
  const deploy = build.pipeline.feed.kind === 'deploys' || build.pipeline.slug === 'deploy';
  const waiter = uuid(seed, 'bk-waiter', build.row);
  return [
    script(0, ':npm: Test', 'npm ci && npm test'),
    { id: waiter, graphql_id: graphql('Job', waiter), type: 'waiter' },
    // A blocked build stopped at a block step (a `manual` job) that nobody has unblocked yet.
    ...(build.state === 'blocked' ? [blockJob(seed, build)] : []),
    deploy ? script(1, ':rocket: Deploy', './deploy.sh') : script(1, ':docker: Build', 'docker build .'),
  ];
}

function blockJob(seed: number, build: BuildkiteBuild): Record<string, unknown> {
  const id = uuid(seed, 'bk-block', build.row);
  return { id, graphql_id: graphql('Job', id), type: 'manual', label: ':shipit: Release?', state: 'blocked', unblocked_by: null, unblocked_at: null, unblockable: true, unblock_url: null };
}

/** A build; `pipelineCache` shares one pipeline object per pipeline within an answer. */
export interface BuildBodyOptions {
  readonly withJobs: boolean;
  /** False for `exclude_pipeline=true`: the docs do not say what is left of the pipeline, so nothing is. */
  readonly withPipeline: boolean;
  readonly pipelineCache: Map<string, unknown>;
}

export function buildBody(ctx: BuildkiteContext, build: BuildkiteBuild, options: BuildBodyOptions): Record<string, unknown> {
  const { seed } = ctx.model.world;
  const commit = ctx.model.world.commits.get(build.commit);
  const id = uuid(seed, 'bk-build', build.row);
  const slug = build.pipeline.slug;
  const url = `${ctx.origin}/v2/organizations/${ctx.org}/pipelines/${slug}/builds/${build.number}`;
  const webUrl = `${ctx.origin}/${ctx.org}/${slug}/builds/${build.number}`;
  const done = ctx.now >= build.finished;
  const deploy = build.pipeline.feed.kind === 'deploys';
  let pipeline = options.withPipeline ? options.pipelineCache.get(slug) : undefined;
  if (options.withPipeline && !pipeline) {
    pipeline = pipelineBody(ctx, build.pipeline);
    options.pipelineCache.set(slug, pipeline);
  }
  const blocked = build.state === 'blocked';
  const body: Record<string, unknown> = {
    id,
    graphql_id: graphql('Build', id),
    url,
    web_url: webUrl,
    number: build.number,
    state: build.state,
    cancel_reason: build.state === 'canceled' ? 'Superseded by a newer build' : null,
    blocked,
    blocked_state: blocked ? 'passed' : '',
    message: commit.message,
    commit: commit.sha,
    branch: deploy ? 'main' : commit.branch,
    tag: null,
    env: deploy && build.pipeline.feed.kind === 'deploys' ? { DEPLOY_ENV: build.pipeline.feed.environment } : {},
    source: build.source,
    author: { username: commit.author.login, name: commit.author.name, email: commit.author.email },
    creator: deploy ? person(seed, build.row) : null,
    created_at: iso(build.created),
    scheduled_at: iso(build.created + 40),
    started_at: ctx.now >= build.started ? iso(build.started) : null,
    finished_at: done ? iso(build.finished) : null,
    meta_data: {},
    pull_request: null,
    rebuilt_from: null,
  };
  if (options.withPipeline) body['pipeline'] = pipeline;
  if (options.withJobs) body['jobs'] = jobs(ctx, build, url, webUrl);
  return body;
}

export function organizationBody(ctx: BuildkiteContext): Record<string, unknown> {
  const id = uuid(ctx.model.world.seed, 'bk-org', ctx.org);
  const url = `${ctx.origin}/v2/organizations/${ctx.org}`;
  return {
    id,
    graphql_id: graphql('Organization', id),
    url,
    web_url: `${ctx.origin}/${ctx.org}`,
    name: 'Demo Org',
    slug: ctx.org,
    pipelines_url: `${url}/pipelines`,
    agents_url: `${url}/agents`,
    emojis_url: `${url}/emojis`,
    created_at: CREATED,
  };
}

export function userBody(seed: number): Record<string, unknown> {
  const id = uuid(seed, 'bk-user', 'demo');
  return { id, graphql_id: graphql('User', id), name: 'Demo User', email: 'demo@example.com', avatar_url: 'https://www.gravatar.com/avatar/demo', created_at: CREATED };
}
