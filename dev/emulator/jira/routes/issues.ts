import { jsonResponse } from '../../types';
import { matchIncidents, parseIncidentJql, searchBodySchema } from '../incident-jql';
import { intParam, JiraHttpError, listParam, parseBody, type Route, type RouteContext } from '../http';
import { issueJson, selectFields } from '../representations';
import { ISSUE_NOT_FOUND } from './permissions';

export const NO_JQL =
  'The local Forge emulator evaluates no JQL: the app sends none. Emulate the query the app now needs in dev/emulator/jira/routes/issues.ts, with tests.';

/**
 * GET and POST /rest/api/3/search/jql. The emulator evaluates only the query the app sends (the
 * DORA incidents, incident-jql.ts); any other JQL answers Jira's 400 rather than a result that
 * would only look right.
 */
function search({ site, actor, method, url, body }: RouteContext): Response {
  const input =
    method === 'POST'
      ? parseBody(searchBodySchema, body)
      : { jql: url.searchParams.get('jql') ?? '', fields: listParam(url, 'fields'), maxResults: intParam(url, 'maxResults', 50, 1), nextPageToken: url.searchParams.get('nextPageToken') ?? undefined };
  // The one query the app sends (the DORA incidents); any other JQL stays unevaluated.
  const query = parseIncidentJql(input.jql);
  if (!query) throw new JiraHttpError(400, [NO_JQL]);
  const visible = matchIncidents(site, query).filter((issue) => site.canBrowse(actor, site.projectOf(issue)));
  const start = Number(input.nextPageToken ?? '0') || 0;
  const size = Math.min(input.maxResults ?? 50, 100);
  const page = visible.slice(start, start + size);
  const fields = selectFields(input.fields ?? [], ['*navigable']);
  const more = start + size < visible.length;
  return jsonResponse(200, { issues: page.map((issue) => issueJson(site, issue, fields)), ...(more ? { nextPageToken: String(start + size) } : {}), isLast: !more });
}

/** GET /rest/api/3/issue/{issueIdOrKey} */
function getIssue({ site, actor, url, params }: RouteContext): Response {
  const issue = site.issue(params[0] ?? '');
  // Jira does not tell an issue the caller may not see from one that does not exist.
  if (!issue || !site.canBrowse(actor, site.projectOf(issue))) throw new JiraHttpError(404, [ISSUE_NOT_FOUND]);
  return jsonResponse(200, issueJson(site, issue, selectFields(listParam(url, 'fields'), ['*all'])));
}

export const issueRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: search },
  { method: 'POST', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: search },
  { method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, handler: getIssue },
];
