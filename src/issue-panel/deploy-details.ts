import { projectsOfDeploy } from '../domain/access-rules';
import { snapshotWarning } from '../domain/deploy';
import type { DeployDetail } from '../shared/contract/issue-panel';
import { BuildStore } from '../storage/build-store';
import { DeployStore } from '../storage/deploy-store';
import { DeployNotFound } from './errors';
import type { PanelCaller } from './panel';
import { commitsFor, deployRow, snapshotRows } from './rows';

export interface DeployDetailDeps {
  readonly deploys: Pick<DeployStore, 'get'>;
  readonly builds: Pick<BuildStore, 'bySha'>;
}

export function deployDetailDeps(): DeployDetailDeps {
  return { deploys: new DeployStore(), builds: new BuildStore() };
}

/**
 * One deploy as the issue's viewer may see it: its builds as they stood at the deploy and as they
 * are now, and its commits. A deploy that does not mention the panel's issue, or whose project's
 * development information the viewer may not see (Browse Projects and View Development Tools
 * there, as Jira's Development panel), is "not found" alike, so a deploy id from the browser can
 * never open a deploy of another issue, nor tell a hidden deploy from a missing one. Its commits
 * belong to the deploy's project (src/domain/access-rules.ts), so they follow the same check.
 * Two storage calls.
 */
export async function deployDetails(
  caller: Pick<PanelCaller, 'issueKey' | 'projectKey' | 'visibility'>,
  deployId: string,
  deps: DeployDetailDeps = deployDetailDeps(),
): Promise<DeployDetail> {
  if (!(await caller.visibility.seesDevelopmentOf(caller.projectKey))) throw new DeployNotFound(caller.issueKey);
  const deploy = await deps.deploys.get(deployId);
  if (!deploy || !deploy.issueKeys.includes(caller.issueKey)) throw new DeployNotFound(caller.issueKey);
  if (!(await caller.visibility.seesAnyOf(projectsOfDeploy(deploy)))) throw new DeployNotFound(caller.issueKey);
  const current = deploy.sha && deploy.snapshot.length > 0 ? await deps.builds.bySha(deploy.sha) : [];
  const { origin } = deploy;
  return {
    deploy: deployRow(deploy),
    run:
      origin.kind === 'ci'
        ? { provider: origin.provider, connectionId: origin.connectionId, jobId: origin.jobId, buildNumber: origin.buildNumber }
        : null,
    builds: snapshotRows(deploy.snapshot, current),
    warning: snapshotWarning(deploy.snapshot),
    commits: { ...commitsFor(caller.issueKey, deploy.commits), omitted: deploy.commitsOmitted },
  };
}
