import { durationBetween, isoFromText, type Build, type BuildState, type CauseKind, type JobRef, type TriggerCause } from '../../domain/build';
import type { WireBuild } from './wire';

/**
 * Buildkite build states. `blocked` waits for a person to unblock a step, so it is pending;
 * `failing`, `canceling` still run. `skipped` and `not_run` never ran: cancelled. `waiting_failed`
 * (a build stuck behind a failed dependency) counts as failed. Anything new stays `unknown`.
 */
export function buildkiteState(state: string): BuildState {
  switch (state) {
    case 'scheduled':
    case 'creating':
    case 'waiting':
    case 'blocked':
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

export function pipelineRef(pipeline: WireBuild['pipeline']): JobRef {
  return { id: pipeline.slug, displayName: pipeline.name ?? pipeline.slug, url: pipeline.web_url ?? null, folderPath: [] };
}

/**
 * Buildkite reports only the head commit. `env` and `meta_data` are not mapped to parameters:
 * they often carry credentials and git metadata with e-mail addresses.
 */
export function mapBuildkiteBuild(wire: WireBuild, connectionId: string): Build {
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
    job: pipelineRef(wire.pipeline),
    number: wire.number,
    state: buildkiteState(wire.state),
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
  };
}
