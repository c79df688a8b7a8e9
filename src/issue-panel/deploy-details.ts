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
 * are now, and its commits. A deploy that does not mention the panel's issue is "not found", so a
 * deploy id from the browser can never open a deploy of another issue. Two storage calls.
 */
export async function deployDetails(
  caller: Pick<PanelCaller, 'issueKey'>,
  deployId: string,
  deps: DeployDetailDeps = deployDetailDeps(),
): Promise<DeployDetail> {
  const deploy = await deps.deploys.get(deployId);
  if (!deploy || !deploy.issueKeys.includes(caller.issueKey)) throw new DeployNotFound(caller.issueKey);
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
