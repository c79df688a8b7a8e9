import { DEMO_BUILDKITE_SCOPES, DEMO_CREDENTIALS } from '../shared/credentials';
import { Faults, LOGIN_PAGE, type Fault } from '../shared/faults';
import { listen, listenOptionsOf, type ListenOptions, type RequestStats } from '../shared/http';
import { uuid } from '../shared/random';
import type { GitRemotes } from '../shared/remotes';
import { header, htmlReply, jsonReply, type Reply, type StandInRequest } from '../shared/reply';
import { worldOf, type CiWorld, type CiWorldOptions } from '../shared/world';
import { buildList, exclusions, pageOf, parseFilters } from './list';
import { BuildkiteModel, demoPipelines, scalePipelines, type PipelineSpec } from './model';
import { buildBody, organizationBody, pipelineBody, userBody, type BuildkiteContext } from './render';

export interface BuildkiteStandInOptions extends ListenOptions {
  readonly world?: CiWorld | CiWorldOptions;
  readonly organization?: string;
  /** `demo` (default), `scale` (the bench: 20,000 builds), scale sizes, or pipelines of your own. */
  readonly pipelines?: 'demo' | 'scale' | { pipelines?: number; buildsPerPipeline?: number } | readonly PipelineSpec[];
  /** Token to scopes (default: the demo token with DEMO_BUILDKITE_SCOPES). */
  readonly tokens?: Readonly<Record<string, readonly string[]>>;
  /** Requests per minute per organisation before 429 (Buildkite: 200); 0 turns the limit off. */
  readonly rateLimitPerMinute?: number;
  /** The repositories the answers name (default EXAMPLE_REMOTES; the demo's Git host gives `remotesAt(url)`). */
  readonly remotes?: GitRemotes;
  readonly faults?: readonly Fault[];
}

export interface BuildkiteStandIn {
  /** The API base URL for a connection's `apiBaseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly organization: string;
  readonly stats: RequestStats;
  readonly model: BuildkiteModel;
  readonly world: CiWorld;
  readonly faults: Faults;
  grow(percent: number, commits?: readonly number[]): { builds: number; deploys: number; commits: readonly number[] };
  /** Stops the `count` newest builds finished before `before` at a block step (see BuildkiteModel.block). */
  block(count: number, before?: number): number[];
  close(): Promise<void>;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const message = (text: string, status: number, headers: Record<string, string> = {}): Reply => jsonReply({ message: text }, status, { ...JSON_TYPE, ...headers });

function pipelinesOf(option: BuildkiteStandInOptions['pipelines']): readonly PipelineSpec[] {
  if (option === undefined || option === 'demo') return demoPipelines();
  if (option === 'scale') return scalePipelines();
  return Array.isArray(option) ? option : scalePipelines(option as { pipelines?: number; buildsPerPipeline?: number });
}

/** Buildkite's per-minute window, reported in `RateLimit-*` headers on every answer. */
class RateWindow {
  private windowStart = 0;
  private used = 0;
  constructor(private readonly limit: number) {}

  take(now: number): { headers: Record<string, string>; exceeded: boolean } {
    if (this.limit <= 0) return { headers: {}, exceeded: false };
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now - (now % 60_000);
      this.used = 0;
    }
    this.used += 1;
    const reset = Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000));
    const remaining = Math.max(0, this.limit - this.used);
    return { headers: { 'ratelimit-limit': String(this.limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) }, exceeded: this.used > this.limit };
  }
}

const NEEDS: readonly [RegExp, string][] = [
  [/\/builds(\/|$)/, 'read_builds'],
  [/\/pipelines(\/|$)/, 'read_pipelines'],
  [/^\/v2\/organizations/, 'read_organizations'],
  [/^\/v2\/user$/, 'read_user'],
];

