import { itemPath, type RenderContext } from './context';
import type { BuildRow, JobState } from './model';

/**
 * Pipeline stages of a build, shared by the Stage View answers (`wfapi`) and the console log.
 * Statuses use wfapi's StatusExt values (FAILED, not FAILURE). A running build lists only the
 * stages that have begun.
 */
export interface StageRun {
  readonly id: string;
  readonly name: string;
  readonly status: 'SUCCESS' | 'FAILED' | 'UNSTABLE' | 'ABORTED' | 'NOT_EXECUTED' | 'IN_PROGRESS';
  readonly start: number;
  readonly duration: number;
}

const BUILD_STAGES: readonly [string, number][] = [
  ['Checkout', 0.08],
  ['Install', 0.2],
  ['Test', 0.45],
  ['Build image', 0.2],
  ['Publish', 0.07],
];
const DEPLOY_STAGES: readonly [string, number][] = [
  ['Checkout', 0.1],
  ['Deploy', 0.6],
  ['Smoke test', 0.3],
];

export function stagePlan(job: JobState): readonly [string, number][] {
  return job.spec.env ? DEPLOY_STAGES : BUILD_STAGES;
}

/** The stage where a failed build failed: tests for builds, the rollout for deploys. */
export function failingStage(job: JobState): number {
  return job.spec.env ? 1 : 2;
}

export function stagesOf(build: BuildRow, now: number): StageRun[] {
  const plan = stagePlan(build.job);
  const failAt = failingStage(build.job);
  const out: StageRun[] = [];
  let offset = 0;
  plan.forEach(([name, share], index) => {
    const start = build.start + offset;
    const duration = Math.round(build.duration * share);
    offset += duration;
    const id = String(6 + index * 7);
    if (build.building) {
      if (start > now) return;
      const running = now < start + duration;
      out.push({ id, name, status: running ? 'IN_PROGRESS' : 'SUCCESS', start, duration: running ? now - start : duration });
      return;
    }
    const stopped = (build.result === 'FAILURE' || build.result === 'ABORTED') && index > failAt;
    const status: StageRun['status'] =
      build.result === 'NOT_BUILT' || stopped
        ? 'NOT_EXECUTED'
        : index !== failAt || build.result === 'SUCCESS'
          ? 'SUCCESS'
          : build.result === 'FAILURE'
            ? 'FAILED'
            : build.result === 'UNSTABLE'
              ? 'UNSTABLE'
              : 'ABORTED';
    out.push({ id, name, status, start, duration: status === 'NOT_EXECUTED' ? 0 : duration });
  });
  return out;
}

function runStatus(build: BuildRow): string {
  if (build.building) return 'IN_PROGRESS';
  switch (build.result) {
    case 'FAILURE':
      return 'FAILED';
    case 'NOT_BUILT':
      return 'NOT_EXECUTED';
    default:
      return build.result ?? 'IN_PROGRESS';
  }
}

/** `GET {build}/wfapi/describe` (pipeline-stage-view's RunExt). */
export function describeRun(ctx: RenderContext, build: BuildRow): Record<string, unknown> {
  const href = `${ctx.contextPath}/${itemPath(build.job)}${build.number}`;
  const end = build.building ? ctx.now : build.start + build.duration;
  return {
    _links: { self: { href: `${href}/wfapi/describe` } },
    id: String(build.number),
    name: `#${build.number}`,
    status: runStatus(build),
    startTimeMillis: build.start,
    endTimeMillis: end,
    durationMillis: end - build.start,
    queueDurationMillis: 4,
    pauseDurationMillis: 0,
    stages: stagesOf(build, ctx.now).map((stage) => ({
      _links: { self: { href: `${href}/execution/node/${stage.id}/wfapi/describe` } },
      id: stage.id,
      name: stage.name,
      execNode: '',
      status: stage.status,
      ...(stage.status === 'FAILED' ? { error: { message: 'script returned exit code 1', type: 'hudson.AbortException' } } : {}),
      startTimeMillis: stage.start,
      durationMillis: stage.duration,
      pauseDurationMillis: 0,
    })),
  };
}
