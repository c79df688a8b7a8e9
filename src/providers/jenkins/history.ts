import type { Build } from '../../domain/build';
import type { HistoryPage, HistoryRequest } from '../history';
import { timeFraction } from '../history';
import type { SyncRun } from '../sync-run';
import { contextOfJob } from './build-context';
import type { JenkinsClient } from './client';
import { discoverJobs } from './discover';
import type { JenkinsJob } from './map-jobs';
import { mapJenkinsBuild } from './map-build';

type Position = Extract<HistoryPage['position'], { provider: 'jenkins' }>;

/** Builds per request: a `{M,N}` range of 100, as Jenkins' own `builds` list holds. */
const PAGE = 100;

const startOf = (build: Build) => (build.startedAt ? Date.parse(build.startedAt) : null);

/**
 * History of a Jenkins, job after job in the order of their ids, each read newest first in
 * `{M,N}` ranges of its build list until a build older than `until` or the list's end. The range
 * starts one build early: when that build is older than the last one read, builds were deleted
 * meanwhile and the list moved up, so the job is read again from one page earlier (builds already
 * read are left out by number). New builds move it down, which only re-reads a few. A job created
 * during the import before the current one in that order is left to the regular sync.
 */
export async function jenkinsHistory(
  client: JenkinsClient,
  connectionId: string,
  run: SyncRun,
  previous: Position | undefined,
  request: HistoryRequest,
  now: number,
): Promise<Omit<HistoryPage, 'requests' | 'problems' | 'stoppedBy'>> {
  const listed = await run.step('jobs', () => discoverJobs(client));
  if (listed.kind !== 'done') {
    const position = previous ?? { provider: 'jenkins' as const, version: 1 as const, skip: 0, jobsDone: 0, jobsTotal: 0 };
    return { builds: [], position, done: false, fractionDone: fraction(position, null, request, now) };
  }
  const jobs = [...listed.value].sort((a, b) => (a.ref.id < b.ref.id ? -1 : a.ref.id > b.ref.id ? 1 : 0));
  const until = Date.parse(request.until);
  let index = previous?.job === undefined ? 0 : firstAtOrAfter(jobs, previous.job);
  const resume = previous?.job !== undefined && jobs[index]?.ref.id === previous.job;
  let last = resume ? previous.last : undefined;
  let skip = resume ? previous.skip : 0;
  let jobsDone = previous?.jobsDone ?? 0;
  let reached: number | null = null;
  const builds: Build[] = [];

  const nextJob = () => {
    index += 1;
    jobsDone += 1;
    last = undefined;
    skip = 0;
    reached = null;
  };
  while (index < jobs.length && builds.length < request.maxBuilds && !run.stopped) {
    const job = jobs[index];
    if (!job || job.lastBuild === null) {
      nextJob();
      continue;
    }
    const from = skip > 0 ? skip - 1 : 0;
    const to = skip + PAGE;
    const answer = await run.step(job.ref.id, () => client.buildRange(job.path, from, to));
    if (answer.kind === 'stopped') break;
    if (answer.kind === 'skipped') {
      nextJob();
      continue;
    }
    const wires = answer.value.data.builds ?? answer.value.data.allBuilds ?? [];
    const first = wires[0];
    if (skip > 0 && last !== undefined && first && first.number < last) {
      skip = Math.max(0, skip - PAGE);
      continue;
    }
    const context = contextOfJob(connectionId, job);
    let older = false;
    for (const wire of wires) {
      if (last !== undefined && wire.number >= last) continue;
      const build = mapJenkinsBuild(wire, context);
      const start = startOf(build);
      if (start !== null && start < until) {
        older = true;
        continue;
      }
      builds.push(build);
      if (start !== null) reached = reached === null ? start : Math.min(reached, start);
    }
    const fresh = wires.filter((w) => last === undefined || w.number < last);
    if (fresh.length) last = Math.min(...fresh.map((w) => w.number));
    skip = to;
    if (older || wires.length < to - from) nextJob();
  }
  const job = jobs[index];
  const position: Position = {
    provider: 'jenkins',
    version: 1,
    ...(job ? { job: job.ref.id } : {}),
    ...(job && last !== undefined ? { last } : {}),
    skip: job ? skip : 0,
    jobsDone: Math.min(jobsDone, jobs.length),
    jobsTotal: jobs.length,
  };
  const done = index >= jobs.length;
  return { builds, position, done, fractionDone: done ? 1 : fraction(position, reached, request, now) };
}

/** Jobs done, plus how far back in time the current one has been read. */
function fraction(position: Position, reached: number | null, request: HistoryRequest, now: number): number {
  if (position.jobsTotal === 0) return 0;
  const within = timeFraction(now, Date.parse(request.until), reached);
  return Math.min(1, (position.jobsDone + within) / position.jobsTotal);
}

function firstAtOrAfter(jobs: readonly JenkinsJob[], id: string): number {
  const found = jobs.findIndex((job) => job.ref.id >= id);
  return found === -1 ? jobs.length : found;
}
