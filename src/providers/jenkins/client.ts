import type { z } from 'zod';
import type { ConnectionSecret, JenkinsConnection } from '../../domain/connection';
import { HttpClient, type JsonResponse } from '../http/client';
import type { HintOverrides } from '../http/status-errors';
import type { ProviderDeps } from '../http/types';
import { jobUrl } from './map-jobs';
import { BUILD_FIELDS, buildsTree, jobsTree } from './tree';
import { buildSchema, jobBuildsSchema, jobSchema, queueItemSchema, queueSchema, rootSchema, runSchema, whoAmISchema } from './wire';

const JENKINS_HINTS: HintOverrides = {
  AuthError:
    "Check the Jenkins user name and API token (the user's Configure page, API Token). The token may have " +
    'been revoked, or the URL may point at a different Jenkins.',
  PermissionError:
    'The Jenkins user needs the Overall/Read and Job/Read permissions (on every folder to be tracked). ' +
    'If it has them, check that no proxy strips the Authorization header: Jenkins refuses anonymous requests the same way.',
  NotFound: 'Check the Jenkins URL, including its context path when Jenkins runs under one (https://ci.example.com:8443/jenkins).',
  ServiceUnavailable:
    'Jenkins answers this while it is starting or in quiet-down mode (preparing for a restart). Retry in a few minutes.',
};

export const STAGES_HINTS: HintOverrides = {
  NotFound:
    'Stages need the Pipeline Stage View plugin (pipeline-stage-view, which provides /wfapi), and only Pipeline ' +
    'jobs have them. Install the plugin, or ignore stages for this job.',
};

/**
 * The shared HTTP layer set up for one Jenkins connection: credentials, custom headers and the
 * Jenkins troubleshooting hints. Also used by the insight capabilities (./insight), which read
 * other endpoints through the same transport.
 */
export function jenkinsHttp(connection: JenkinsConnection, secret: ConnectionSecret, deps: ProviderDeps): HttpClient {
  const basic = Buffer.from(`${connection.username}:${secret.apiToken}`, 'utf8').toString('base64');
  return new HttpClient({
    label: 'Jenkins',
    // Pre-emptive Basic authentication: Jenkins does not challenge API clients, it answers 403 or a login page.
    headers: { ...connection.customHeaders, authorization: `Basic ${basic}` },
    secrets: [secret.apiToken, basic, ...Object.values(connection.customHeaders)],
    hints: JENKINS_HINTS,
    deps,
  });
}

/** Jenkins transport: URLs, authentication and `tree=` queries. Returns wire data only. */
export class JenkinsClient {
  private readonly http: HttpClient;

  constructor(
    private readonly connection: JenkinsConnection,
    secret: ConnectionSecret,
    deps: ProviderDeps,
  ) {
    this.http = jenkinsHttp(connection, secret, deps);
  }

  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  /** The root, with one job name to show the user can see jobs; the `X-Jenkins` header has the version. */
  root() {
    return this.get(`${this.baseUrl}/api/json`, { tree: 'jobs[name]{0,1}' }, rootSchema);
  }

  whoAmI() {
    return this.get(`${this.baseUrl}/whoAmI/api/json`, { tree: 'name,anonymous,authenticated' }, whoAmISchema);
  }

  /** Jobs below a folder (the root when `path` is empty), `levels` deep, with each job's last build number. */
  jobTree(path: readonly string[], levels: number) {
    return this.get(`${this.itemUrl(path)}api/json`, { tree: jobsTree(levels) }, jobSchema);
  }

  builds(path: readonly string[], count: number) {
    return this.get(`${this.itemUrl(path)}api/json`, { tree: buildsTree(count) }, jobBuildsSchema);
  }

  build(path: readonly string[], number: number) {
    return this.get(`${this.itemUrl(path)}${number}/api/json`, { tree: BUILD_FIELDS }, buildSchema);
  }

  stages(path: readonly string[], number: number) {
    return this.http.getJson(`${this.itemUrl(path)}${number}/wfapi/describe`, runSchema, { hints: STAGES_HINTS });
  }

  queue() {
    return this.get(`${this.baseUrl}/queue/api/json`, {}, queueSchema);
  }

  /** A queue item, also after it left the queue (`executable` then names the build). */
  queueItem(id: number) {
    return this.get(`${this.baseUrl}/queue/item/${id}/api/json`, {}, queueItemSchema);
  }

  private itemUrl(path: readonly string[]): string {
    return path.length ? jobUrl(this.baseUrl, path) : `${this.baseUrl}/`;
  }

  private get<T>(url: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<JsonResponse<T>> {
    const search = new URLSearchParams(query).toString();
    return this.http.getJson(search ? `${url}?${search}` : url, schema);
  }
}
