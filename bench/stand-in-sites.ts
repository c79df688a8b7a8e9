import { SCALE_WORLD, scaleLayout, type CiStandInsOptions, type FolderSpec, type ItemSpec, type JobSpec } from '../dev/ci-servers';

/** Which stand-ins a bench process serves. */
export type StandInSite = 'bench' | 'scale-jenkins' | 'scale-history';

export const SCALE_JENKINS = { jobs: 20_000, folders: 40, nameLength: 100, buildsPerJob: 2 } as const;
/** 200 jobs x 700 builds over the last 30 days: the history to bring in. */
export const SCALE_HISTORY = { jobs: 200, buildsPerJob: 700, folders: 10 } as const;

/** A job name of exactly `length` characters, unique by `n`, as long names are in real folders. */
function longName(n: number, length: number): string {
  const head = `svc-${String(n).padStart(5, '0')}-`;
  const filler = 'payments-platform-checkout-backend-integration-and-contract-tests-against-the-staging-cluster-';
  return (head + filler.repeat(Math.ceil(length / filler.length))).slice(0, length).replace(/-$/, 'x');
}

/** 20,000 jobs with 100-character names in 40 team folders; no deploy jobs. */
export function scaleJenkinsLayout(): ItemSpec[] {
  const { jobs, folders, nameLength, buildsPerJob } = SCALE_JENKINS;
  const perFolder = Math.ceil(jobs / folders);
  const teams: FolderSpec[] = [];
  for (let t = 0; t < folders; t++) {
    const children: JobSpec[] = [];
    for (let j = 0; j < perFolder && t * perFolder + j < jobs; j++) {
      children.push({ type: 'job', name: longName(t * perFolder + j, nameLength), pipeline: j % 2 === 0, feed: { kind: 'periodic', builds: buildsPerJob } });
    }
    teams.push({ type: 'folder', name: `team-${String(t).padStart(2, '0')}`, children });
  }
  return teams;
}

export function standInOptions(site: StandInSite): CiStandInsOptions {
  const quietBuildkite = { rateLimitPerMinute: 0 };
  switch (site) {
    case 'bench':
      return { preset: 'scale', buildkite: quietBuildkite };
    case 'scale-jenkins':
      return { world: SCALE_WORLD, jenkins: { layout: scaleJenkinsLayout() }, buildkite: quietBuildkite };
    case 'scale-history':
      return { world: SCALE_WORLD, jenkins: { layout: scaleLayout(SCALE_HISTORY) }, buildkite: quietBuildkite };
  }
}
