import { startBuildkiteStandIn, type BuildkiteStandIn, type BuildkiteStandInOptions } from './buildkite/server';
import { projectsOf, startCircleCiStandIn, type CircleCiStandIn, type CircleCiStandInOptions } from './circleci/server';
import { startGitHostStandIn, type GitHostStandIn, type GitHostStandInOptions } from './git-host/server';
import { startJenkinsStandIn, type JenkinsStandIn, type JenkinsStandInOptions } from './jenkins/server';
import { DEMO_CREDENTIALS } from './shared/credentials';
import { APP_REPOSITORY, LIBRARY_REPOSITORY, repositoryOfSlug } from './shared/remotes';
import { CiWorld, type CiWorldOptions } from './shared/world';

export interface CiStandInsOptions {
  /** `demo`: small histories, the demo's jobs and pipelines; `scale`: the bench's sizes (see README). */
  readonly preset?: 'demo' | 'scale';
  readonly world?: CiWorld | CiWorldOptions;
  readonly jenkins?: Omit<JenkinsStandInOptions, 'world'>;
  readonly buildkite?: Omit<BuildkiteStandInOptions, 'world'>;
  readonly circleci?: Omit<CircleCiStandInOptions, 'world'>;
  /**
   * Also a local Git host (the demo's: `github.localhost`), started first so the three report its
   * repositories and the issue panel links their SHAs to real pages. Without it they name
   * git.example.com, which nothing links to.
   */
  readonly gitHost?: Omit<GitHostStandInOptions, 'world' | 'repositories'>;
}

export interface GrowAllResult {
  readonly commits: readonly number[];
  readonly jenkins: { readonly builds: number; readonly deploys: number };
  readonly buildkite: { readonly builds: number; readonly deploys: number };
  readonly circleci: { readonly builds: number; readonly deploys: number };
}

/** What the demo wiring needs to configure connections and deploy sources against the stand-ins. */
export interface DemoSettings {
  readonly jenkins: { readonly baseUrl: string; readonly username: string; readonly apiToken: string };
  readonly buildkite: { readonly apiBaseUrl: string; readonly organization: string; readonly apiToken: string };
  readonly circleci: { readonly apiBaseUrl: string; readonly projectSlugs: readonly string[]; readonly apiToken: string };
  /** Runs of these are deploys (job id as the provider names it, optional branch and Jenkins parameter condition). */
  readonly deploySources: readonly {
    readonly provider: 'jenkins' | 'buildkite' | 'circleci';
    readonly job: string;
    readonly branch?: string;
    readonly parameterCondition?: string;
    readonly environment: 'staging' | 'production';
  }[];
}

export interface CiStandIns {
  readonly world: CiWorld;
  readonly settings: DemoSettings;
  readonly jenkins: JenkinsStandIn;
  readonly buildkite: BuildkiteStandIn;
  readonly circleci: CircleCiStandIn;
  /** The Git host, when `gitHost` was asked for. */
  readonly git: GitHostStandIn | null;
  /** About `percent` % new builds on each server, all built from the same new commits. */
  grow(percent: number): GrowAllResult;
  close(): Promise<void>;
}

/** History sizes of the bench: 200 jobs x 500 builds, 20,000 Buildkite builds, 10 x 1,000 pipelines, over 30 days. */
export const SCALE_WORLD: CiWorldOptions = { historyCommits: 8640, historySpacingMs: 5 * 60_000 };

/** Every repository the stand-ins name: the app, Jenkins' shared library, and one per CircleCI project. */
function repositoriesOf(projects: CircleCiStandInOptions['projects']): string[] {
  const ofProjects = projectsOf(projects).flatMap((p) => repositoryOfSlug(p.slug) ?? []);
  return [...new Set([APP_REPOSITORY, LIBRARY_REPOSITORY, ...ofProjects])];
}

/** The three stand-ins on one shared world (one commit stream), each on its own port. */
export async function startCiStandIns(options: CiStandInsOptions = {}): Promise<CiStandIns> {
  const scale = options.preset === 'scale';
  const world = options.world instanceof CiWorld ? options.world : new CiWorld({ ...(scale ? SCALE_WORLD : {}), ...options.world });
  const projects = options.circleci?.projects ?? (scale ? 'scale' : undefined);
  const git = options.gitHost ? await startGitHostStandIn({ ...options.gitHost, world, repositories: repositoriesOf(projects) }) : null;
  const remotes = git ? { remotes: git.remotes } : {};
  const jenkins = await startJenkinsStandIn({ ...(scale ? { layout: 'scale' } : {}), ...remotes, ...options.jenkins, world });
  const buildkite = await startBuildkiteStandIn({ ...(scale ? { pipelines: 'scale' } : {}), ...remotes, ...options.buildkite, world });
  const circleci = await startCircleCiStandIn({ ...(projects ? { projects } : {}), ...remotes, ...options.circleci, world });
  const settings: DemoSettings = {
    jenkins: { baseUrl: jenkins.url, ...DEMO_CREDENTIALS.jenkins },
    buildkite: { apiBaseUrl: buildkite.url, organization: buildkite.organization, apiToken: DEMO_CREDENTIALS.buildkite.apiToken },
    circleci: { apiBaseUrl: circleci.url, projectSlugs: circleci.projectSlugs, apiToken: DEMO_CREDENTIALS.circleci.apiToken },
    // Only those whose job exists in the chosen layouts.
    deploySources: (
      [
        { provider: 'jenkins', job: 'deploy-staging', parameterCondition: 'ENV=staging', environment: 'staging' },
        { provider: 'jenkins', job: 'deploy-production', parameterCondition: 'ENV=prod', environment: 'production' },
        { provider: 'buildkite', job: 'deploy', branch: 'main', environment: 'production' },
        { provider: 'circleci', job: 'gh/demo-org/storefront-deploy', branch: 'main', environment: 'staging' },
      ] as const
    ).filter((source) =>
      source.provider === 'jenkins'
        ? jenkins.model.find([source.job]) !== null
        : source.provider === 'buildkite'
          ? buildkite.model.pipelines.some((p) => p.slug === source.job)
          : circleci.projectSlugs.includes(source.job),
    ),
  };
  return {
    world,
    settings,
    jenkins,
    buildkite,
    circleci,
    git,
    grow(percent) {
      const commits = world.appendCommits(10);
      const strip = (r: { builds: number; deploys: number }) => ({ builds: r.builds, deploys: r.deploys });
      return {
        commits,
        jenkins: strip(jenkins.grow(percent, commits)),
        buildkite: strip(buildkite.grow(percent, commits)),
        circleci: strip(circleci.grow(percent, commits)),
      };
    },
    close: async () => {
      await Promise.all([jenkins.close(), buildkite.close(), circleci.close(), git?.close()]);
    },
  };
}
