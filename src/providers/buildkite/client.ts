import type { z } from 'zod';
import { DEFAULT_API_BASE_URL, type BuildkiteConnection, type ConnectionSecret } from '../../domain/connection';
import { InvalidResponse } from '../../domain/errors';
import { HttpClient } from '../http/client';
import type { HintOverrides } from '../http/status-errors';
import type { ProviderDeps } from '../http/types';
import { nextLink } from './link';
import { accessTokenSchema, buildListSchema, buildSchema, pipelineListSchema, type WireBuild } from './wire';

/** Ten pages of 100: a five-minute window of an organisation far busier than most. */
export const MAX_PAGES = 10;

/**
 * Documented on the build list and get endpoints: leave out the jobs and the expanded pipeline
 * object (the pipeline's whole settings and steps, repeated in every build), which the sync never
 * reads. Retried jobs are left out by default (`include_retried_jobs`), so that needs nothing.
 */
const BUILD_ONLY = { exclude_jobs: 'true', exclude_pipeline: 'true' } as const;

export interface Listing<T> {
  readonly items: T[];
  /** More pages existed than MAX_PAGES allowed. */
  readonly truncated: boolean;
}

/** Buildkite transport: bearer token, organisation-scoped URLs, `Link` pagination. */
export class BuildkiteClient {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    private readonly connection: BuildkiteConnection,
    secret: ConnectionSecret,
    deps: ProviderDeps,
  ) {
    this.base = connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.buildkite;
    const org = connection.organization;
    const hints: HintOverrides = {
      AuthError: 'Check the Buildkite API access token (Personal Settings, API Access Tokens): it may have been revoked or have expired.',
      PermissionError:
        `The token needs the read_builds scope and access to the organisation "${org}" (tokens can be limited to ` +
        'some organisations, and an organisation can restrict API access to some IP addresses). read_pipelines and ' +
        'read_organizations make setup easier.',
      NotFound: `Check the organisation slug "${org}": it is the part after buildkite.com/ in your pipeline URLs.`,
    };
    this.http = new HttpClient({
      label: 'Buildkite',
      headers: { authorization: `Bearer ${secret.apiToken}` },
      secrets: [secret.apiToken],
      hints,
      deps,
    });
  }

  accessToken() {
    return this.http.getJson(`${this.base}/v2/access-token`, accessTokenSchema);
  }

  /** Org-wide builds, newest first, following `Link: rel="next"` up to MAX_PAGES. */
  builds(filters: Record<string, string | readonly string[]>, maxPages = MAX_PAGES): Promise<Listing<WireBuild>> {
    const query = new URLSearchParams({ per_page: '100', ...BUILD_ONLY });
    for (const [key, value] of Object.entries(filters)) {
      if (typeof value === 'string') query.set(key, value);
      else for (const item of value) query.append(key, item);
    }
    return this.listAll(`${this.orgUrl()}/builds?${query.toString()}`, buildListSchema, undefined, maxPages);
  }

  build(pipelineSlug: string, number: number) {
    const query = new URLSearchParams(BUILD_ONLY).toString();
    return this.http.getJson(`${this.orgUrl()}/pipelines/${encodeURIComponent(pipelineSlug)}/builds/${number}?${query}`, buildSchema);
  }

  pipelines() {
    return this.listAll(`${this.orgUrl()}/pipelines?per_page=100`, pipelineListSchema, {
      PermissionError: 'Listing pipelines needs the read_pipelines scope on the token.',
    }, MAX_PAGES);
  }

  private orgUrl(): string {
    return `${this.base}/v2/organizations/${encodeURIComponent(this.connection.organization)}`;
  }

  private async listAll<T>(first: string, schema: z.ZodType<T[]>, hints: HintOverrides | undefined, maxPages: number): Promise<Listing<T>> {
    const items: T[] = [];
    let url: string | null = first;
    for (let page = 0; url; page += 1) {
      if (page >= maxPages) return { items, truncated: true };
      const answer: { data: T[]; headers: Headers } = await this.http.getJson(url, schema, hints ? { hints } : {});
      items.push(...answer.data);
      url = this.sameOrigin(nextLink(answer.headers.get('link')));
    }
    return { items, truncated: false };
  }

  /** The token goes only to the API host it was configured for, whatever a Link header says. */
  private sameOrigin(next: string | null): string | null {
    if (!next) return null;
    const target = new URL(next, this.base);
    if (target.origin !== new URL(this.base).origin) {
      throw new InvalidResponse(`Buildkite's pagination pointed to another host (${target.host}); stopped there.`);
    }
    return target.toString();
  }
}
