import {
  isoFromMillis,
  type Build,
  type BuildParameter,
  type BuildState,
  type CauseKind,
  type Commit,
  type JobRef,
  type ParameterValue,
  type StopReason,
  type TestCounts,
  type TriggerCause,
} from '../../domain/build';
import { repositoryWebUrl } from '../../domain/repository-url';
import { pickRevision } from './build-data';
import type { WireAction, WireBuild, WireCause, WireChangeItem } from './wire';

export interface JenkinsBuildContext {
  readonly connectionId: string;
  readonly job: JobRef;
  /** The branch a multibranch project's branch job builds (its name): see build-context.ts. */
  readonly branchHint?: string | null | undefined;
}

/**
 * `building` decides "in progress" (a Pipeline may set `result` early while it still runs);
 * otherwise `result`. UNSTABLE (tests failed) counts as failed; NOT_BUILT (the build was skipped,
 * e.g. by a `when` condition or a disabled job) and ABORTED as cancelled. A null result on a
 * build not marked finished is running (Jenkins sends `result: null` while building). No result
 * at all (a bare `{number, url}` from a job's build list) and any other value are `unknown`.
 */
export function jenkinsState(result: string | null | undefined, building: boolean | null | undefined): BuildState {
  if (building === true) return 'in_progress';
  switch (result) {
    case 'SUCCESS':
      return 'successful';
    case 'FAILURE':
    case 'UNSTABLE':
      return 'failed';
    case 'ABORTED':
    case 'NOT_BUILT':
      return 'cancelled';
    case null:
      return building === false ? 'unknown' : 'in_progress';
    default:
      return 'unknown';
  }
}

export function mapJenkinsBuild(wire: WireBuild, ctx: JenkinsBuildContext): Build {
  const actions: readonly (WireAction | null)[] = wire.actions ?? [];
  const commits = changeItems(wire).flatMap(toCommit);
  const revision = pickRevision(actions, {
    branchHint: ctx.branchHint,
    commitIds: commits.map((c) => c.sha),
  });
  const state = jenkinsState(wire.result, wire.building);
  const startedAt = isoFromMillis(wire.timestamp);
  const running = state === 'in_progress' || state === 'pending';
  const durationMs = !running && typeof wire.duration === 'number' && wire.duration > 0 ? wire.duration : null;
  const finishedAt = startedAt && durationMs !== null ? new Date(Date.parse(startedAt) + durationMs).toISOString() : null;
  const repositoryUrl = repositoryWebUrl(revision.remoteUrl);
  const tests = testCountsOf(actions);
  return {
    provider: 'jenkins',
    connectionId: ctx.connectionId,
    job: ctx.job,
    number: wire.number,
    state,
    rawState: wire.result ?? null,
    startedAt,
    finishedAt,
    durationMs,
    sha: revision.sha,
    branch: revision.branch ?? ctx.branchHint ?? null,
    tag: revision.tag,
    commits,
    causes: causesOf(actions),
    parameters: parametersOf(actions),
    url: ctx.job.url ? `${ctx.job.url}${wire.number}/` : null,
    // Left out when not reported, so builds without them keep their stored shape.
    ...(repositoryUrl ? { repositoryUrl } : {}),
    ...(tests ? { tests } : {}),
  };
}

/** The first test result action's counts (JUnit; a Pipeline aggregates its steps into one). */
function testCountsOf(actions: readonly (WireAction | null)[]): TestCounts | null {
  const action = actions.find((a) => typeof a?.totalCount === 'number');
  if (!action || typeof action.totalCount !== 'number') return null;
  const failed = action.failCount ?? 0;
  const skipped = action.skipCount ?? 0;
  return { total: action.totalCount, failed, skipped, passed: Math.max(0, action.totalCount - failed - skipped) };
}

/** Pipeline runs export `changeSets` (one per checkout); freestyle builds a single `changeSet`. */
function changeItems(wire: WireBuild): WireChangeItem[] {
  const sets = wire.changeSets ?? (wire.changeSet ? [wire.changeSet] : []);
  return sets.flatMap((set) => set.items ?? []);
}

