import type { Deploy } from '../domain/deploy';
import { environmentId } from '../domain/environment';
import { repositoryWebUrl } from '../domain/repository-url';
import type { ProjectConfig } from '../domain/project-config';
import { digest } from '../storage/keys';
import { planDeploy, type DeployRun } from '../sync/plan-deploy';
import { RunContext } from '../sync/run-context';
import type { Registration } from './registration-body';

const DEFAULT_PIPELINE = 'deploy-registration';

/** Stable per project, pipeline, environment and run: the same run sent again (a new state) updates it. */
export function registrationDeployId(projectKey: string, pipelineId: string, environment: string, runId: string): string {
  return `${projectKey}-r-${digest(`${pipelineId}\n${environmentId(environment)}\n${runId}`, 20)}`;
}

const iso = (text: string) => new Date(text).toISOString();

/**
 * Records a registered deploy exactly as a CI deploy is recorded: commits since the previous
 * deploy to the environment, issue links per the project's settings, the build snapshot of its
 * commit. The deploy and its links go out together (see DeployStore.save).
 */
export async function registerDeploy(config: ProjectConfig, body: Registration, now: number): Promise<{ deploy: Deploy; created: boolean }> {
  const ctx = new RunContext();
  const pipelineId = body.pipeline?.id ?? DEFAULT_PIPELINE;
  const id = registrationDeployId(config.projectKey, pipelineId, body.environment.name, body.runId);
  const stored = await ctx.deploy(id);
  // Without a start time, a run keeps the one it was first registered with, so updates do not move it.
  const startedAt = body.startedAt ? iso(body.startedAt) : (stored?.startedAt ?? new Date(now).toISOString());
  const run: DeployRun = {
    id,
    projectKey: config.projectKey,
    environment: { id: environmentId(body.environment.name), name: body.environment.name, type: body.environment.type },
    origin: { kind: 'registration', pipelineId, runId: body.runId },
    pipeline: { id: pipelineId, displayName: body.pipeline?.name ?? pipelineId, url: body.pipeline?.url ?? null },
    sequence: /^\d{1,15}$/.test(body.runId) ? Number(body.runId) : Math.floor(Date.parse(startedAt) / 1000),
    state: body.state,
    sha: body.sha.toLowerCase(),
    branch: body.branch ?? null,
    startedAt,
    finishedAt: body.finishedAt ? iso(body.finishedAt) : null,
    url: body.url,
    trigger: 'Deploy registration',
    reportedCommits: (body.commits ?? []).map((c) => ({
      sha: c.sha,
      message: c.message,
      author: c.author ?? null,
      timestamp: c.timestamp ? iso(c.timestamp) : null,
    })),
    // One spelling for a repository, as a CI's remote gets: no `.git`, no trailing slash, no query.
    repositoryUrl: repositoryWebUrl(body.repositoryUrl),
  };
  const plan = await planDeploy(run, config, ctx);
  if (plan.changed) await ctx.deploys.save(plan.deploy, plan.previous);
  return { deploy: plan.deploy, created: plan.previous === undefined };
}
