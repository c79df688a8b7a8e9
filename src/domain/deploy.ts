import type { Build, BuildState, Commit, JobRef, ProviderKind } from './build';
import type { Environment } from './environment';

/** Jira's deployment states. */
export const DEPLOY_STATES = ['unknown', 'pending', 'in_progress', 'cancelled', 'failed', 'rolled_back', 'successful'] as const;
export type DeployState = (typeof DEPLOY_STATES)[number];

/** One build of the deploy's commit, with its state when the deploy started. */
export interface SnapshotBuild {
  readonly provider: ProviderKind;
  readonly connectionId: string;
  readonly job: JobRef;
  readonly number: number;
  readonly url: string | null;
  readonly stateAtDeploy: BuildState;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
}

/** Where a deploy came from: a run of a CI job that a deploy source names, or a registration request. */
export type DeployOrigin =
  | {
      readonly kind: 'ci';
      readonly sourceId: string;
      readonly provider: ProviderKind;
      readonly connectionId: string;
      readonly jobId: string;
      readonly buildNumber: number;
    }
  | { readonly kind: 'registration'; readonly pipelineId: string; readonly runId: string };

export interface Deploy {
  /** Stable for the same run, so seeing it again updates rather than duplicates. */
  readonly id: string;
  readonly projectKey: string;
  readonly environment: Environment;
  readonly origin: DeployOrigin;
  readonly pipeline: { readonly id: string; readonly displayName: string; readonly url: string | null };
  /** Jira's deploymentSequenceNumber: the run number. */
  readonly sequence: number;
  readonly state: DeployState;
  readonly sha: string | null;
  readonly branch: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly url: string | null;
  readonly trigger: string | null;
  readonly commits: readonly Commit[];
  /** Commits left out to keep the record within Forge's value size. */
  readonly commitsOmitted: number;
  readonly issueKeys: readonly string[];
  readonly snapshot: readonly SnapshotBuild[];
  /**
   * The web address of the repository its commit was built from (src/domain/repository-url.ts), so a
   * list of deploys links each SHA without reading builds. Absent when no build or registration named
   * one, and on records stored before it was kept.
   */
  readonly repositoryUrl?: string | undefined;
}

export function deployStateOf(buildState: BuildState): DeployState {
  return buildState;
}

export const MAX_SNAPSHOT_BUILDS = 50;

/** The repository a commit was built from: the build of the given connection first (the deploy's own run), else any that says. */
export function repositoryOf(builds: readonly Pick<Build, 'connectionId' | 'repositoryUrl'>[], connectionId: string | null): string | null {
  const own = builds.find((b) => b.connectionId === connectionId && b.repositoryUrl);
  return own?.repositoryUrl ?? builds.find((b) => b.repositoryUrl)?.repositoryUrl ?? null;
}

/** Git hosts' repository addresses are far shorter; a longer one would only grow the deploy and every link that carries it. */
export const MAX_REPOSITORY_URL_LENGTH = 500;

/** The repository a deploy is recorded with: the one its run names, else one a build of its commit names; null when none fits. */
export function deployRepository(
  named: string | null,
  builds: readonly Pick<Build, 'connectionId' | 'repositoryUrl'>[],
  connectionId: string | null,
): string | null {
  const found = named ?? repositoryOf(builds, connectionId);
  return found !== null && found.length <= MAX_REPOSITORY_URL_LENGTH ? found : null;
}

/**
 * The builds of the deploy's commit as they stood when it started: a build still running then is
 * `in_progress` here even if it passed later. Builds that started after the deploy are left out
 * (they could not have informed it), and so is the deploy's own run.
 */
export function buildSnapshot(
  deployStartedAt: string,
  builds: readonly Build[],
  connectionOrder: readonly string[],
  deployRun?: { readonly connectionId: string; readonly jobId: string; readonly number: number },
): SnapshotBuild[] {
  const start = Date.parse(deployStartedAt);
  const rank = (id: string) => {
    const index = connectionOrder.indexOf(id);
    return index < 0 ? connectionOrder.length : index;
  };
  return builds
    .filter((b) => connectionOrder.includes(b.connectionId))
    .filter((b) => !(deployRun && b.connectionId === deployRun.connectionId && b.job.id === deployRun.jobId && b.number === deployRun.number))
    .filter((b) => b.startedAt !== null && Date.parse(b.startedAt) <= start)
    .sort((a, b) => rank(a.connectionId) - rank(b.connectionId) || (a.startedAt ?? '').localeCompare(b.startedAt ?? ''))
    .slice(0, MAX_SNAPSHOT_BUILDS)
    .map((b) => ({
      provider: b.provider,
      connectionId: b.connectionId,
      job: b.job,
      number: b.number,
      url: b.url,
      stateAtDeploy: b.finishedAt !== null && Date.parse(b.finishedAt) <= start ? b.state : 'in_progress',
      startedAt: b.startedAt,
      finishedAt: b.finishedAt,
      durationMs: b.durationMs,
    }));
}

/** A deploy went out while a build of its commit was failing or still running. */
export function snapshotWarning(snapshot: readonly SnapshotBuild[]): 'failing' | 'running' | null {
  if (snapshot.some((b) => b.stateAtDeploy === 'failed')) return 'failing';
  if (snapshot.some((b) => b.stateAtDeploy === 'in_progress' || b.stateAtDeploy === 'pending')) return 'running';
  return null;
}
