import { jsonResponse } from '../../types';
import { JiraHttpError, listParam, type Route, type RouteContext } from '../http';
import { issueJson, selectFields } from '../representations';
import { ISSUE_NOT_FOUND } from './permissions';

export const NO_JQL =
  'The local Forge emulator evaluates no JQL: the app sends none. Emulate the query the app now needs in dev/emulator/jira/routes/issues.ts, with tests.';

/**
 * GET and POST /rest/api/3/search/jql. The app sends no JQL, so the emulator evaluates none: a
 * search answers Jira's 400 rather than a result that would only look right.
 */
function search(): Response {
  throw new JiraHttpError(400, [NO_JQL]);
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
