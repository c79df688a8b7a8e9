import { realDeploys } from '../domain/deploy-identity';
import type { DeployRow } from '../shared/contract/issue-panel';
import type { DeploySummary } from '../storage/deploy-record';
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
    // No repository address is stored for a deploy yet: the SHA shows as text with its full value.
    commitUrl: null,
  }));
}
