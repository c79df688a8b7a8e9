import { ForgeKvsAPIError } from '@forge/kvs';
import type { Deploy } from '../domain/deploy';
import { rollupsAfterWrite } from './dora-hook';
import type { RunContext } from './run-context';
import type { PlannedDeploy } from './plan-deploy';
import type { Problem } from './status';

export interface DeployWrites {
  readonly deploysWritten: number;
  readonly billedWrites: number;
  readonly problems: Problem[];
}

/** Storage refused this one value (too large, malformed): the item is bad, not the run. */
function isBadItem(error: unknown): error is ForgeKvsAPIError {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  const status = error.responseDetails.status;
  return status >= 400 && status < 500 && status !== 429;
}

/** The CI job whose run the deploy is; a registered deploy has none, so its pipeline stands in. */
function jobOf(deploy: Deploy): string {
  return deploy.origin.kind === 'ci' ? deploy.origin.jobId : deploy.origin.pipelineId;
}

/**
 * Saves planned deploys together (several to a billed write); if storage refuses the batch for
 * one bad value, saves them one by one so that only the bad one is skipped, and reported.
 */
export async function writeDeploys(plans: readonly PlannedDeploy[], ctx: RunContext): Promise<DeployWrites> {
  const writes = await saveDeploys(plans, ctx);
  return writes.deploysWritten === 0 ? writes : { ...writes, problems: [...writes.problems, ...(await rollupsAfterWrite(plans))] };
}

async function saveDeploys(plans: readonly PlannedDeploy[], ctx: RunContext): Promise<DeployWrites> {
  try {
    const result = await ctx.deploys.saveAll(plans);
    return { deploysWritten: result.written.length, billedWrites: result.billedWrites, problems: [] };
  } catch (error) {
    if (!isBadItem(error)) throw error;
  }
  let deploysWritten = 0;
  let billedWrites = 0;
  const problems: Problem[] = [];
  for (const plan of plans) {
    try {
      const result = await ctx.deploys.save(plan.deploy, plan.previous);
      if (result.written) deploysWritten += 1;
      billedWrites += result.billedWrites;
    } catch (error) {
      if (!isBadItem(error)) throw error;
      problems.push({
        jobId: jobOf(plan.deploy),
        name: 'DeployNotSaved',
        message: `Deploy ${plan.deploy.pipeline.displayName} #${plan.deploy.sequence} to ${plan.deploy.environment.name} could not be stored: ${error.message}`,
        hint: 'The other deploys were recorded. If this one keeps failing, its commits or issue links may be unusually large.',
      });
    }
  }
  return { deploysWritten, billedWrites, problems };
}
