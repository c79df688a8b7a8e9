import type { Manifest } from '../manifest';
import { scopeNames } from '../manifest';
import type { DevopsApi } from './devops-store';
import { errorMessages } from './devops-submit';
import type { AppDeclarations, RouteContext } from './http';

export const NO_DECLARATIONS: AppDeclarations = { modules: [], scopes: [] };

export function appDeclarations(manifest: Manifest): AppDeclarations {
  const modules = Object.entries(manifest.modules)
    .filter(([, list]) => Array.isArray(list) && list.length > 0)
    .map(([type]) => type);
  return { modules, scopes: scopeNames(manifest) };
}

const MODULE: Record<DevopsApi, string> = { deployments: 'devops:deploymentInfoProvider', builds: 'devops:buildInfoProvider' };
const SCOPE_NOUN: Record<DevopsApi, string> = { deployments: 'deployment-info', builds: 'build-info' };

export type DevopsOperation = 'read' | 'write' | 'delete';

/**
 * Who may call a devops API, and whether a test made it fail. Jira answers 403 to an app that does
 * not declare the provider module or the operation's scope (the document's 403s). The API belongs
 * to the app, so `asUser()` is refused too. A fault from `site.devops.failNext` comes first, as
 * rate limiting does in front of Jira. https://developer.atlassian.com/cloud/jira/software/rest/api-group-deployments/
 */
export function refuse(context: RouteContext, api: DevopsApi, operation: DevopsOperation): Response | undefined {
  const fault = context.site.devops.takeFault(api);
  if (fault) {
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    const message = fault.status === 429 ? 'API rate limit has been exceeded.' : 'Service is unavailable due to maintenance or other reasons.';
    return errorMessages(fault.status, [message], headers);
  }
  if (context.actor.type !== 'app') {
    return errorMessages(403, [`Jira's ${api} API accepts only the app: call it with asApp().requestJira(...), not asUser().`]);
  }
  const module = MODULE[api];
  if (!context.declarations.modules.includes(module)) {
    return errorMessages(403, [`The app does not define the ${module} module, which Jira requires before it accepts ${api} data: declare it in manifest.yml.`]);
  }
  const scope = `${operation}:${SCOPE_NOUN[api]}:jira`;
  if (!context.declarations.scopes.includes(scope)) {
    return errorMessages(403, [`The app does not have the ${scope} scope this operation requires: add it to permissions.scopes in manifest.yml.`]);
  }
  return undefined;
}
