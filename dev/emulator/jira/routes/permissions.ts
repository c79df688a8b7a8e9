import { z } from 'zod';
import { jsonResponse } from '../../types';
import { JiraHttpError, listParam, parseBody, type Route, type RouteContext } from '../http';
import { isGlobalPermission, isProjectPermission, permissionInfo } from '../permission-keys';
import type { ProjectPermissionKey } from '../permission-keys';
import type { Actor, JiraIssue, JiraProject, JiraSite } from '../site';

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function projectNotFound(idOrKey: string): string {
  return /^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`;
}

function unrecognized(keys: readonly string[]): JiraHttpError {
  return new JiraHttpError(400, [], Object.fromEntries(keys.map((k) => [k, 'Unrecognized permission'])));
}

/** Where a project permission is asked about: one issue, one project, or anywhere on the site. */
type Scope = { issue: JiraIssue } | { project: JiraProject } | 'site';

function scopeOf(context: RouteContext): Scope {
  const { site, actor, url } = context;
  const issueRef = url.searchParams.get('issueId') ?? url.searchParams.get('issueKey');
  if (issueRef) {
    const issue = site.issue(issueRef);
    if (!issue || !site.canBrowse(actor, site.projectOf(issue))) throw new JiraHttpError(404, [ISSUE_NOT_FOUND]);
    return { issue };
  }
  const projectRef = url.searchParams.get('projectId') ?? url.searchParams.get('projectKey');
  if (projectRef) {
    const project = site.project(projectRef);
    if (!project || !site.canViewProject(actor, project)) throw new JiraHttpError(404, [projectNotFound(projectRef)]);
    return { project };
  }
  return 'site';
}

function holdsProjectPermission(site: JiraSite, actor: Actor, scope: Scope, key: ProjectPermissionKey): boolean {
  if (scope === 'site') return site.projects().some((p) => site.hasProjectPermission(actor, p, key));
  const project = 'issue' in scope ? site.projectOf(scope.issue) : scope.project;
  return site.hasProjectPermission(actor, project, key);
}

/** GET /rest/api/3/mypermissions */
function myPermissions(context: RouteContext): Response {
  const { site, actor, url } = context;
  const keys = [...new Set(listParam(url, 'permissions'))];
  if (keys.length === 0) {
    throw new JiraHttpError(400, ["The 'permissions' query parameter is required: a comma-separated list of permission keys, e.g. permissions=BROWSE_PROJECTS."]);
  }
  const unknown = keys.filter((k) => !permissionInfo(k));
  if (unknown.length) throw unrecognized(unknown);
  const scope = scopeOf(context);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const info = permissionInfo(key);
    if (!info) continue;
    const havePermission = isGlobalPermission(key)
      ? site.hasGlobalPermission(actor, key)
      : isProjectPermission(key) && holdsProjectPermission(site, actor, scope, key);
    permissions[key] = { ...info, havePermission };
  }
  return jsonResponse(200, { permissions });
}

const bulkRequestSchema = z.object({
  accountId: z.string().min(1).max(128).optional(),
  globalPermissions: z.array(z.string().nullable()).optional(),
  projectPermissions: z
    .array(
      z.object({
        permissions: z.array(z.string().nullable()),
        projects: z.array(z.number().int().nullable()).optional(),
        issues: z.array(z.number().int().nullable()).optional(),
      }),
    )
    .optional(),
});

const nonNull = <T>(values: readonly (T | null)[] | undefined): T[] => (values ?? []).filter((v): v is T => v !== null);

/** Whose permissions to check: the caller's, or another user's (only Jira admins and apps may ask). */
function subjectOf(site: JiraSite, actor: Actor, accountId: string | undefined): Actor {
  if (accountId === undefined) return actor;
  if (actor.type === 'user' && actor.user.accountId === accountId) return actor;
  if (!site.hasGlobalPermission(actor, 'ADMINISTER')) {
    throw new JiraHttpError(403, ['Only Jira administrators can perform this operation.']);
  }
  const user = site.user(accountId);
  if (!user) throw new JiraHttpError(400, [], { accountId: `The user with account ID '${accountId}' does not exist.` });
  return user.accountType === 'app' ? { type: 'app' } : { type: 'user', user };
}

/** POST /rest/api/3/permissions/check */
function bulkPermissions(context: RouteContext): Response {
  const { site, actor } = context;
  const request = parseBody(bulkRequestSchema, context.body);
  const globals = [...new Set(nonNull(request.globalPermissions))];
  const entries = (request.projectPermissions ?? []).map((entry) => ({
    permissions: [...new Set(nonNull(entry.permissions).filter((p) => p !== ''))],
    projects: nonNull(entry.projects),
    issues: nonNull(entry.issues),
  }));
  const unknown = [...globals.filter((k) => !isGlobalPermission(k)), ...entries.flatMap((e) => e.permissions.filter((k) => !isProjectPermission(k)))];
  if (unknown.length) throw unrecognized(unknown);
  if (entries.some((e) => e.permissions.length === 0)) {
    throw new JiraHttpError(400, ['Each item of projectPermissions needs at least one project permission.']);
  }
  if (entries.reduce((n, e) => n + e.projects.length, 0) > 1000 || entries.reduce((n, e) => n + e.issues.length, 0) > 1000) {
    throw new JiraHttpError(400, ['At most 1000 projects and 1000 issues can be checked in one request.']);
  }
  const subject = subjectOf(site, actor, request.accountId);
  const projectPermissions = entries.flatMap((entry) =>
    entry.permissions.filter(isProjectPermission).map((permission) => ({
      permission,
      // Ids that name nothing are ignored, as the documentation says.
      projects: entry.projects.filter((id) => {
        const project = site.project(String(id));
        return project !== undefined && project.id === String(id) && site.hasProjectPermission(subject, project, permission);
      }),
      issues: entry.issues.filter((id) => {
        const issue = site.issue(String(id));
        return issue !== undefined && issue.id === String(id) && site.hasProjectPermission(subject, site.projectOf(issue), permission);
      }),
    })),
  );
  return jsonResponse(200, {
    globalPermissions: globals.filter(isGlobalPermission).filter((k) => site.hasGlobalPermission(subject, k)),
    projectPermissions,
  });
}

export const permissionRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/mypermissions$/, handler: myPermissions },
  { method: 'POST', pattern: /^\/rest\/api\/3\/permissions\/check$/, handler: bulkPermissions },
];
