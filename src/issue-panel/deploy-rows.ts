import { realDeploys } from '../domain/deploy-identity';
import type { DeployRow } from '../shared/contract/issue-panel';
import type { DeploySummary } from '../storage/deploy-record';
import { commitUrl } from './commit-url';
import { deployRow } from './rows';

/**
 * The panel's rows: one per real deploy (src/domain/deploy-identity.ts), each saying which CI ran
 * it, which project recorded it, through how many connections it was seen, and when the issue's
 * newest commit was made. The browser folds pages with the same key, so a run whose records fall
 * on two pages is still one row.
 */
export function panelRows(summaries: readonly DeploySummary[]): DeployRow[] {
  const real = realDeploys(summaries.map((summary) => ({ ...summary, provider: summary.provider ?? null })));
  return real.map(({ key, deploy, records }) => ({
    ...deployRow({ ...deploy, provider: deploy.provider ?? undefined }),
    provider: deploy.provider,
    projectKey: deploy.projectKey,
    realKey: key,
    records,
    issueCommitAt: deploy.issueCommitAt ?? null,
    // From the repository the link's summary carries: no read of builds per row. Without one the SHA is text.
    commitUrl: deploy.sha ? commitUrl(deploy.repositoryUrl, deploy.sha) : null,
  }));
}