function toCommit(item: WireChangeItem): Commit[] {
  const sha = item.commitId ?? item.id;
  if (!sha) return [];
  return [
    {
      sha,
      // `comment` is the whole message; `msg` only its first line.
      message: (item.comment ?? item.msg ?? '').trimEnd(),
      author: item.author?.fullName ?? null,
      timestamp: isoFromMillis(item.timestamp),
    },
  ];
}

/**
 * What started the build: the causes of its CauseAction only. An InterruptedBuildAction also lists
 * `causes`, but they say why the build was stopped ("Timeout has been exceeded", "Aborted by
 * jane"): see stopReasonsOf. Jenkins 1.x sends no `_class`; there the first action with causes is
 * the CauseAction, which Jenkins adds when the build is queued, before anything can stop it.
 */
export function causesOf(actions: readonly (WireAction | null)[]): TriggerCause[] {
  const seen = new Set<string>();
  const out: TriggerCause[] = [];
  for (const cause of triggerActions(actions).flatMap((a) => a.causes ?? [])) {
    const mapped = toCause(cause);
    const key = `${mapped.kind}|${mapped.description}|${mapped.actor ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(mapped);
    }
  }
  return out;
}

const CAUSE_ACTION = /(^|[.$])CauseAction$/;
const INTERRUPTED_ACTION = /(^|[.$])InterruptedBuildAction$/;

function triggerActions(actions: readonly (WireAction | null)[]): WireAction[] {
  const withCauses = actions.filter((a): a is WireAction => !!a?.causes?.length);
  if (withCauses.some((a) => a._class)) return withCauses.filter((a) => !!a._class && CAUSE_ACTION.test(a._class));
  return withCauses.slice(0, 1);
}

/** Why the build was stopped before it ended on its own (InterruptedBuildAction); empty when it was not. */
export function stopReasonsOf(actions: readonly (WireAction | null)[]): StopReason[] {
  return actions
    .filter((a): a is WireAction => !!a?._class && INTERRUPTED_ACTION.test(a._class))
    .flatMap((a) => a.causes ?? [])
    .map((c) => ({ description: c.shortDescription ?? '', actor: c.userName ?? c.userId ?? null }));
}

const CAUSE_CLASSES: readonly [RegExp, CauseKind][] = [
  [/UserIdCause|UserCause/, 'user'],
  [/UpstreamCause|BuildUpstreamCause/, 'upstream'],
  [/TimerTrigger/, 'schedule'],
  [/RemoteCause/, 'api'],
  [/ReplayCause|RebuildCause|RestartDeclarativePipelineCause/, 'retry'],
  [/SCMTrigger|BranchIndexingCause|BranchEventCause|PushCause|WebHookCause|PullRequest/, 'scm'],
];

function toCause(cause: WireCause): TriggerCause {
  const description = cause.shortDescription ?? '';
  const byClass = CAUSE_CLASSES.find(([pattern]) => cause._class && pattern.test(cause._class))?.[1];
  // Jenkins 1.x sends no _class: fall back on the fields and the (English) description.
  const kind: CauseKind =
    byClass ??
    (cause.userName || cause.userId
      ? 'user'
      : cause.upstreamProject
        ? 'upstream'
        : /SCM change/i.test(description)
          ? 'scm'
          : /timer/i.test(description)
            ? 'schedule'
            : 'other');
  const actor =
    kind === 'upstream' && cause.upstreamProject
      ? `${cause.upstreamProject}${cause.upstreamBuild ? ` #${cause.upstreamBuild}` : ''}`
      : (cause.userName ?? cause.userId ?? null);
  return { kind, description, actor };
}

export function parametersOf(actions: readonly (WireAction | null)[]): BuildParameter[] {
  return actions.flatMap((a) => a?.parameters ?? []).map((p) => ({ name: p.name, value: parameterValue(p.value) }));
}

/** Strings, numbers and booleans as sent; file, run and credential parameters (objects) as null. */
function parameterValue(value: unknown): ParameterValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}
