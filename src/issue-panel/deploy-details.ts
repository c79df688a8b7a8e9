import { projectsOfDeploy } from '../domain/access-rules';
import { snapshotWarning } from '../domain/deploy';
import type { DeployDetail } from '../shared/contract/issue-panel';
import { BuildStore } from '../storage/build-store';
import { DeployStore } from '../storage/deploy-store';
import { commitUrl, repositoryOf } from './commit-url';
import { DeployNotFound } from './errors';
import type { PanelCaller } from './panel';
import { commitsFor, deployRow, snapshotRows } from './rows';
import { deployRunsOf, drilldownAccess, isDeployRun, type DrilldownDeps } from './snapshot-access';

export interface DeployDetailDeps {
  readonly deploys: Pick<DeployStore, 'get' | 'bySha'>;
  readonly builds: Pick<BuildStore, 'bySha'>;
  readonly drilldown?: DrilldownDeps;
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
 * Two storage calls, then the builds and other deploys of its commit and, for Jenkins jobs, the
 * connection and its projects' settings the drill-down's access rule needs, side by side. The
 * commit's builds say which repository it came from, so its commits link to their Git host.
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
  const withSnapshot = deploy.sha !== null && deploy.snapshot.length > 0;
  const { origin } = deploy;
  const jenkinsJobs = [...deploy.snapshot.filter((b) => b.provider === 'jenkins').map((b) => ({ connectionId: b.connectionId, jobId: b.job.id }))];
  if (origin.kind === 'ci' && origin.provider === 'jenkins') jenkinsJobs.push({ connectionId: origin.connectionId, jobId: origin.jobId });
  const [current, deploysOfSha, mayDrill] = await Promise.all([
    deploy.sha ? deps.builds.bySha(deploy.sha) : [],
    withSnapshot && deploy.sha ? deps.deploys.bySha(deploy.sha) : [],
    drilldownAccess(caller.visibility, jenkinsJobs, deps.drilldown),
  ]);
  const runs = deployRunsOf(deploysOfSha);
  // The one the deploy was recorded with first, so its row and its detail link the same commit page.
  const repository = deploy.repositoryUrl ?? repositoryOf(current, origin.kind === 'ci' ? origin.connectionId : null);
  const linked = <T extends { sha: string }>(row: T): T => {
    const url = commitUrl(repository, row.sha);
    return url ? { ...row, url } : row;
  };
  const commits = commitsFor(caller.issueKey, deploy.commits);
  return {
    deploy: { ...deployRow(deploy), commitUrl: deploy.sha ? commitUrl(repository, deploy.sha) : null },
    run:
      origin.kind === 'ci'
        ? { provider: origin.provider, connectionId: origin.connectionId, jobId: origin.jobId, buildNumber: origin.buildNumber, drilldown: mayDrill(origin.connectionId, origin.jobId) }
        : null,
    builds: snapshotRows(deploy.snapshot, current).map((row, i) => {
      const build = deploy.snapshot[i];
      return { ...row, kind: build && isDeployRun(runs, build) ? 'deploy' : 'build', drilldown: row.provider === 'jenkins' && mayDrill(row.connectionId, row.jobId) };
    }),
    // Another deploy's run is no build of the commit: it neither passes nor fails it.
    warning: snapshotWarning(deploy.snapshot.filter((b) => !isDeployRun(runs, b))),
    commits: { mentioning: commits.mentioning.map(linked), others: commits.others.map(linked), omitted: deploy.commitsOmitted },
  };
}
