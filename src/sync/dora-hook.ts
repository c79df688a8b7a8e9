import type { Deploy } from '../domain/deploy';
import { refreshIncidentsIfDue } from './dora-incidents';
import { rollupDeps, updateDoraRollups } from './dora-rollups';
import type { Problem } from './status';

function jobOf(deploy: Deploy | undefined): string {
  if (!deploy) return '';
  return deploy.origin.kind === 'ci' ? deploy.origin.jobId : deploy.origin.pipelineId;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The sync's hook (write-plan.ts), after deploys are written: their environments' rollups, then
 * each project's incidents when due (every 15 minutes at most). A failure here never undoes or
 * fails the deploys: it is a problem of the run, and the next deploy write catches up.
 */
export async function rollupsAfterWrite(plans: readonly { readonly deploy: Deploy; readonly previous: Deploy | undefined }[]): Promise<Problem[]> {
  if (plans.length === 0) return [];
  const deps = rollupDeps();
  const problems: Problem[] = [];
  const first = plans[0]?.deploy;
  try {
    await updateDoraRollups(plans, deps);
  } catch (error) {
    problems.push({
      jobId: jobOf(first),
      name: 'DoraRollupNotUpdated',
      message: `The DORA figures of ${first?.projectKey ?? 'the project'} could not be updated: ${messageOf(error)}`,
      hint: 'The deploys were recorded. The figures catch up with the next deploy to the same environment.',
    });
  }
  for (const projectKey of new Set(plans.map((p) => p.deploy.projectKey))) {
    try {
      await refreshIncidentsIfDue(projectKey, deps);
    } catch (error) {
      problems.push({
        jobId: jobOf(first),
        name: 'DoraIncidentsNotRead',
        message: `The incidents of ${projectKey} could not be read from Jira: ${messageOf(error)}`,
        hint: 'The deploys were recorded. Incidents are read again with the next deploys, at most every 15 minutes.',
      });
    }
  }
  return problems;
}
