import type { Commit } from '../domain/build';
import { linkableIssueKeys } from '../domain/issue-keys';
import type { ProjectConfig } from '../domain/project-config';

/**
 * The issues a deploy links to, as the project's issue integration settings say: nothing when
 * linking is off, otherwise keys found in the commit messages and/or the branch name, of projects
 * that exist on the site (or of this project only), the project's own keys first.
 */
export function issueKeysFor(
  config: ProjectConfig,
  texts: { readonly commits: readonly Commit[]; readonly branch: string | null },
  siteProjectKeys: readonly string[],
): string[] {
  const settings = config.issueIntegration;
  if (settings.provider === 'none') return [];
  const scanned: string[] = [];
  if (settings.scanBranchNames && texts.branch) scanned.push(texts.branch);
  if (settings.scanCommitMessages) scanned.push(...texts.commits.map((c) => c.message));
  return linkableIssueKeys(scanned, {
    siteProjectKeys,
    ownProjectKey: config.projectKey,
    onlyProjects: settings.keyScope === 'this-project' ? [config.projectKey] : undefined,
  });
}
