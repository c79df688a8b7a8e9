import api, { route } from '@forge/api';
import { z } from 'zod';
import { ForbiddenError, JiraUnavailable } from './errors';

/**
 * Authorization from Jira itself, asked as the acting user. The user comes from the Forge
 * context of the invocation; nothing the browser sends decides what a user may do.
 */
const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

async function myPermissions(accountId: string, query: Record<string, string>, keys: readonly string[]): Promise<Record<string, boolean>> {
  const params = new URLSearchParams({ ...query, permissions: keys.join(',') });
  const response = await api
    .asUser(accountId)
    .requestJira(route`/rest/api/3/mypermissions?${params}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 400) return Object.fromEntries(keys.map((k) => [k, false]));
  if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when checking permissions`);
  const parsed = myPermissionsSchema.safeParse(await response.json());
  if (!parsed.success) throw new JiraUnavailable('Jira answered permissions in an unexpected shape');
  return Object.fromEntries(keys.map((k) => [k, parsed.data.permissions[k]?.havePermission === true]));
}

export async function isJiraAdmin(accountId: string): Promise<boolean> {
  const result = await myPermissions(accountId, {}, ['ADMINISTER']);
  return result['ADMINISTER'] === true;
}

export async function isProjectAdmin(accountId: string, projectKey: string): Promise<boolean> {
  const result = await myPermissions(accountId, { projectKey }, ['ADMINISTER_PROJECTS', 'ADMINISTER']);
  return result['ADMINISTER_PROJECTS'] === true || result['ADMINISTER'] === true;
}

export async function canBrowseIssue(accountId: string, issueKey: string): Promise<boolean> {
  const result = await myPermissions(accountId, { issueKey }, ['BROWSE_PROJECTS']);
  return result['BROWSE_PROJECTS'] === true;
}

export async function canBrowseProject(accountId: string, projectKey: string): Promise<boolean> {
  const result = await myPermissions(accountId, { projectKey }, ['BROWSE_PROJECTS']);
  return result['BROWSE_PROJECTS'] === true;
}

export async function requireJiraAdmin(accountId: string | undefined): Promise<string> {
  if (!accountId || !(await isJiraAdmin(accountId))) {
    throw new ForbiddenError('Only Jira administrators can change site-wide CI connections.');
  }
  return accountId;
}

export async function requireProjectAdmin(accountId: string | undefined, projectKey: string): Promise<string> {
  if (!accountId || !(await isProjectAdmin(accountId, projectKey))) {
    throw new ForbiddenError(`Only administrators of project ${projectKey} can change its Deploy Tracker settings.`);
  }
  return accountId;
}

export async function requireIssueAccess(accountId: string | undefined, issueKey: string): Promise<string> {
  if (!accountId || !(await canBrowseIssue(accountId, issueKey))) {
    throw new ForbiddenError(`You do not have permission to see ${issueKey}.`);
  }
  return accountId;
}
