import type { z } from 'zod';
import type { ConnectionSecret, JenkinsConnection } from '../../../domain/connection';
import type { HttpClient, JsonResponse } from '../../http/client';
import type { HintOverrides } from '../../http/status-errors';
import type { ProviderDeps } from '../../http/types';
import { STAGES_HINTS, jenkinsHttp } from '../client';
import { jobUrl } from '../map-jobs';
import { buildSchema, runSchema } from '../wire';
import { logFetch } from './log-fetch';
import { BUILD_DETAILS_TREE, BUILD_IDENTITY_TREE, JOB_DETAILS_TREE, listingTree } from './tree';
import { buildDetailsSchema, jobDetailsSchema, listedJobSchema, logChunkSchema, queueListSchema } from './wire';

/** A build number, or the name of a Jenkins permalink (`lastBuild`, `lastFailedBuild`...), as a URL segment. */
export type BuildRef = number | 'lastBuild' | 'lastFailedBuild' | 'lastSuccessfulBuild';

// Jenkins answers 404 both for what does not exist and for what the user may not see.
const JOB_HINTS: HintOverrides = {
  NotFound:
    "Check the job's full name: folders separated by /, as in the job's URL (folder/job/branch). Jenkins also " +
    'answers 404 for a job the Jenkins user has no Job/Read permission on.',
};

const BUILD_HINTS: HintOverrides = {
  NotFound:
    "The build does not exist: check the job's full name and the build number. The job's build discarder may " +
    'have deleted it, or (for the last failed or last successful build) the job has no such build yet.',
};

const LOG_HINTS: HintOverrides = {
  NotFound: `${BUILD_HINTS.NotFound} Builds that have not started yet have no log.`,
};

/** The endpoints the insight capabilities read, through the connection's shared HTTP layer. Wire data only. */
export class InsightClient {
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

  /** The items of a folder (the root when `path` is empty), `levels` deep. */
  listing(path: readonly string[], levels: number) {
    return this.get(`${this.itemUrl(path)}api/json`, { tree: listingTree(levels) }, listedJobSchema, path.length ? JOB_HINTS : {});
  }

  jobDetails(path: readonly string[]) {
    return this.get(`${this.itemUrl(path)}api/json`, { tree: JOB_DETAILS_TREE }, jobDetailsSchema, JOB_HINTS);
  }

  build(path: readonly string[], ref: BuildRef) {
    return this.get(`${this.buildUrl(path, ref)}api/json`, { tree: BUILD_DETAILS_TREE }, buildDetailsSchema, BUILD_HINTS);
  }

  /** Number, class and whether it still runs: what a permalink stands for. */
  buildIdentity(path: readonly string[], ref: BuildRef) {
    return this.get(`${this.buildUrl(path, ref)}api/json`, { tree: BUILD_IDENTITY_TREE }, buildSchema, BUILD_HINTS);
  }

  stages(path: readonly string[], number: number) {
    return this.get(`${this.buildUrl(path, number)}wfapi/describe`, {}, runSchema, STAGES_HINTS);
  }

  queue() {
    return this.get(`${this.baseUrl}/queue/api/json`, {}, queueListSchema, {});
  }

  /** The log's size (X-Text-Size) from a HEAD: no body is transferred. */
  logSize(path: readonly string[], number: number) {
    return this.logHttp({ method: 'HEAD' }).getJson(this.logUrl(path, number, 0), logChunkSchema, { hints: LOG_HINTS });
  }

  /** The log from byte `start` to its end, reading at most `maxBytes`. */
  logFrom(path: readonly string[], number: number, start: number, maxBytes: number) {
    return this.logHttp({ method: 'GET', maxBytes }).getJson(this.logUrl(path, number, start), logChunkSchema, { hints: LOG_HINTS });
  }

  private logHttp(request: Parameters<typeof logFetch>[1]): HttpClient {
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

  private get<T>(url: string, query: Record<string, string>, schema: z.ZodType<T>, hints: HintOverrides): Promise<JsonResponse<T>> {
    const search = new URLSearchParams(query).toString();
    return this.http.getJson(search ? `${url}?${search}` : url, schema, { hints });
  }
}
