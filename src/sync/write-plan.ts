import { ForgeKvsAPIError } from '@forge/kvs';
import type { SyncContext } from './run-context';
import type { PlannedDeploy } from './record-deploy';
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

/**
 * Saves planned deploys together (several to a billed write); if storage refuses the batch for
 * one bad value, saves them one by one so that only the bad one is skipped, and reported.
 */
export async function writeDeploys(plans: readonly PlannedDeploy[], ctx: SyncContext): Promise<DeployWrites> {
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
        jobId: plan.deploy.pipeline.id,
        name: 'DeployNotSaved',
        message: `Deploy ${plan.deploy.pipeline.displayName} #${plan.deploy.sequence} to ${plan.deploy.environment.name} could not be stored: ${error.message}`,
        hint: 'The other deploys were recorded. If this one keeps failing, its commits or issue links may be unusually large.',
      });
    }
  }
  return { deploysWritten, billedWrites, problems };
}
