/**
 * The emulated Jira Cloud REST API that `requestJira` reaches.
 *
 * Fidelity. Enforced: the acting identity (`asApp()` and plain `requestJira` act as the app's user,
 * which sees only projects whose schemes grant it, once the grants have arrived after install (site.ts);
 * `asUser()` acts as the invoking user; `asUser(accountId)` is impersonation, refused (401) unless the
 * manifest's scopes allow it; a call with no user, an unknown or a deactivated user answers 401);
 * per-project permissions (Browse Projects,
 * Administer Projects, ...) and global ones (Administer Jira, Browse users and groups) on every
 * route; Jira admins administer every project; issues and projects a user may not see answer 404
 * exactly like missing ones; the documented response shapes of mypermissions, permissions/check,
 * project search and get, issue get, myself and user; 400 with Jira's `errorMessages`/`errors` for
 * invalid bodies and unknown permission keys, and for every JQL search (the app sends none, so
 * none is evaluated). Unknown routes answer a loud 404 naming the route. Jira Software's deployments
 * and builds APIs (routes/devops.ts): bodies checked against Atlassian's published schemas, their
 * rules (500 association values, updateSequenceNumber order, unknown issue keys), and 403 unless the
 * manifest declares the provider module and the operation's scope; what they accept lives in
 * memory per site (`site.devops`), so `npm start` forgets it on restart like the rest of the site.
 * Not enforced: OAuth scopes elsewhere (the manifest's `permissions.scopes`, checked offline by
 * `npm run lint:forge`), Jira's rate limits (the devops APIs answer 429/503 on `site.devops.failNext`), issue-level security, project roles and groups as
 * such (grants are per user), JQL, fields beyond summary, status, issuetype, project, created
 * and updated, and `expand` on issues.
 */
import type { PlatformRequest, PlatformService } from '../types';
import { jsonResponse } from '../types';
import { JiraHttpError, jiraError, type AppDeclarations, type Route } from './http';
import { NO_DECLARATIONS } from './devops-access';
import { devopsRoutes } from './routes/devops';
import { issueRoutes } from './routes/issues';
import { permissionRoutes } from './routes/permissions';
import { projectRoutes } from './routes/projects';
import { userRoutes } from './routes/users';
import { APP_ACTOR, type Actor, type JiraSite } from './site';

/** One request as the emulated Jira saw it; `as` is `app` or `user:<accountId>` (`user:?` when no user was known). */
export interface JiraRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly as: string;
}

const ROUTES: readonly Route[] = [...permissionRoutes, ...projectRoutes, ...issueRoutes, ...userRoutes, ...devopsRoutes];
const LOG_LIMIT = 10_000;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Forge's gateway answers identity problems itself, in its own `{ code, message }` shape rather than Jira's. */
function forgeUnauthorized(message: string): Response {
  return jsonResponse(401, { code: 401, message: `Unauthorized; ${message}` });
}

export interface JiraServiceOptions {
  /** Whether the manifest lets `asUser(accountId)` impersonate (read live: tests may swap manifests). */
  readonly allowsImpersonation: () => boolean;
  /** The manifest's modules and scopes (read live), which the devops APIs check; none when absent. */
  readonly declarations?: () => AppDeclarations;
}

export class JiraService implements PlatformService {
  /** Every request received, oldest first (the last 10,000), for tests and benchmarks. */
  readonly requests: JiraRequestLogEntry[] = [];

  constructor(
    private readonly site: JiraSite,
    private readonly options: JiraServiceOptions = { allowsImpersonation: () => false },
  ) {}

  async handle(request: PlatformRequest): Promise<Response> {
    const actor = this.actorFor(request);
    this.log({
      method: request.method,
      path: request.path,
      as: actor instanceof Response ? 'user:?' : actor.type === 'app' ? 'app' : `user:${actor.user.accountId}`,
    });
    if (actor instanceof Response) return actor;
    const url = new URL(request.path, this.site.baseUrl);
    for (const route of ROUTES) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      try {
        return route.handler({
          site: this.site,
          actor,
          method: request.method,
          url,
          params: match.slice(1).map(safeDecode),
          body: request.body,
          declarations: this.options.declarations?.() ?? NO_DECLARATIONS,
        });
      } catch (error) {
        if (error instanceof JiraHttpError) return jiraError(error.status, error.errorMessages, error.errors);
        throw error;
      }
    }
    const message = `The local Forge emulator does not emulate Jira's ${request.method} ${url.pathname}: add it under dev/emulator/jira/routes/ (see jira-platform.v3.json for its shape).`;
    console.warn(message);
    return jiraError(404, [message]);
  }

  /**
   * Who the request acts as. `@forge/api` sends `asUser()` as `{ provider: 'user' }` and
   * `asUser(accountId)` as `{ provider: 'user', accountId }`; the second is user impersonation,
   * which Forge grants only to scopes declared with `allowImpersonation: true`
   * (https://developer.atlassian.com/platform/forge/manifest-reference/permissions,
   * https://developer.atlassian.com/platform/forge/apis-reference/fetch-api-product.requestconfluence/).
   * The docs give no status for a refusal: the emulator answers 401 in the proxy's own shape.
   */
  private actorFor(request: PlatformRequest): Actor | Response {
    if (request.target.provider !== 'user') return APP_ACTOR;
    const impersonated = request.target.accountId;
    if (impersonated !== undefined && !this.options.allowsImpersonation()) {
      return forgeUnauthorized(
        `asUser('${impersonated}') is user impersonation, which needs the manifest's permissions.scopes declared as a map with allowImpersonation: true. Where the invocation has a user (resolvers, actions), call asUser() with no argument.`,
      );
    }
    const accountId = impersonated ?? request.invocation?.accountId;
    if (!accountId) {
      return forgeUnauthorized(
        'asUser() needs a user, and this call has none: scheduled triggers, queue consumers and web triggers run without one. Use asApp(), or asUser(accountId) with scopes that allow impersonation.',
      );
    }
    const user = this.site.user(accountId);
    if (!user || user.accountType !== 'atlassian') return forgeUnauthorized(`no user with accountId '${accountId}' on this site.`);
    if (!user.active) return forgeUnauthorized(`the user '${accountId}' is deactivated.`);
    return { type: 'user', user };
  }

  private log(entry: JiraRequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT + 1000) this.requests.splice(0, this.requests.length - LOG_LIMIT);
  }
}
