import { jsonResponse } from '../../types';
import { JiraHttpError, type Route, type RouteContext } from '../http';
import { userJson } from '../representations';

/** GET /rest/api/3/myself: the acting user, or the app's own account for `asApp()`. */
function myself({ site, actor }: RouteContext): Response {
  const user = actor.type === 'app' ? site.appUser : actor.user;
  return jsonResponse(200, userJson(site, user, { withEmail: true }));
}

/** GET /rest/api/3/user?accountId= */
function getUser({ site, actor, url }: RouteContext): Response {
  const accountId = url.searchParams.get('accountId');
  if (!accountId) throw new JiraHttpError(400, ["The 'accountId' query parameter is required."]);
  if (!site.hasGlobalPermission(actor, 'USER_PICKER')) {
    throw new JiraHttpError(403, ['You do not have the Browse users and groups permission needed to see users.']);
  }
  const user = site.user(accountId);
  if (!user) throw new JiraHttpError(404, ['Specified user does not exist or you do not have required permissions']);
  const own = actor.type === 'user' && actor.user.accountId === accountId;
  return jsonResponse(200, userJson(site, user, { withEmail: own }));
}

export const userRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/myself$/, handler: myself },
  { method: 'GET', pattern: /^\/rest\/api\/3\/user$/, handler: getUser },
];
