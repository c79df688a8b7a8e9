import type { DeployRow } from '../../../src/shared/contract/issue-panel';

/**
 * Rows of every loaded page folded into one per real deploy: a run whose records span two pages
 * counts once. The key is the backend's (realDeployKey in src/domain/deploy-identity.ts), the rule
 * the stored total counts by too; the browser never guesses one, as rows lack the pipeline id it
 * takes. A row without a key (an answer from before keys were sent) stands alone.
 */
export function oneRowPerDeploy(rows: readonly DeployRow[]): DeployRow[] {
  const byKey = new Map<string, DeployRow>();
  for (const row of rows) {
    const key = row.realKey ?? `row\n${row.id}`;
    const found = byKey.get(key);
    if (!found) byKey.set(key, row);
    else if (found.id !== row.id) byKey.set(key, { ...found, records: (found.records ?? 1) + (row.records ?? 1) });
  }
  return [...byKey.values()];
}

export interface EnvironmentSince {
  /** When the first successful deploy still in place carried the issue there. */
  readonly since: string;
  /** Milliseconds from the issue's newest commit to that deploy, when the commit's time is known. */
  readonly afterCommitMs: number | null;
}

/**
 * Since when the issue has been in an environment: the earliest successful deploy after the last
 * rollback there. A failed deploy leaves what was running in place, and deploys of later commits
 * keep what earlier ones shipped, so neither resets the date. Null when no successful deploy is in
 * place.
 */
export function environmentSince(deploys: readonly DeployRow[]): EnvironmentSince | null {
  const oldestFirst = [...deploys].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  let since: DeployRow | null = null;
  for (const deploy of oldestFirst) {
    if (deploy.state === 'rolled_back') since = null;
    else if (deploy.state === 'successful' && since === null) since = deploy;
  }
  if (!since) return null;
  const committed = since.issueCommitAt ? Date.parse(since.issueCommitAt) : Number.NaN;
  const finished = Date.parse(since.finishedAt ?? since.startedAt);
  const afterCommitMs = Number.isNaN(committed) || committed > finished ? null : finished - committed;
  return { since: since.finishedAt ?? since.startedAt, afterCommitMs };
}

const deploys = (n: number) => (n === 1 ? '1 deploy' : `${n} deploys`);

/**
 * What the list holds of the issue's deploys. The stored total counts real deploys (a run seen
 * through two connections once) in projects the viewer sees, counted when they were stored.
 */
export function totalLine(shown: number, total: number | null, issueKey: string): string {
  if (total === null) return `${shown} most recent deploys shown; older ones are stored`;
  if (shown >= total) return `${deploys(shown)} of ${issueKey}, all shown`;
  return `${shown} of ${deploys(total)} of ${issueKey} shown, newest first (each run counted once)`;
}
