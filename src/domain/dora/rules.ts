import { globToRegExp } from '../glob';
import type { DoraSettings } from './settings';

/** What the measures need to know of a Jira issue. */
export interface IssueFacts {
  readonly key: string;
  readonly projectKey: string;
  readonly issueType: string;
  readonly labels: readonly string[];
}

const lower = (values: readonly string[]) => new Set(values.map((v) => v.toLowerCase()));

export function isIncident(issue: IssueFacts, settings: DoraSettings): boolean {
  const { issueTypes, labels, projectKeys } = settings.incidents;
  return (
    projectKeys.includes(issue.projectKey) ||
    lower(issueTypes).has(issue.issueType.toLowerCase()) ||
    issue.labels.some((l) => lower(labels).has(l.toLowerCase()))
  );
}

/** An unplanned fix: its branch matches a pattern, or one of its issues has a fix type or label. */
export function isFix(deploy: { readonly branch: string | null; readonly issueKeys: readonly string[] }, issues: ReadonlyMap<string, IssueFacts>, settings: DoraSettings): boolean {
  const { issueTypes, labels, branchPatterns } = settings.fixes;
  if (deploy.branch !== null && branchPatterns.some((p) => globToRegExp(p).test(deploy.branch ?? ''))) return true;
  const types = lower(issueTypes);
  const fixLabels = lower(labels);
  return deploy.issueKeys.some((key) => {
    const issue = issues.get(key);
    return issue !== undefined && (types.has(issue.issueType.toLowerCase()) || issue.labels.some((l) => fixLabels.has(l.toLowerCase())));
  });
}

export interface TieCandidate {
  readonly id: string;
  readonly environmentId: string;
  readonly startedAt: number;
  readonly issueKeys: readonly string[];
}

/**
 * The deploy an incident is charged to, or null: the latest deploy to the environment that
 * started before the incident was opened and (per the settings) carries one of its linked issues,
 * else the latest deploy before it at all. A deploy after the incident never caused it.
 */
export function tieIncident(
  incident: { readonly createdAt: number; readonly linkedIssueKeys: readonly string[] },
  deploys: readonly TieCandidate[],
  settings: DoraSettings,
): TieCandidate | null {
  const before = deploys.filter((d) => d.startedAt < incident.createdAt).sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
  const { tie } = settings.incidents;
  if (tie !== 'latest-deploy-before') {
    const linked = before.find((d) => d.issueKeys.some((k) => incident.linkedIssueKeys.includes(k)));
    if (linked || tie === 'linked-issues') return linked ?? null;
  }
  return before[0] ?? null;
}
