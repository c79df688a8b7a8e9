import { jsonReply, type Reply, type StandInRequest } from '../shared/reply';
import type { BuildkiteBuild } from './model';
import { buildBody, type BuildkiteContext } from './render';

/**
 * Build lists: Buildkite's filters (`finished_from`, `created_from`/`created_to`, `state[]`,
 * `branch`, `commit`), newest first, `page`/`per_page` (at most 100) with an RFC 8288 `Link`
 * header, `exclude_jobs` and `exclude_pipeline`. Matches are found by scanning the compact table:
 * nothing pre-rendered.
 */
export interface Filters {
  readonly pipeline: string | null;
  readonly finishedFrom: number | null;
  readonly createdFrom: number | null;
  readonly createdTo: number | null;
  readonly states: ReadonlySet<string> | null;
  readonly branches: ReadonlySet<string> | null;
  readonly commit: string | null;
}

export class BadFilter extends Error {}

function time(request: StandInRequest, name: string): number | null {
  const value = request.query.get(name);
  if (value === null || value === '') return null;
  const parsed = Date.parse(value);
  if (!Number.isFinite(parsed)) throw new BadFilter(`${name} must be a date in ISO 8601 format`);
  return parsed;
}

function set(request: StandInRequest, name: string): ReadonlySet<string> | null {
  const values = [...request.query.getAll(name), ...request.query.getAll(`${name}[]`)].flatMap((v) => v.split(',')).filter(Boolean);
  return values.length ? new Set(values) : null;
}

/** The `state` filter values Buildkite documents; `finished` stands for the four below. */
const FILTER_STATES = new Set(['creating', 'scheduled', 'running', 'passed', 'failing', 'failed', 'blocked', 'canceling', 'canceled', 'skipped', 'not_run']);
const FINISHED = ['passed', 'failed', 'blocked', 'canceled'];

/** Stricter than the docs say Buildkite is: a state outside the documented list is refused, not ignored. */
function states(request: StandInRequest): ReadonlySet<string> | null {
  const given = set(request, 'state');
  if (!given) return null;
  const out = new Set<string>();
  for (const state of given) {
    if (state === 'finished') FINISHED.forEach((s) => out.add(s));
    else if (FILTER_STATES.has(state)) out.add(state);
    else throw new BadFilter(`state must be one of ${[...FILTER_STATES, 'finished'].join(', ')}`);
  }
  return out;
}

/** `exclude_jobs` and `exclude_pipeline` (list and get): what each build leaves out. */
export function exclusions(request: StandInRequest): { withJobs: boolean; withPipeline: boolean } {
  return { withJobs: request.query.get('exclude_jobs') !== 'true', withPipeline: request.query.get('exclude_pipeline') !== 'true' };
}

export function parseFilters(request: StandInRequest, pipeline: string | null): Filters | Reply {
  try {
    return {
      pipeline,
      finishedFrom: time(request, 'finished_from'),
      createdFrom: time(request, 'created_from'),
      createdTo: time(request, 'created_to'),
      states: states(request),
      branches: set(request, 'branch'),
      commit: request.query.get('commit'),
    };
  } catch (error) {
    if (error instanceof BadFilter) return jsonReply({ message: error.message }, 422);
    throw error;
  }
}

function matches(build: BuildkiteBuild, f: Filters, branch: string, sha: string, now: number): boolean {
  if (f.pipeline !== null && build.pipeline.slug !== f.pipeline) return false;
  if (f.createdFrom !== null && build.created < f.createdFrom) return false;
  if (f.createdTo !== null && build.created >= f.createdTo) return false;
  if (f.finishedFrom !== null && (now < build.finished || build.finished < f.finishedFrom)) return false;
  if (f.states && !f.states.has(build.state)) return false;
  if (f.branches && !f.branches.has(branch)) return false;
  return f.commit === null || f.commit === sha;
}

/** `page` and `per_page`, and the Link header pointing at the other pages. */
export function pageOf<T>(items: readonly T[], request: StandInRequest, origin: string): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? '30') || 30));
  const page = Math.max(1, Math.floor(Number(request.query.get('page') ?? '1')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('page', String(n));
    query.set('per_page', String(perPage));
    return `<${origin}${request.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}

export function buildList(ctx: BuildkiteContext, request: StandInRequest, filters: Filters | Reply): Reply {
  if ('status' in filters) return filters;
  const { model, now } = ctx;
  const table = model.builds;
  const rows: number[] = [];
  const commits = model.world.commits;
  // Rows are appended as builds appear, which is not always creation order (a deploy created for an
  // older commit arrives after newer builds), so every row is looked at and the answer sorted.
  for (let row = table.length - 1; row >= 0; row -= 1) {
    const created = table.get(row, 'created');
    if (filters.createdFrom !== null && created < filters.createdFrom) continue;
    if (created > now || (filters.createdTo !== null && created >= filters.createdTo)) continue;
    const finished = created + table.get(row, 'startDelay') + table.get(row, 'duration');
    if (filters.finishedFrom !== null && (now < finished || finished < filters.finishedFrom)) continue;
    const build = model.build(row, now);
    if (!build) continue;
    const needsCommit = filters.branches !== null || filters.commit !== null;
    const commit = needsCommit ? commits.get(build.commit) : null;
    const branch = build.pipeline.feed.kind === 'deploys' ? 'main' : (commit?.branch ?? '');
    if (matches(build, filters, branch, commit?.sha ?? '', now)) rows.push(row);
  }
  // Buildkite lists builds newest created first.
  rows.sort((a, b) => table.get(b, 'created') - table.get(a, 'created') || b - a);
  const { items, headers } = pageOf(rows, request, ctx.origin);
  const pipelineCache = new Map<string, unknown>();
  const body = items.flatMap((row) => {
    const build = model.build(row, now);
    return build ? [buildBody(ctx, build, { ...exclusions(request), pipelineCache })] : [];
  });
  return jsonReply(body, 200, { 'content-type': 'application/json; charset=utf-8', ...headers });
}
