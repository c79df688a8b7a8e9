import type { z } from 'zod';
import type { ConnectionSecret, JenkinsConnection } from '../../domain/connection';
import { HttpClient, type JsonResponse } from '../http/client';
import type { HintOverrides } from '../http/status-errors';
import type { ProviderDeps } from '../http/types';
import { BUILD_HINTS, JENKINS_HINTS, JOB_HINTS, LOG_HINTS, STAGES_HINTS } from './hints';
import { logFetch, type LogRequest } from './log-fetch';
import { jobUrl } from './map-jobs';
import { BUILD_DETAILS_TREE, BUILD_FIELDS, BUILD_IDENTITY_TREE, JOB_DETAILS_TREE, QUEUE_TREE, buildRangeTree, buildsTree, jobsTree, levelTree, listingTree } from './tree';
import {
  buildDetailsSchema,
  buildIdentitySchema,
  buildSchema,
  itemClassSchema,
  jobBuildsSchema,
  jobDetailsSchema,
  jobSchema,
  logChunkSchema,
  queueSchema,
  rootSchema,
  runSchema,
  whoAmISchema,
} from './wire';

/** A build number, or the name of a Jenkins permalink (`lastBuild`, `lastFailedBuild`...), as a URL segment. */
export type BuildRef = number | 'lastBuild' | 'lastFailedBuild' | 'lastSuccessfulBuild';

function jenkinsHttp(connection: JenkinsConnection, secret: ConnectionSecret, deps: ProviderDeps): HttpClient {
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

/**
 * The one Jenkins transport, for the sync and the insight capabilities: URLs, authentication,
 * `tree=` queries and troubleshooting hints over the shared HTTP layer. Returns wire data only.
 */
export class JenkinsClient {
  private readonly http: HttpClient;

  constructor(
    private readonly connection: JenkinsConnection,
    private readonly secret: ConnectionSecret,
    private readonly deps: ProviderDeps,
  ) {
    this.http = jenkinsHttp(connection, secret, deps);
  }

  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  /** The root, with one job name to show the user can see jobs; the `X-Jenkins` header has the version. */
  root() {
    return this.get(`${this.baseUrl}/api/json`, 'jobs[name]{0,1}', rootSchema);
  }

  whoAmI() {
    return this.get(`${this.baseUrl}/whoAmI/api/json`, 'name,anonymous,authenticated', whoAmISchema);
  }

  /** Jobs below a folder (the root when `path` is empty), `levels` deep, with each job's last build number. */
  jobTree(path: readonly string[], levels: number) {
    return this.get(`${this.itemUrl(path)}api/json`, jobsTree(levels), jobSchema);
  }

  /** Items [from, to) of a folder (the root when `path` is empty), one level deep, with each job's last build number. */
  jobLevel(path: readonly string[], from: number, to: number) {
    return this.get(`${this.itemUrl(path)}api/json`, levelTree(from, to), jobSchema);
  }

  /** The items of a folder (the root when `path` is empty), `levels` deep, with colours and last builds. */
  listing(path: readonly string[], levels: number) {
    return this.get(`${this.itemUrl(path)}api/json`, listingTree(levels), jobSchema, path.length ? JOB_HINTS : {});
  }

  /** A folder's or job's class alone. */
  itemClass(path: readonly string[]) {
    return this.get(`${this.itemUrl(path)}api/json`, '_class', itemClassSchema, JOB_HINTS);
  }

  jobDetails(path: readonly string[]) {
    return this.get(`${this.itemUrl(path)}api/json`, JOB_DETAILS_TREE, jobDetailsSchema, JOB_HINTS);
  }

  /** The newest `count` builds; `legacyChanges` adds the change fields of other SCMs and old Jenkins (tree.ts). */
  builds(path: readonly string[], count: number, legacyChanges = false) {
    return this.get(`${this.itemUrl(path)}api/json`, buildsTree(count, legacyChanges), jobBuildsSchema);
  }

  /** Builds at indexes [from, to) of the job's list, newest first (the history import pages with it). */
  buildRange(path: readonly string[], from: number, to: number) {
    return this.get(`${this.itemUrl(path)}api/json`, buildRangeTree(from, to), jobBuildsSchema);
  }

  /** What the sync reads of one build. */
  build(path: readonly string[], ref: BuildRef) {
    return this.get(`${this.buildUrl(path, ref)}api/json`, BUILD_FIELDS, buildSchema, BUILD_HINTS);
  }

  /** What the sync reads of one build, and what a person looks at (display name, description, estimate). */
  buildDetails(path: readonly string[], ref: BuildRef) {
    return this.get(`${this.buildUrl(path, ref)}api/json`, BUILD_DETAILS_TREE, buildDetailsSchema, BUILD_HINTS);
  }

  buildIdentity(path: readonly string[], ref: BuildRef) {
    return this.get(`${this.buildUrl(path, ref)}api/json`, BUILD_IDENTITY_TREE, buildIdentitySchema, BUILD_HINTS);
  }

  /** The Pipeline Stage View REST API: not a Stapler export, so no `tree=`. */
  stages(path: readonly string[], number: number) {
    return this.http.getJson(`${this.buildUrl(path, number)}wfapi/describe`, runSchema, { hints: STAGES_HINTS });
  }

  queue() {
    return this.get(`${this.baseUrl}/queue/api/json`, QUEUE_TREE, queueSchema);
  }

  /** The log's size (X-Text-Size) from a HEAD: no body is transferred. */
  logSize(path: readonly string[], number: number) {
    return this.logHttp({ method: 'HEAD' }).getJson(this.logUrl(path, number, 0), logChunkSchema, { hints: LOG_HINTS });
  }

  /** The log from byte `start` to its end, reading at most `maxBytes`. */
  logFrom(path: readonly string[], number: number, start: number, maxBytes: number) {
    return this.logHttp({ method: 'GET', maxBytes }).getJson(this.logUrl(path, number, start), logChunkSchema, { hints: LOG_HINTS });
  }

  private logHttp(request: LogRequest): HttpClient {
    return jenkinsHttp(this.connection, this.secret, { ...this.deps, fetch: logFetch(this.deps.fetch, request) });
  }

  private logUrl(path: readonly string[], number: number, start: number): string {
    return `${this.buildUrl(path, number)}logText/progressiveText?start=${start}`;
  }

  private itemUrl(path: readonly string[]): string {
    return path.length ? jobUrl(this.baseUrl, path) : `${this.baseUrl}/`;
  }

  private buildUrl(path: readonly string[], ref: BuildRef): string {
    return `${jobUrl(this.baseUrl, path)}${ref}/`;
  }

  private get<T>(url: string, tree: string, schema: z.ZodType<T>, hints: HintOverrides = {}): Promise<JsonResponse<T>> {
    return this.http.getJson(`${url}?${new URLSearchParams({ tree }).toString()}`, schema, { hints });
  }
}
