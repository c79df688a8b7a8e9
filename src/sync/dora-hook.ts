import type { Deploy } from '../domain/deploy';
import { DoraStore, type DoraWrite } from '../storage/dora-store';
import { incidentsDue, readIncidents, tieIncidents } from './dora-incidents';
import { planRollups, rollupDeps, rollupGroups } from './dora-rollups';
import type { Problem } from './status';

function jobOf(deploy: Deploy | undefined): string {
  if (!deploy) return '';
  return deploy.origin.kind === 'ci' ? deploy.origin.jobId : deploy.origin.pipelineId;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The sync's hook (write-plan.ts), after deploys are written: per project, its incidents when due
 * (every 15 minutes at most), then the rollups of the environments touched, from the earliest
 * changed deploy or incident, written with the environment list and the incident check in one
 * transaction (one billed write). A failure here never undoes or fails the deploys: it is a
 * problem of the run, and the next deploy write catches up.
 */
export async function rollupsAfterWrite(plans: readonly { readonly deploy: Deploy; readonly previous: Deploy | undefined }[]): Promise<Problem[]> {
  if (plans.length === 0) return [];
  const deps = rollupDeps();
  const now = deps.now();
  const store = new DoraStore();
  const groups = rollupGroups(plans, now);
  const problems: Problem[] = [];
  const jobId = jobOf(plans[0]?.deploy);
  for (const projectKey of new Set(plans.map((p) => p.deploy.projectKey))) {
    const writes: DoraWrite[] = [];
    try {
      if (await incidentsDue(projectKey, now)) {
        const tied = await tieIncidents(projectKey, await readIncidents(projectKey, now));
        if (tied.environment && tied.earliest !== null) {
          const key = `${projectKey}\n${tied.environment.id}`;
          const group = groups.get(key);
          if (!group || tied.earliest < group.from) groups.set(key, { projectKey, environment: tied.environment, from: tied.earliest });
        }
        writes.push(store.planIncidentsCheckedAt(projectKey, now));
      }
    } catch (error) {
      problems.push({
        jobId,
        name: 'DoraIncidentsNotRead',
        message: `The incidents of ${projectKey} could not be read from Jira: ${messageOf(error)}`,
        hint: 'The deploys were recorded. Incidents are read again with the next deploys, at most every 15 minutes.',
      });
    }
    try {
      const mine = [...groups.values()].filter((g) => g.projectKey === projectKey);
      const envs = store.planEnvironments(projectKey, await store.environments(projectKey), mine.map((g) => g.environment));
      if (envs) writes.push(envs);
      for (const g of mine) writes.push(...(await planRollups(projectKey, g.environment.id, g.from, deps)));
      await store.commit(writes);
    } catch (error) {
      problems.push({
        jobId,
        name: 'DoraRollupNotUpdated',
        message: `The DORA figures of ${projectKey} could not be updated: ${messageOf(error)}`,
        hint: 'The deploys were recorded. The figures catch up with the next deploy to the same environment.',
      });
    }
  }
  return problems;
}
