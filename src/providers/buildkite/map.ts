import { durationBetween, isoFromText, type Build, type BuildState, type CauseKind, type JobRef, type TriggerCause } from '../../domain/build';
import { ownRepository } from './repositories';
import type { RepositoryLookup } from './repository-record';
import type { WireBuild } from './wire';

/**
 * Buildkite build states (https://buildkite.com/docs/apis/rest-api/builds). `blocked` means the
 * build reached a block step: Buildkite counts it as finished (`state=finished` lists it with
 * passed, failed and canceled, and the REST API may instead report its last state with
 * `blocked: true`), shown as its block step's `blocked_state`: `passed` unless the step says
 * otherwise. Unblocking starts the build again: a later sync sees it only if it is still within
 * the query window. `failing` and `canceling` still run. `skipped` and `not_run` never ran:
 * cancelled. `waiting_failed` (stuck behind a failed dependency) counts as failed. Anything new
 * stays `unknown`.
 */
export function buildkiteState(state: string, blockedState?: string | null): BuildState {
  switch (state) {
    case 'blocked':
      return blockedState === 'failed' ? 'failed' : 'successful';
    case 'scheduled':
    case 'creating':
    case 'waiting':
      return 'pending';
    case 'running':
    case 'failing':
    case 'canceling':
      return 'in_progress';
    case 'passed':
      return 'successful';
    case 'failed':
    case 'waiting_failed':
      return 'failed';
    case 'canceled':
    case 'skipped':
    case 'not_run':
      return 'cancelled';
    default:
      return 'unknown';
  }
}

const SOURCES: Readonly<Record<string, CauseKind>> = {
  webhook: 'webhook',
  api: 'api',
  ui: 'user',
  trigger_job: 'upstream',
  schedule: 'schedule',
};

/** Without the expanded pipeline (`exclude_pipeline`), the slug names it and the build's web URL leads to it. */
export function pipelineRef(wire: WireBuild): JobRef {
  const slug = wire.pipelineSlug;
  const url = wire.pipeline?.web_url || (wire.web_url ? wire.web_url.replace(/\/builds\/\d+\/?$/, '') : null);
  return { id: slug, displayName: wire.pipeline?.name || slug, url: url || null, folderPath: [] };
}

/**
 * Buildkite reports only the head commit. `env` and `meta_data` are not mapped to parameters:
 * they often carry credentials and git metadata with e-mail addresses. The repository comes from
 * the build's own pipeline when it carries one, else from the pipelines' record (repositories.ts).
 */
export function mapBuildkiteBuild(wire: WireBuild, connectionId: string, repositories?: RepositoryLookup): Build {
  const repositoryUrl = ownRepository(wire) ?? repositories?.(wire.pipelineSlug) ?? null;
  const startedAt = isoFromText(wire.started_at);
  const finishedAt = isoFromText(wire.finished_at);
  // A build created with commit "HEAD" has no SHA until an agent resolves it.
  const sha = wire.commit && wire.commit !== 'HEAD' ? wire.commit : null;
  const causes: TriggerCause[] = [
    {
      kind: SOURCES[wire.source ?? ''] ?? 'other',
      description: wire.source ?? 'unknown',
      actor: wire.creator?.name ?? wire.author?.name ?? null,
    },
  ];
  if (wire.rebuilt_from?.number) {
    causes.push({ kind: 'retry', description: `Rebuild of #${wire.rebuilt_from.number}`, actor: wire.creator?.name ?? null });
  }
  return {
    provider: 'buildkite',
    connectionId,
    job: pipelineRef(wire),
    number: wire.number,
    state: buildkiteState(wire.state, wire.blocked_state),
    rawState: wire.state,
    startedAt,
    finishedAt,
    durationMs: durationBetween(startedAt, finishedAt),
    sha,
    branch: wire.branch || null,
    tag: wire.tag || null,
    commits: sha ? [{ sha, message: wire.message ?? '', author: wire.author?.name ?? null, timestamp: null }] : [],
    causes,
    parameters: [],
    url: wire.web_url ?? null,
    ...(repositoryUrl ? { repositoryUrl } : {}),
  };
}