function answer(ctx: BuildkiteContext, request: StandInRequest, tokenScopes: readonly string[]): Reply {
  const path = request.path.replace(/\/+$/, '');
  const needed = path === '/v2/access-token' ? undefined : NEEDS.find(([pattern]) => pattern.test(path))?.[1];
  if (needed && !tokenScopes.includes(needed)) return message(`Your access token does not have the ${needed} scope`, 403);
  if (path === '/v2/user') return jsonReply(userBody(ctx.model.world.seed), 200, JSON_TYPE);
  if (path === '/v2/organizations') return jsonReply([organizationBody(ctx)], 200, JSON_TYPE);
  if (path === '/v2/builds') return buildList(ctx, request, parseFilters(request, null));
  const org = /^\/v2\/organizations\/([^/]+)(\/.*)?$/.exec(path);
  if (!org) return message('Not Found', 404);
  if (decodeURIComponent(org[1] ?? '') !== ctx.org) return message('No organization found', 404);
  const rest = org[2] ?? '';
  if (rest === '') return jsonReply(organizationBody(ctx), 200, JSON_TYPE);
  if (rest === '/builds') return buildList(ctx, request, parseFilters(request, null));
  if (rest === '/pipelines') {
    const { items, headers } = pageOf(ctx.model.pipelines, request, ctx.origin);
    return jsonReply(items.map((p) => pipelineBody(ctx, p)), 200, { ...JSON_TYPE, ...headers });
  }
  const pipe = /^\/pipelines\/([^/]+)(\/builds(?:\/(\d+))?)?$/.exec(rest);
  const spec = pipe ? ctx.model.pipelines.find((p) => p.slug === decodeURIComponent(pipe[1] ?? '')) : undefined;
  if (!pipe || !spec) return message(pipe ? 'No pipeline found' : 'Not Found', 404);
  if (!pipe[2]) return jsonReply(pipelineBody(ctx, spec), 200, JSON_TYPE);
  if (!pipe[3]) return buildList(ctx, request, parseFilters(request, spec.slug));
  const build = ctx.model.build(ctx.model.find(spec.slug, Number(pipe[3])), ctx.now);
  if (!build || build.created > ctx.now) return message('No build found', 404);
  return jsonReply(buildBody(ctx, build, { ...exclusions(request), pipelineCache: new Map() }), 200, JSON_TYPE);
}

/** A local Buildkite REST API (v2) for one organisation, answering what `src/providers/buildkite` asks. */
export async function startBuildkiteStandIn(options: BuildkiteStandInOptions = {}): Promise<BuildkiteStandIn> {
  const world = worldOf(options.world);
  const model = new BuildkiteModel(world, pipelinesOf(options.pipelines), options.remotes);
  const org = options.organization ?? DEMO_CREDENTIALS.buildkite.organization;
  const tokens = options.tokens ?? { [DEMO_CREDENTIALS.buildkite.apiToken]: DEMO_BUILDKITE_SCOPES };
  const rate = new RateWindow(options.rateLimitPerMinute ?? 200);
  const faults = new Faults(
    {
      unavailable: (status) => message('Service Unavailable', status),
      loginPage: () => htmlReply(LOGIN_PAGE),
      rateLimited: (seconds) => message('Rate limit exceeded', 429, { 'retry-after': String(seconds), 'ratelimit-remaining': '0', 'ratelimit-reset': String(seconds) }),
    },
    options.faults,
  );
  const server = await listen({
    ...listenOptionsOf(options),
    faults,
    grow: (percent) => model.grow(percent),
    handle: (request) => {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '')?.[1];
      const scopes = bearer === undefined ? undefined : tokens[bearer];
      if (!scopes) return message('Authentication required. Please supply a valid API Access Token', 401);
      const now = world.clock();
      const window = rate.take(now);
      if (window.exceeded) return message('You have exceeded your API rate limit. Please wait before making more requests.', 429, window.headers);
      if (request.path.replace(/\/+$/, '') === '/v2/access-token') {
        const token = { uuid: uuid(world.seed, 'bk-token', bearer ?? ''), scopes, description: 'Deploy Tracker demo', created_at: '2025-07-16 06:07:42 UTC', user: { name: 'Demo User', email: 'demo@example.com' } };
        return jsonReply(token, 200, { ...JSON_TYPE, ...window.headers });
      }
      model.advance(now);
      const reply = answer({ model, origin: request.origin, org, now }, request, scopes);
      return { ...reply, headers: { ...reply.headers, ...window.headers } };
    },
  });
  return { url: server.url, port: server.port, organization: org, stats: server.stats, model, world, faults, grow: (percent, commits) => model.grow(percent, commits), block: (count, before) => model.block(count, before), close: () => server.close() };
}
