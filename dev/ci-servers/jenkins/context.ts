import type { Commit } from '../shared/commits';
import { MAIN } from '../shared/commits';
import { AUTHORS } from '../shared/messages';
import { pick } from '../shared/random';
import { CAUSE, pathOf, type BuildRow, type Item, type JenkinsModel, type JobState } from './model';

/** What rendering one answer needs: the model, the server's base URL, and the time of the request. */
export interface RenderContext {
  readonly model: JenkinsModel;
  /** Origin plus context path, no trailing slash. */
  readonly base: string;
  readonly contextPath: string;
  readonly now: number;
  /** The authenticated user. */
  readonly user: string;
}

export function itemPath(item: Item): string {
  return pathOf(item)
    .map((name) => `job/${encodeURIComponent(name)}/`)
    .join('');
}

export function itemUrl(ctx: RenderContext, item: Item): string {
  return `${ctx.base}/${itemPath(item)}`;
}

export function displayName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function fullDisplayName(item: Item): string {
  return pathOf(item).map(displayName).join(' » ');
}

/** The branch a job builds: a multibranch job's own, otherwise main. */
export function branchOf(job: JobState): string {
  return job.spec.feed.kind === 'commits' ? job.spec.feed.branch : MAIN;
}

export function commitOf(ctx: RenderContext, index: number): Commit {
  return ctx.model.world.commits.get(index);
}

/** The commit a build checked out and its branch; null for a scripted build without commits. */
export function checkoutOf(ctx: RenderContext, build: BuildRow): { readonly commit: Commit; readonly branch: string } | null {
  if (!build.scripted) return { commit: commitOf(ctx, build.commit), branch: branchOf(build.job) };
  const head = build.scripted.changes[build.scripted.changes.length - 1];
  return head ? { commit: head, branch: build.scripted.branch } : null;
}

/** Commits since the job's previous build, as Jenkins' changelog lists them (empty for a first build). */
export function changesOf(ctx: RenderContext, build: BuildRow): Commit[] {
  if (build.scripted) return [...build.scripted.changes];
  let previous = -1;
  for (let n = build.number - 1; n >= 1; n -= 1) {
    const prior = ctx.model.build(build.job, n, ctx.now);
    if (prior) {
      previous = prior.commit;
      break;
    }
  }
  if (previous < 0 || previous >= build.commit) return [];
  return ctx.model.world.commits.between(branchOf(build.job), previous, build.commit, 20).map((i) => commitOf(ctx, i));
}

export function mainJob(model: JenkinsModel): JobState | undefined {
  return model.jobs.find((job) => job.spec.feed.kind === 'commits' && job.spec.feed.branch === MAIN);
}

export interface CauseData {
  readonly _class: string;
  readonly shortDescription: string;
  readonly [field: string]: string | number | null;
}

export function causeOf(ctx: RenderContext, build: BuildRow): CauseData {
  switch (build.cause) {
    case CAUSE.branchEvent:
      return { _class: 'jenkins.branch.BranchEventCause', shortDescription: `Push event to branch ${branchOf(build.job)}` };
    case CAUSE.branchIndexing:
      return { _class: 'jenkins.branch.BranchIndexingCause', shortDescription: 'Branch indexing' };
    case CAUSE.timer:
      return { _class: 'hudson.triggers.TimerTrigger$TimerTriggerCause', shortDescription: 'Started by timer' };
    case CAUSE.user: {
      const user = pick(AUTHORS, ctx.model.world.seed, 'deployer', build.job.index, build.number);
      return { _class: 'hudson.model.Cause$UserIdCause', shortDescription: `Started by user ${user.name}`, userId: user.login, userName: user.name };
    }
    case CAUSE.upstream: {
      const upstream = mainJob(ctx.model);
      const project = upstream ? pathOf(upstream).join('/') : 'unknown';
      return {
        _class: 'hudson.model.Cause$UpstreamCause',
        shortDescription: `Started by upstream project "${project}" build number ${build.upstream}`,
        upstreamBuild: build.upstream,
        upstreamProject: project,
        upstreamUrl: upstream ? itemPath(upstream) : '',
      };
    }
    default:
      return { _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause', shortDescription: 'Started by an SCM change' };
  }
}

export function parametersOf(ctx: RenderContext, build: BuildRow): { _class: string; name: string; value: string | boolean }[] {
  if (build.scripted) return Object.entries(build.scripted.parameters).map(([name, value]) => ({ _class: 'hudson.model.StringParameterValue', name, value }));
  if (!build.job.spec.env) return [];
  return [
    { _class: 'hudson.model.StringParameterValue', name: 'ENV', value: build.job.spec.env },
    { _class: 'hudson.model.StringParameterValue', name: 'GIT_COMMIT', value: commitOf(ctx, build.commit).sha },
    { _class: 'hudson.model.BooleanParameterValue', name: 'DRY_RUN', value: false },
  ];
}

/** `2026-01-05 12:00:00 +0000`, as the git plugin writes a change's date. */
export function gitDate(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}
