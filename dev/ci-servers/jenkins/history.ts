import { MAIN } from '../shared/commits';
import { historySlot } from '../shared/periodic';
import { hash32, unit } from '../shared/random';
import type { Pending } from '../shared/table';
import { CAUSE, pushBuild, type JenkinsModel, type JobState, type Result } from './model';

export interface GrowResult {
  readonly builds: number;
  /** Of those, runs of deploy jobs (jobs with an `ENV` parameter). */
  readonly deploys: number;
  readonly commits: readonly number[];
}

function periodicResult(r: number): Result {
  if (r < 0.8) return 'SUCCESS';
  if (r < 0.92) return 'FAILURE';
  if (r < 0.96) return 'UNSTABLE';
  return r < 0.99 ? 'ABORTED' : 'NOT_BUILT';
}

/** A fixed history spread evenly over the world's history, each build of the newest main commit then. */
export function fillPeriodic(model: JenkinsModel, job: JobState): void {
  const feed = job.spec.feed;
  if (feed.kind !== 'periodic' || feed.builds === 0) return;
  const { seed } = model.world;
  const u = model.world.unitOf(0);
  const underMultibranch = job.parent?.spec.type === 'multibranch';
  const cause = feed.timer ? CAUSE.timer : job.spec.env ? CAUSE.user : underMultibranch ? CAUSE.branchEvent : CAUSE.scm;
  for (let b = 0; b < feed.builds; b += 1) {
    const r = (key: string) => unit(seed, key, job.index, b);
    const { time: start, commit } = historySlot(model.world, feed.builds, b, 'jenkins', job.index);
    const last = b === feed.builds - 1;
    pushBuild(job, {
      start,
      duration: Math.round(u * (0.3 + 1.2 * r('duration'))),
      // A nightly job's last run failed: its log has something to find.
      result: feed.timer && last ? 'FAILURE' : periodicResult(r('result')),
      commit,
      cause: b === 0 && underMultibranch ? CAUSE.branchIndexing : cause,
    });
  }
}

/** Schedules what the world's plan does with one commit on this Jenkins: branch builds, deploy runs. */
export function feedCommit(model: JenkinsModel, index: number, pending: Pending): void {
  const { world } = model;
  if (world.isManual(index) || !model.jobs.some((job) => job.spec.feed.kind === 'commits' || job.spec.feed.kind === 'deploys')) return;
  const branch = world.commits.branch(index);
  const plan = world.plan(index);
  for (const job of model.jobs) {
    const feed = job.spec.feed;
    if (feed.kind === 'commits' && feed.branch === branch) {
      const { start, duration, ok } = plan.build;
      pending.add(start, () => {
        const failure: Result = unit(world.seed, 'unstable', index) < 0.3 ? 'UNSTABLE' : 'FAILURE';
        pushBuild(job, { start, duration, result: ok ? 'SUCCESS' : failure, commit: index, cause: job.builds.length ? CAUSE.branchEvent : CAUSE.branchIndexing });
      });
    }
    if (feed.kind === 'deploys') {
      const run = plan[feed.environment];
      if (!run) continue;
      pending.add(run.start, () => {
        const upstream = feed.environment === 'staging' ? upstreamBuild(model, index) : 0;
        pushBuild(job, {
          start: run.start,
          duration: run.duration,
          result: run.ok ? 'SUCCESS' : 'FAILURE',
          commit: index,
          cause: upstream ? CAUSE.upstream : CAUSE.user,
          upstream,
        });
      });
    }
  }
}

/** The main branch job's build of a commit, which triggered the staging deploy. */
function upstreamBuild(model: JenkinsModel, commit: number): number {
  const main = model.jobs.find((job) => job.spec.feed.kind === 'commits' && job.spec.feed.branch === MAIN);
  if (!main) return 0;
  for (let row = main.builds.length - 1; row >= 0 && row > main.builds.length - 50; row -= 1) {
    if (main.builds.get(row, 'commit') === commit) return row + 1;
  }
  return 0;
}

/** `grow(percent)`: finished builds of new main commits, round-robin over the jobs that have builds. */
export function growJobs(model: JenkinsModel, percent: number, given?: readonly number[]): GrowResult {
  const { world } = model;
  const target = Math.max(1, Math.round((model.totalBuilds * percent) / 100));
  const built = model.jobs.filter((job) => job.builds.length > 0);
  const jobs = built.length ? built : model.jobs;
  const rounds = Math.ceil(target / jobs.length);
  const commits = given?.length ? given : world.appendCommits(Math.min(10, Math.max(1, rounds)));
  const now = world.clock();
  const duration = 30_000;
  const offset = hash32(world.seed, 'grow', model.totalBuilds) % jobs.length;
  let builds = 0;
  let deploys = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < jobs.length && builds < target; k += 1) {
      const job = jobs[(offset + k) % jobs.length];
      if (!job) continue;
      const lastStart = job.builds.length ? job.builds.get(job.builds.length - 1, 'start') : 0;
      const start = Math.max(lastStart + 1, now - duration - (rounds - round) * 2000);
      const commit = commits[Math.min(round, commits.length - 1)] ?? 0;
      const ok = unit(world.seed, 'grow-ok', job.index, job.builds.length) < 0.9;
      pushBuild(job, { start, duration, result: ok ? 'SUCCESS' : 'FAILURE', commit, cause: job.spec.env ? CAUSE.user : CAUSE.scm });
      builds += 1;
      if (job.spec.env) deploys += 1;
    }
  }
  return { builds, deploys, commits };
}
