import { emptyResponse, jsonResponse } from '../../types';
import { refuse } from '../devops-access';
import { buildId, deploymentId, type DevopsApi } from '../devops-store';
import { BUILDS, DEPLOYMENTS, errorMessages, submitBulk } from '../devops-submit';
import type { Route, RouteContext } from '../http';

/**
 * Jira Software's deployments and builds APIs (vendor/atlassian-openapi/jira-software.v3.json),
 * which Forge apps call with `asApp().requestJira`. Jira applies submissions and deletes
 * asynchronously; the emulator applies them at once, which only ever makes data appear sooner.
 */

const MAX_ID = 255;

/** A path's id and number parameters, or the 400 Jira answers for them. */
function pathKey(params: readonly string[], ids: number): { ids: string[]; number: number } | Response {
  const idParams = params.slice(0, ids);
  const raw = params[ids] ?? '';
  const tooLong = idParams.find((p) => [...p].length > MAX_ID);
  if (tooLong !== undefined) return errorMessages(400, [`The id '${tooLong.slice(0, 40)}…' is longer than ${MAX_ID} characters.`]);
  const number = /^-?\d{1,19}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(number)) return errorMessages(400, [`'${raw}' is not an integer.`]);
  return { ids: idParams, number };
}

function refuseDeprecated(context: RouteContext): Response | undefined {
  return context.url.searchParams.has('_updateSequenceNumber')
    ? errorMessages(400, ['The _updateSequenceNumber parameter is no longer supported: delete without it.'])
    : undefined;
}

function byKey(api: DevopsApi, method: 'GET' | 'DELETE') {
  return (context: RouteContext): Response => {
    const refused = refuse(context, api, method === 'GET' ? 'read' : 'delete') ?? (method === 'DELETE' ? refuseDeprecated(context) : undefined);
    if (refused) return refused;
    const key = pathKey(context.params, api === 'deployments' ? 2 : 1);
    if (key instanceof Response) return key;
    const store = context.site.devops;
    const [pipelineId = '', environmentId = ''] = key.ids;
    const id = api === 'deployments' ? deploymentId(pipelineId, environmentId, key.number) : buildId(pipelineId, key.number);
    if (method === 'DELETE') {
      if (api === 'deployments') store.deleteDeployment(id);
      else store.deleteBuild(id);
      return emptyResponse(202);
    }
    const found = api === 'deployments' ? store.deployment(id) : store.build(id);
    return found ? jsonResponse(200, found.data) : errorMessages(404, [`No data found for the given ${api === 'deployments' ? 'deployment' : 'build'} ID.`]);
  };
}

function byProperties(api: DevopsApi) {
  return (context: RouteContext): Response => {
    const refused = refuse(context, api, 'delete') ?? refuseDeprecated(context);
    if (refused) return refused;
    const match: Record<string, string> = {};
    for (const name of new Set(context.url.searchParams.keys())) {
      const values = context.url.searchParams.getAll(name);
      if (values.length > 1) return errorMessages(400, [`The property '${name}' is given ${values.length} times; give each property once.`]);
      match[name] = values[0] ?? '';
    }
    if (Object.keys(match).length === 0) {
      return errorMessages(400, ['Give at least one property to delete by, e.g. bulkByProperties?accountId=account-123.']);
    }
    if (api === 'deployments') context.site.devops.deleteDeploymentsByProperties(match);
    else context.site.devops.deleteBuildsByProperties(match);
    return emptyResponse(202);
  };
}

function bulk(api: DevopsApi) {
  return (context: RouteContext): Response =>
    refuse(context, api, 'write') ?? submitBulk(api === 'deployments' ? DEPLOYMENTS : BUILDS, context.site, context.body);
}

const DEPLOYMENT_KEY = /^\/rest\/deployments\/0\.1\/pipelines\/([^/]+)\/environments\/([^/]+)\/deployments\/([^/]+)$/;
const BUILD_KEY = /^\/rest\/builds\/0\.1\/pipelines\/([^/]+)\/builds\/([^/]+)$/;

export const devopsRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/rest\/deployments\/0\.1\/bulk$/, handler: bulk('deployments') },
  { method: 'GET', pattern: DEPLOYMENT_KEY, handler: byKey('deployments', 'GET') },
  { method: 'DELETE', pattern: DEPLOYMENT_KEY, handler: byKey('deployments', 'DELETE') },
  { method: 'DELETE', pattern: /^\/rest\/deployments\/0\.1\/bulkByProperties$/, handler: byProperties('deployments') },
  { method: 'POST', pattern: /^\/rest\/builds\/0\.1\/bulk$/, handler: bulk('builds') },
  { method: 'GET', pattern: BUILD_KEY, handler: byKey('builds', 'GET') },
  { method: 'DELETE', pattern: BUILD_KEY, handler: byKey('builds', 'DELETE') },
  { method: 'DELETE', pattern: /^\/rest\/builds\/0\.1\/bulkByProperties$/, handler: byProperties('builds') },
];
