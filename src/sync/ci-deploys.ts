import type { Build } from '../domain/build';
import type { Deploy } from '../domain/deploy';
import { deployStateOf } from '../domain/deploy';
import { deploySourceFor, type DeploySource } from '../domain/deploy-source';
import type { ProjectConfig } from '../domain/project-config';
import type { ConnectionScope } from '../domain/connection-scope';
import { digest } from '../storage/keys';
import { planDeploy, planSnapshotRefresh, type DeployRun, type PlannedDeploy } from './plan-deploy';
import type { RunContext } from './run-context';

export interface DeployPlan {
  /** Deploys to write: new ones, changed ones, and those whose build snapshot changed. */
  readonly writes: PlannedDeploy[];
}

/** Stable for the same run of the same deploy source, so seeing it again updates it. */
export function ciDeployId(projectKey: string, source: DeploySource, build: Build): string {
  return `${projectKey}-${digest(`${source.id}\n${build.connectionId}\n${build.job.id}`, 20)}-${build.number}`;
}

function deployRunOf(config: ProjectConfig, source: DeploySource, build: Build, startedAt: string): DeployRun {
  return {
    id: ciDeployId(config.projectKey, source, build),
    projectKey: config.projectKey,
    environment: source.environment,
    origin: { kind: 'ci', sourceId: source.id, provider: build.provider, connectionId: build.connectionId, jobId: build.job.id, buildNumber: build.number },
    pipeline: { id: build.job.id, displayName: build.job.displayName, url: build.job.url },
    sequence: build.number,
    state: deployStateOf(build.state),
    sha: build.sha,
    branch: build.branch,
    startedAt,
    finishedAt: build.finishedAt,
    url: build.url,
    trigger: build.causes[0]?.description ?? null,
    reportedCommits: build.commits,
    repositoryUrl: build.repositoryUrl ?? null,
  };
}

/**
 * Deploys from one connection's builds (reads only): every build that is a run of a project's
 * deploy source, oldest first so each finds the one before it; then the deploys of every commit
 * these builds were of, whose build snapshot may now hold one more build. A run without a start
 * time yet (still queued) waits until it has one.
 */
export async function planCiDeploys(
  builds: readonly Build[],
  connection: { readonly id: string; readonly scope: ConnectionScope },
  ctx: RunContext,
): Promise<DeployPlan> {
  const writes: PlannedDeploy[] = [];
  if (builds.length === 0) return { writes };
  const configs = await ctx.configsUsing(connection.id, connection.scope);
  if (configs.length === 0) return { writes };
  const planned = new Set<string>();
  const ordered = [...builds].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  for (const config of configs) {
    for (const build of ordered) {
      const source = build.startedAt ? deploySourceFor(config.deploySources, build) : undefined;
      if (!source || !build.startedAt) continue;
      const plan = await planDeploy(deployRunOf(config, source, build, build.startedAt), config, ctx);
      planned.add(plan.deploy.id);
      if (plan.changed) writes.push(plan);
    }
  }
  for (const deploy of await deploysOfShas(builds, configs, ctx)) {
    if (planned.has(deploy.id)) continue;
    const config = configs.find((c) => c.projectKey === deploy.projectKey);
    if (!config) continue;
    const plan = await planSnapshotRefresh(deploy, config, ctx);
    planned.add(deploy.id);
    if (plan.changed) writes.push(plan);
  }
  return { writes };
}

/** Up to this many commits are looked up one query each; more, by each project's recent deploys. */
const SHA_QUERIES = 20;

/**
 * Stored deploys, of the projects given, of the commits these builds built. A build can only join
 * the snapshot of a deploy that started after it, so for many commits (a first sync) one query per
 * project for its deploys since the earliest such build replaces one query per commit.
 */
async function deploysOfShas(builds: readonly Build[], configs: readonly ProjectConfig[], ctx: RunContext): Promise<Deploy[]> {
  const dated = builds.filter((b) => b.sha !== null && b.startedAt !== null);
  const shas = new Set(dated.map((b) => (b.sha ?? '').toLowerCase()));
  const projects = new Set(configs.map((c) => c.projectKey));
  if (shas.size === 0) return [];
  if (shas.size <= SHA_QUERIES) {
    const found = await Promise.all([...shas].map((sha) => ctx.deploysOfSha(sha)));
    return found.flat().filter((d) => projects.has(d.projectKey));
  }
  const from = dated.reduce((min, b) => Math.min(min, Date.parse(b.startedAt ?? '')), Number.POSITIVE_INFINITY);
  const found = await Promise.all(configs.map((c) => ctx.deploysSince(c.projectKey, from)));
  return found.flat().filter((d) => d.sha !== null && shas.has(d.sha.toLowerCase()));
}
