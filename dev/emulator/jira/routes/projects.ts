import { jsonResponse } from '../../types';
import { intParam, JiraHttpError, listParam, type Route, type RouteContext } from '../http';
import { projectDetailJson, projectJson } from '../representations';
import type { Actor, JiraProject, JiraSite } from '../site';
import { projectNotFound } from './permissions';

const ORDERS: Record<string, (a: JiraProject, b: JiraProject) => number> = {
  key: (a, b) => a.key.localeCompare(b.key),
  name: (a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
};

function comparator(orderBy: string): (a: JiraProject, b: JiraProject) => number {
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[-+]/, '');
  const compare = ORDERS[field];
  if (!compare) {
    throw new JiraHttpError(400, [
      `The emulator sorts projects by key or name only, not '${orderBy}'. Extend dev/emulator/jira/routes/projects.ts if the app needs it.`,
    ]);
  }
  return descending ? (a, b) => compare(b, a) : compare;
}

/** The `action` parameter: what the caller must be able to do in a project for it to be listed. */
function actionFilter(site: JiraSite, actor: Actor, action: string): (project: JiraProject) => boolean {
  switch (action) {
    case 'view':
      return (p) => site.canViewProject(actor, p);
    case 'browse':
      return (p) => site.canBrowse(actor, p);
    case 'edit':
      return (p) => site.hasProjectPermission(actor, p, 'EDIT_ISSUES');
    case 'create':
      return (p) => site.hasProjectPermission(actor, p, 'CREATE_ISSUES');
    default:
      throw new JiraHttpError(400, [`The value '${action}' of the 'action' parameter is not one of view, browse, edit, create.`]);
  }
}

/** GET /rest/api/3/project/search */
function searchProjects({ site, actor, url }: RouteContext): Response {
  const startAt = intParam(url, 'startAt', 0);
  // Jira caps a page at 100 and quietly uses 100 for anything larger.
  const maxResults = Math.min(intParam(url, 'maxResults', 50), 100);
  const ids = new Set(listParam(url, 'id'));
  const keys = new Set(listParam(url, 'keys').map((k) => k.toUpperCase()));
  const typeKeys = new Set(listParam(url, 'typeKey'));
  const query = url.searchParams.get('query')?.toLowerCase();
  const expand = new Set(listParam(url, 'expand'));
  const visible = actionFilter(site, actor, url.searchParams.get('action') ?? 'view');
  const matching = site
    .projects()
    .filter(visible)
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter((p) => keys.size === 0 || keys.has(p.key))
    .filter((p) => typeKeys.size === 0 || typeKeys.has(p.projectTypeKey))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
    .sort(comparator(url.searchParams.get('orderBy') ?? 'key'));
  const page = matching.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= matching.length;
  const pageUrl = (start: number): string => {
    const next = new URL(`${site.baseUrl}${url.pathname}${url.search}`);
    next.searchParams.set('startAt', String(start));
    next.searchParams.set('maxResults', String(maxResults));
    return next.toString();
  };
  return jsonResponse(200, {
    self: pageUrl(startAt),
    ...(isLast ? {} : { nextPage: pageUrl(startAt + maxResults) }),
    maxResults,
    startAt,
    total: matching.length,
    isLast,
    values: page.map((p) => projectJson(site, p, expand)),
  });
}

/** GET /rest/api/3/project/{projectIdOrKey} */
function getProject({ site, actor, params }: RouteContext): Response {
  const ref = params[0] ?? '';
  const project = site.project(ref);
  // Jira does not tell a project the caller may not see from one that does not exist.
  if (!project || !site.canViewProject(actor, project)) throw new JiraHttpError(404, [projectNotFound(ref)]);
  return jsonResponse(200, projectDetailJson(site, project));
}

export const projectRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/project\/search$/, handler: searchProjects },
  { method: 'GET', pattern: /^\/rest\/api\/3\/project\/([^/]+)$/, handler: getProject },
];
