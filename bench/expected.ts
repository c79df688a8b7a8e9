import type { CiStandIns } from '../dev/ci-servers';
import { pathOf } from '../dev/ci-servers/jenkins/model';
import { DEFAULT_CIRCLECI_SYNC } from '../src/providers/circleci/service';
import { DEFAULT_SYNC_LIMITS } from '../src/providers/jenkins/cursor';
import type { BuildRef } from './stand-ins-protocol';

/**
 * The builds a first sync must store, read from the stand-ins' models with the providers' own
 * first-sync windows: each Jenkins job's newest `initialBuilds`, every Buildkite build finished
 * since the `finished_from` the sync asked for (or unfinished and created since), each CircleCI
 * project's newest `initialPipelines`.
 */
export function expectedFirstSync(ci: CiStandIns, buildkiteFrom: number, now = Date.now()): BuildRef[] {
  const refs: BuildRef[] = [];
  const jenkins = ci.jenkins.model;
  for (const job of jenkins.jobs) {
    const numbers = jenkins.numbers(job);
    const id = pathOf(job).join('/');
    for (let i = 0; i < Math.min(DEFAULT_SYNC_LIMITS.initialBuilds, numbers.length); i++) refs.push(['jenkins', id, numbers.at(i)]);
  }
  const buildkite = ci.buildkite.model;
  for (let row = 0; row < buildkite.builds.length; row++) {
    const build = buildkite.build(row, now);
    if (!build || build.created > now) continue;
    const finished = now >= build.finished;
    if ((finished && build.finished >= buildkiteFrom) || (!finished && build.created >= buildkiteFrom)) refs.push(['buildkite', build.pipeline.slug, build.number]);
  }
  const circleci = ci.circleci.model;
  for (const project of circleci.projects) {
    const visible = circleci.visible(project, now);
    for (let n = visible; n > Math.max(0, visible - DEFAULT_CIRCLECI_SYNC.initialPipelines); n--) refs.push(['circleci', project.spec.slug, n]);
  }
  return refs;
}

/** Every Jenkins build the stand-in has, newest first per job: what a history import back past the oldest must store. */
export function allJenkinsBuilds(ci: CiStandIns): BuildRef[] {
  const refs: BuildRef[] = [];
  const jenkins = ci.jenkins.model;
  for (const job of jenkins.jobs) {
    const numbers = jenkins.numbers(job);
    const id = pathOf(job).join('/');
    for (let i = 0; i < numbers.length; i++) refs.push(['jenkins', id, numbers.at(i)]);
  }
  return refs;
}
