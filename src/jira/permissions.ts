import api, { route } from '@forge/api';
import { z } from 'zod';
import { ForbiddenError, JiraUnavailable } from './errors';

/**
 * Authorization from Jira itself, asked as the invocation's own user: `asUser()` without an
 * account id, since passing one is impersonation, which Forge allows only with scopes marked
 * `allowImpersonation` and means for code that runs without a user. Nothing the browser sends
 * decides what a user may do. Without a user in the context, the `require*` checks refuse before
 * asking Jira.
 */
const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/** The caller's permissions from Jira (all false where Jira hides the project or issue). */
export async function myPermissions(query: Record<string, string>, keys: readonly string[]): Promise<Record<string, boolean>> {
  const params = new URLSearchParams({ ...query, permissions: keys.join(',') });
  const response = await api
    .asUser()
    .requestJira(route`/rest/api/3/mypermissions?${params}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 400) return Object.fromEntries(keys.map((k) => [k, false]));
  if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when checking permissions`);
  const parsed = myPermissionsSchema.safeParse(await response.json());
  if (!parsed.success) throw new JiraUnavailable('Jira answered permissions in an unexpected shape');
  return Object.fromEntries(keys.map((k) => [k, parsed.data.permissions[k]?.havePermission === true]));
}

export async function isJiraAdmin(): Promise<boolean> {
  const result = await myPermissions({}, ['ADMINISTER']);
  return result['ADMINISTER'] === true;
}

export async function isProjectAdmin(projectKey: string): Promise<boolean> {
  const result = await myPermissions({ projectKey }, ['ADMINISTER_PROJECTS', 'ADMINISTER']);
  return result['ADMINISTER_PROJECTS'] === true || result['ADMINISTER'] === true;
}

export async function canBrowseIssue(issueKey: string): Promise<boolean> {
  const result = await myPermissions({ issueKey }, ['BROWSE_PROJECTS']);
  return result['BROWSE_PROJECTS'] === true;
}

export async function canBrowseProject(projectKey: string): Promise<boolean> {
  const result = await myPermissions({ projectKey }, ['BROWSE_PROJECTS']);
  return result['BROWSE_PROJECTS'] === true;
}

export async function requireJiraAdmin(accountId: string | undefined): Promise<string> {
  if (!accountId || !(await isJiraAdmin())) {
    throw new ForbiddenError('Only Jira administrators can change site-wide CI connections.');
  }
  return accountId;
}

export async function requireProjectAdmin(accountId: string | undefined, projectKey: string): Promise<string> {
  if (!accountId || !(await isProjectAdmin(projectKey))) {
    throw new ForbiddenError(`Only administrators of project ${projectKey} can change its Deploy Tracker settings.`);
  }
  return accountId;
}

export async function requireIssueAccess(accountId: string | undefined, issueKey: string): Promise<string> {
  if (!accountId || !(await canBrowseIssue(issueKey))) {
    throw new ForbiddenError(`You do not have permission to see ${issueKey}.`);
  }
  return accountId;
}
