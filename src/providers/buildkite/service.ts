import type { Build, JobRef } from '../../domain/build';
import type { BuildkiteConnection, ConnectionSecret } from '../../domain/connection';
import { PermissionError } from '../../domain/errors';
import type { ProviderDeps } from '../http/types';
import type { HistoryPage, HistoryPosition, HistoryRequest } from '../history';
import type { BuildPage, ConnectionTestResult, Provider, ProviderCursor, TokenFacts } from '../provider';
import { SyncRun } from '../sync-run';
import { BuildkiteClient } from './client';
import { buildkiteHistory } from './history';
import { firstSync, nextSync } from './incremental';
import { mapBuildkiteBuild } from './map';
import { pipelineRepositories } from './repositories';
import { repositoryLookup } from './repository-record';
import { buildkiteTime } from './wire';

const REQUIRED_SCOPES = ['read_builds'];
const USEFUL_SCOPES = ['read_pipelines', 'read_organizations'];

export interface BuildkiteSyncOptions {
  /** How far back the first sync looks. */
  readonly initialLookbackMs: number;
  /** Re-read this much before each cursor, for builds that become visible late. */
  readonly overlapMs: number;
}

export const DEFAULT_BUILDKITE_SYNC: BuildkiteSyncOptions = { initialLookbackMs: 24 * 3600_000, overlapMs: 2 * 60_000 };

/** An explicit `expires_at: null` says the token never expires; an answer without the field says nothing. */
function tokenFacts(scopes: readonly string[], token: { created_at?: string | null | undefined; expires_at?: string | null | undefined }): TokenFacts {
  const at = buildkiteTime(token.expires_at);
  const expiry: TokenFacts['expiry'] = at ? { kind: 'at', at } : token.expires_at === null ? { kind: 'never' } : { kind: 'not-reported' };
  return { scopes, createdAt: buildkiteTime(token.created_at), expiry };
}

export class BuildkiteProvider implements Provider {
  readonly kind = 'buildkite' as const;
  private readonly client: BuildkiteClient;

  constructor(
    private readonly connection: BuildkiteConnection,
    secret: ConnectionSecret,
    private readonly deps: ProviderDeps,
    private readonly options: BuildkiteSyncOptions = DEFAULT_BUILDKITE_SYNC,
  ) {
    this.client = new BuildkiteClient(connection, secret, deps);
  }

  get connectionId(): string {
    return this.connection.id;
  }

  /** `/v2/access-token` names the scopes; one build of the organisation proves the slug and access. */
  async testConnection(): Promise<ConnectionTestResult> {
    const token = await this.client.accessToken();
    const scopes = new Set(token.data.scopes);
    const missing = REQUIRED_SCOPES.filter((s) => !scopes.has(s));
    if (missing.length) {
      throw new PermissionError(`The Buildkite token lacks the ${missing.join(', ')} scope.`, {
        missing,
        hint: `Create a token with the ${[...missing, ...USEFUL_SCOPES].join(', ')} scopes for the organisation "${this.connection.organization}".`,
      });
    }
    await this.client.builds({ per_page: '1' }, 1);
    const warnings = USEFUL_SCOPES.filter((s) => !scopes.has(s)).map(
      (s) => `The token has no ${s} scope: the app works without it, but cannot ${s === 'read_pipelines' ? 'list pipelines' : 'read the organisation details'}.`,
    );
    const scopesSorted = [...token.data.scopes].sort();
    return { provider: 'buildkite', serverVersion: null, user: token.data.user?.name ?? null, warnings, scopes: scopesSorted, token: tokenFacts(scopesSorted, token.data) };
  }

  async listJobs(): Promise<JobRef[]> {
    const listing = await this.client.pipelines();
    return listing.items.map((p) => ({ id: p.slug, displayName: p.name ?? p.slug, url: p.web_url ?? null, folderPath: [] }));
  }

  /**
   * One org-wide query when nothing runs (two on the first sync); see cursor.ts. The page is
   * incomplete while a listing cut short at its page limit leaves older builds to read.
   */
  async listBuildsSince(cursor: ProviderCursor | undefined): Promise<BuildPage> {
    const run = new SyncRun(this.deps.budget);
    const window = { lookbackMs: this.options.initialLookbackMs, overlapMs: this.options.overlapMs, now: this.deps.clock.now() };
    const previous = cursor?.provider === 'buildkite' ? cursor : undefined;
    const outcome = previous ? await nextSync(this.client, run, previous, window) : await firstSync(this.client, run, window);
    const moved = previous?.createdFrom !== outcome.cursor.createdFrom;
    const pipelines = await pipelineRepositories(this.client, run, previous?.pipelines, outcome.builds, { now: window.now, moved });
    const lookup = repositoryLookup(pipelines);
    run.builds.push(...outcome.builds.map((b) => mapBuildkiteBuild(b, this.connection.id, lookup)));
    const page = run.page(pipelines ? { ...outcome.cursor, pipelines } : outcome.cursor);
    return outcome.cursor.gap ? { ...page, complete: false } : page;
  }

  async listBuildsBefore(position: HistoryPosition | undefined, request: HistoryRequest): Promise<HistoryPage> {
    const run = new SyncRun(this.deps.budget);
    const usedBefore = this.deps.budget.used;
    const previous = position?.provider === 'buildkite' ? position : undefined;
    const read = await buildkiteHistory(this.client, this.connection.id, run, previous, request, this.deps.clock.now());
    return { ...read, stoppedBy: run.stoppedBy, problems: run.problems, requests: this.deps.budget.used - usedBefore };
  }

  async getBuild(jobId: string, number: number): Promise<Build> {
    return mapBuildkiteBuild((await this.client.build(jobId, number)).data, this.connection.id);
  }
}
