import type { Build, Commit } from '../domain/build';
import { buildSnapshot, deployRepository, type Deploy, type DeployOrigin, type SnapshotBuild } from '../domain/deploy';
import { commitsForDeploy } from '../domain/deploy-commits';
import { globMatches } from '../domain/glob';
import { connectionsUsedBy, type ProjectConfig } from '../domain/project-config';
import { stableJson } from '../storage/kvs-records';
import { issueKeysFor } from './issue-linking';
import type { RunContext } from './run-context';

/** A deploy as its source reports it, before the app adds commits, issue links and the build snapshot. */
export interface DeployRun
  extends Pick<Deploy, 'id' | 'projectKey' | 'environment' | 'origin' | 'pipeline' | 'sequence' | 'state' | 'sha' | 'branch' | 'startedAt' | 'finishedAt' | 'url' | 'trigger'> {
  readonly reportedCommits: readonly Commit[];
  /** The repository the run names (its CI build's remote, or a registration's field); null when it names none. */
  readonly repositoryUrl: string | null;
}

export interface PlannedDeploy {
  readonly deploy: Deploy;
  readonly previous: Deploy | undefined;
  /** False when the stored deploy already says exactly this. */
  readonly changed: boolean;
}

/** Whether a build counts as one of the project's builds (its build selection; none means all). */
export function countsForProject(config: ProjectConfig, build: Build): boolean {
  const selection = config.builds.find((s) => s.connectionId === build.connectionId);
  if (!selection || selection.jobs.length === 0) return true;
  return selection.jobs.some((pattern) => globMatches(pattern, build.job.id));
}

function sameRun(a: DeployOrigin, b: DeployOrigin): boolean {
  if (a.kind === 'ci' && b.kind === 'ci') {
    // The job id is left out on purpose: a renamed Jenkins job reports the same runs under its new name.
    return a.connectionId === b.connectionId && a.sourceId === b.sourceId && a.buildNumber === b.buildNumber;
  }
  return a.kind === 'registration' && b.kind === 'registration' && a.pipelineId === b.pipelineId && a.runId === b.runId;
}

function runOf(origin: DeployOrigin) {
  return origin.kind === 'ci' ? { connectionId: origin.connectionId, jobId: origin.jobId, number: origin.buildNumber } : undefined;
}

async function snapshotFor(
  deploy: Pick<Deploy, 'sha' | 'startedAt' | 'origin'>,
  config: ProjectConfig,
  ctx: RunContext,
): Promise<{ snapshot: SnapshotBuild[]; repositoryUrl: string | null }> {
  if (!deploy.sha) return { snapshot: [], repositoryUrl: null };
  const builds = (await ctx.buildsOfSha(deploy.sha)).filter((b) => countsForProject(config, b));
  return {
    snapshot: buildSnapshot(deploy.startedAt, builds, connectionsUsedBy(config), runOf(deploy.origin)),
    repositoryUrl: deployRepository(null, builds, deploy.origin.kind === 'ci' ? deploy.origin.connectionId : null),
  };
}

/**
 * The deploy as it should be stored, and whether that differs from what is (reads only). The
 * stored deploy is found by id or, for a renamed job, as the same run in the same environment at
 * the same instant; one query gives it and the previous deploy the commit range starts from.
 */
export async function planDeploy(run: DeployRun, config: ProjectConfig, ctx: RunContext): Promise<PlannedDeploy> {
  const start = Date.parse(run.startedAt);
  const [latest, before] = await ctx.recentDeploys(run.projectKey, run.environment.id, start + 1, 2);
  const isThisRun = latest !== undefined && latest.startedAt === run.startedAt && sameRun(latest.origin, run.origin);
  const stored = isThisRun ? latest : await ctx.deploy(run.id);
  const previous = isThisRun ? before : latest && Date.parse(latest.startedAt) < start ? latest : before;
  const id = stored?.id ?? run.id;

  const shaBuilds = run.sha ? (await ctx.buildsOfSha(run.sha)).filter((b) => countsForProject(config, b)) : [];
  let branchBuilds = shaBuilds;
  if (previous && run.branch) {
    const from = Date.parse(previous.startedAt);
    const perConnection = await Promise.all(connectionsUsedBy(config).map((c) => ctx.buildsOnBranch(c, run.branch ?? '', from, start)));
    branchBuilds = perConnection.flat().filter((b) => countsForProject(config, b));
  }
  const { commits, omitted } = commitsForDeploy({
    run: { commits: run.reportedCommits, sha: run.sha, startedAt: run.startedAt },
    previousDeployStartedAt: previous?.startedAt ?? null,
    branchBuilds,
  });
  const siteKeys = await ctx.siteProjectKeys();
  // What the run names, else what the builds of its commit already read for the snapshot name: no extra read.
  const repositoryUrl = deployRepository(run.repositoryUrl, shaBuilds, run.origin.kind === 'ci' ? run.origin.connectionId : null);
  const deploy: Deploy = {
    id,
    projectKey: run.projectKey,
    environment: run.environment,
    origin: run.origin,
    pipeline: run.pipeline,
    sequence: run.sequence,
    state: run.state,
    sha: run.sha,
    branch: run.branch,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    url: run.url,
    trigger: run.trigger,
    commits,
    commitsOmitted: omitted,
    issueKeys: issueKeysFor(config, { commits, branch: run.branch }, siteKeys),
    snapshot: buildSnapshot(run.startedAt, shaBuilds, connectionsUsedBy(config), runOf(run.origin)),
    ...(repositoryUrl ? { repositoryUrl } : {}),
  };
  ctx.stageDeploy(deploy);
  return { deploy, previous: stored, changed: !stored || stableJson(stored) !== stableJson(deploy) };
}

/**
 * A stored deploy with its build snapshot recomputed, when a build of its commit arrived since. When
 * the snapshot changes, a repository the deploy was recorded without is taken from those builds (one
 * it has is kept); it alone never causes a write.
 */
export async function planSnapshotRefresh(deploy: Deploy, config: ProjectConfig, ctx: RunContext): Promise<PlannedDeploy> {
  const { snapshot, repositoryUrl } = await snapshotFor(deploy, config, ctx);
  const changed = stableJson(deploy.snapshot) !== stableJson(snapshot);
  const next = changed && !deploy.repositoryUrl && repositoryUrl !== null ? { ...deploy, snapshot, repositoryUrl } : { ...deploy, snapshot };
  if (changed) ctx.stageDeploy(next);
  return { deploy: next, previous: deploy, changed };
}
