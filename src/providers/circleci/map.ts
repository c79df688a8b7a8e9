import {
  durationBetween,
  isoFromText,
  type Build,
  type BuildState,
  type CauseKind,
  type JobRef,
  type Stage,
} from '../../domain/build';
import { repositoryWebUrl } from '../../domain/repository-url';
import type { WireJob, WirePipeline, WireWorkflow } from './wire';

/**
 * One workflow's status. `on_hold` waits for an approval: pending. `failing` still runs.
 * `not_run` (filtered out) and `canceled` are cancelled; `error` (config or infrastructure) and
 * `unauthorized` (restricted context) are failed.
 */
export function workflowState(status: string | null | undefined): BuildState {
  switch (status) {
    case 'success':
      return 'successful';
    case 'running':
    case 'failing':
      return 'in_progress';
    case 'on_hold':
      return 'pending';
    case 'failed':
    case 'error':
    case 'unauthorized':
      return 'failed';
    case 'canceled':
    case 'not_run':
      return 'cancelled';
    default:
      return 'unknown';
  }
}

/**
 * A pipeline's outcome from its workflows: a pipeline's own `state` only says whether its
 * configuration was processed. While any workflow runs or waits the pipeline is open; after that
 * a failure outweighs a cancellation, which outweighs success. A pipeline without workflows
 * is failed when its setup errored, pending while setup runs, and unknown otherwise (no workflow
 * matched its filters).
 */
export function pipelineState(pipeline: WirePipeline, workflows: readonly WireWorkflow[]): BuildState {
  if (workflows.length === 0) {
    if (pipeline.state === 'errored' || (pipeline.errors?.length ?? 0) > 0) return 'failed';
    return pipeline.state === 'setup-pending' || pipeline.state === 'setup' || pipeline.state === 'pending' ? 'pending' : 'unknown';
  }
  const states = new Set(workflows.map((w) => workflowState(w.status)));
  const order: BuildState[] = ['in_progress', 'pending', 'failed', 'unknown', 'cancelled', 'successful'];
  return order.find((s) => states.has(s)) ?? 'unknown';
}

const TRIGGERS: Readonly<Record<string, CauseKind>> = {
  webhook: 'webhook',
  api: 'api',
  explicit: 'user',
  schedule: 'schedule',
  scheduled_pipeline: 'schedule',
};

/** The CircleCI web app's slug: `gh/org/repo` is shown as `github/org/repo` there. */
function webSlug(projectSlug: string): string {
  return projectSlug.replace(/^gh\//, 'github/').replace(/^bb\//, 'bitbucket/');
}

export function webBase(apiBaseUrl: string): string {
  return /^https:\/\/circleci\.com$/.test(apiBaseUrl) ? 'https://app.circleci.com' : apiBaseUrl;
}

export function projectRef(projectSlug: string, apiBaseUrl: string): JobRef {
  const parts = projectSlug.split('/');
  return {
    id: projectSlug,
    displayName: parts[parts.length - 1] ?? projectSlug,
    url: `${webBase(apiBaseUrl)}/pipelines/${webSlug(projectSlug)}`,
    folderPath: [],
  };
}

interface VcsFields {
  readonly revision?: string | null | undefined;
  readonly branch?: string | null | undefined;
  readonly tag?: string | null | undefined;
  readonly commit?: { readonly subject?: string | null | undefined; readonly body?: string | null | undefined } | null | undefined;
  readonly origin_repository_url?: string | null | undefined;
  readonly target_repository_url?: string | null | undefined;
}

/**
 * What a pipeline's `vcs` says of its commit, as the API lists it and as a webhook sends it;
 * `git` is the trigger's own account, for pipelines that failed before reading their config.
 */
export function commitFieldsOf(
  vcs: VcsFields | null | undefined,
  git?: { readonly checkout_sha?: string | null | undefined; readonly branch?: string | null | undefined; readonly tag?: string | null | undefined } | null,
): Pick<Build, 'sha' | 'branch' | 'tag' | 'commits' | 'repositoryUrl'> {
  const sha = vcs?.revision || git?.checkout_sha || null;
  const subject = vcs?.commit?.subject ?? '';
  const body = vcs?.commit?.body ?? '';
  // The target: a fork's pull request ref (`pull/123`) and head commit are reachable there too.
  const repositoryUrl = repositoryWebUrl(vcs?.target_repository_url || vcs?.origin_repository_url);
  return {
    sha,
    branch: vcs?.branch || git?.branch || null,
    tag: vcs?.tag || git?.tag || null,
    commits: sha && vcs?.commit ? [{ sha, message: body ? `${subject}\n\n${body}` : subject, author: null, timestamp: null }] : [],
    ...(repositoryUrl ? { repositoryUrl } : {}),
  };
}

export function mapCircleCiPipeline(
  pipeline: WirePipeline,
  workflows: readonly WireWorkflow[],
  ctx: { connectionId: string; apiBaseUrl: string },
): Build {
  const state = pipelineState(pipeline, workflows);
  const starts = workflows.map((w) => isoFromText(w.created_at)).filter((t): t is string => t !== null);
  const stops = workflows.map((w) => isoFromText(w.stopped_at));
  const startedAt = starts.sort()[0] ?? isoFromText(pipeline.created_at);
  const allStopped = stops.length > 0 && stops.every((t) => t !== null);
  const finishedAt = state !== 'in_progress' && state !== 'pending' && allStopped ? (stops.sort().pop() ?? null) : null;
  const vcs = pipeline.vcs;
  // Pipelines that failed before reading their config (no `vcs`) still name the commit here.
  const commit = commitFieldsOf(vcs, pipeline.trigger_parameters?.git);
  const job = projectRef(pipeline.project_slug, ctx.apiBaseUrl);
  return {
    provider: 'circleci',
    connectionId: ctx.connectionId,
    job,
    number: pipeline.number,
    state,
    rawState: workflows.length ? workflows.map((w) => `${w.name ?? w.id}:${w.status ?? 'null'}`).join(',') : (pipeline.state ?? null),
    startedAt,
    finishedAt,
    // Negative when CircleCI (or hand-edited data) stops a workflow before it was created: unknown.
    durationMs: durationBetween(startedAt, finishedAt),
    ...commit,
    causes: [
      {
        kind: TRIGGERS[pipeline.trigger?.type ?? ''] ?? 'other',
        description: pipeline.trigger?.type ?? 'unknown',
        actor: pipeline.trigger?.actor?.login || null,
      },
    ],
    // `trigger_parameters` is trigger metadata, not the pipeline parameters (which v2 does not list).
    parameters: [],
    url: `${job.url}/${pipeline.number}`,
  };
}

/** Job statuses add queueing and infrastructure outcomes to the workflow ones. */
export function jobState(status: string | null | undefined): BuildState {
  switch (status) {
    case 'queued':
    case 'blocked':
    case 'not_running':
      return 'pending';
    case 'timedout':
    case 'infrastructure_fail':
    case 'terminated-unknown':
      return 'failed';
    default:
      return workflowState(status);
  }
}

/** A CircleCI job, shown like a Jenkins stage. Approval jobs have no start time. */
export function mapCircleCiJob(job: WireJob): Stage {
  const startedAt = isoFromText(job.started_at);
  const state = jobState(job.status);
  return {
    id: job.id,
    name: job.name ?? job.id,
    state,
    rawState: job.status ?? null,
    startedAt,
    durationMs: durationBetween(startedAt, isoFromText(job.stopped_at)),
    error: null,
  };
}
