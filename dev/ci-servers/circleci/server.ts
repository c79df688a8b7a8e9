import { DEMO_CREDENTIALS } from '../shared/credentials';
import { Faults, LOGIN_PAGE, type Fault } from '../shared/faults';
import { listen, listenOptionsOf, type ListenOptions, type RequestStats } from '../shared/http';
import type { GitRemotes } from '../shared/remotes';
import { header, htmlReply, type Reply, type StandInRequest } from '../shared/reply';
import { worldOf, type CiWorld, type CiWorldOptions } from '../shared/world';
import { CircleCiModel, demoProjects, scaleProjects, type ProjectSpec } from './model';
import { jackson, jobsBody, meBody, pageToken, pipelineBody, projectBody, readId, readPageToken, workflowBody } from './render';

export interface CircleCiStandInOptions extends ListenOptions {
  readonly world?: CiWorld | CiWorldOptions;
  /** `demo` (default), `scale` (the bench: 10 projects x 1,000 pipelines), scale sizes, or projects of your own. */
  readonly projects?: 'demo' | 'scale' | { projects?: number; pipelinesPerProject?: number } | readonly ProjectSpec[];
  /** Accepted personal API tokens (default: the demo token). */
  readonly tokens?: readonly string[];
  /** Answer a bad token on project URLs with 404 "Project not found", as CircleCI can; /me still says 401. */
  readonly badTokenOnProjectsAs404?: boolean;
  /** The repositories the answers name (default EXAMPLE_REMOTES; the demo's Git host gives `remotesAt(url)`). */
  readonly remotes?: GitRemotes;
  readonly faults?: readonly Fault[];
}

export interface CircleCiStandIn {
  /** The API base URL for a connection's `apiBaseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Slugs to configure in a connection. */
  readonly projectSlugs: readonly string[];
  readonly stats: RequestStats;
  readonly model: CircleCiModel;
  readonly world: CiWorld;
  readonly faults: Faults;
  grow(percent: number, commits?: readonly number[]): { builds: number; deploys: number; commits: readonly number[] };
  close(): Promise<void>;
}

const PAGE_SIZE = 20;

function reply(value: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers }, body: jackson(value) };
}
const message = (text: string, status: number) => reply({ message: text }, status);

export function projectsOf(option: CircleCiStandInOptions['projects']): readonly ProjectSpec[] {
  if (option === undefined || option === 'demo') return demoProjects();
  if (option === 'scale') return scaleProjects();
  return Array.isArray(option) ? option : scaleProjects(option as { projects?: number; pipelinesPerProject?: number });
}

function answer(model: CircleCiModel, request: StandInRequest, now: number): Reply {
  const { seed } = model.world;
  const path = request.path.replace(/\/+$/, '');
  if (path === '/api/v2/me') return reply(meBody(seed));
  const project = /^\/api\/v2\/project\/([^/]+\/[^/]+\/[^/]+)(\/pipeline(?:\/(\d+))?)?$/.exec(path);
  if (project) {
    const state = model.project(project[1]?.split('/').map(decodeURIComponent).join('/') ?? '');
    if (!state) return message('Project not found', 404);
    if (!project[2]) return reply(projectBody(model, state));
    const visible = model.visible(state, now);
    if (project[3]) {
      const run = model.pipeline(state, Number(project[3]), now);
      return run ? reply(pipelineBody(model, run)) : message('Pipeline not found', 404);
    }
    const token = request.query.get('page-token');
    const at = token ? readPageToken(seed, token) : { project: state.index, before: visible + 1 };
    if (!at || at.project !== state.index) return message('Invalid page-token', 400);
    const branch = request.query.get('branch');
    const items: unknown[] = [];
    let number = Math.min(at.before, visible + 1) - 1;
    for (; number >= 1 && items.length < PAGE_SIZE; number -= 1) {
      const run = model.pipeline(state, number, now);
      if (run && (!branch || model.world.commits.get(run.commit).branch === branch)) items.push(pipelineBody(model, run));
    }
    return reply({ next_page_token: number >= 1 ? pageToken(seed, state.index, number + 1) : null, items });
  }
  const byId = /^\/api\/v2\/(pipeline|workflow)\/([0-9a-f-]{36})(\/workflow|\/job)?$/.exec(path);
  const id = byId?.[2] ? readId(seed, byId[2]) : null;
  const state = id ? model.projects[id.project] : undefined;
  const run = state && id ? model.pipeline(state, id.number, now) : null;
  if (!byId || !id || !run) return message(byId?.[1] === 'workflow' ? 'Workflow not found' : 'Pipeline not found', 404);
  if (byId[1] === 'pipeline' && id.kind === '0') {
    if (!byId[3]) return reply(pipelineBody(model, run));
    if (byId[3] === '/workflow') return reply({ next_page_token: null, items: run.workflows.map((w) => workflowBody(model, run, w, now)) });
  }
  const workflow = id.kind === '1' ? run.workflows[id.sub] : undefined;
  if (byId[1] === 'workflow' && workflow) {
    if (!byId[3]) return reply(workflowBody(model, run, workflow, now));
    if (byId[3] === '/job') return reply({ next_page_token: null, items: jobsBody(model, run, workflow, now) });
  }
  return message('Not found', 404);
}

/** A local CircleCI API v2 answering what `src/providers/circleci` asks. */
export async function startCircleCiStandIn(options: CircleCiStandInOptions = {}): Promise<CircleCiStandIn> {
  const world = worldOf(options.world);
  const model = new CircleCiModel(world, projectsOf(options.projects), options.remotes);
  const tokens = new Set(options.tokens ?? [DEMO_CREDENTIALS.circleci.apiToken]);
  const faults = new Faults(
    {
      unavailable: (status) => message('Service Unavailable', status),
      loginPage: () => htmlReply(LOGIN_PAGE),
      rateLimited: (seconds) => reply({ message: 'Rate limit exceeded' }, 429, { 'retry-after': String(seconds) }),
    },
    options.faults,
  );
  const server = await listen({
    ...listenOptionsOf(options),
    faults,
    grow: (percent) => model.grow(percent),
    handle: (request) => {
      // CircleCI takes the token as a header, a query parameter, or the Basic user name.
      const basic = /^Basic\s+(\S+)/i.exec(header(request, 'authorization') ?? '')?.[1];
      const token = header(request, 'circle-token') ?? request.query.get('circle-token') ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined);
      if (!token || !tokens.has(token)) {
        const asProject = options.badTokenOnProjectsAs404 && request.path.startsWith('/api/v2/project/');
        return asProject ? message('Project not found', 404) : message('You must log in first.', 401);
      }
      const now = world.clock();
      model.advance(now);
      return answer(model, request, now);
    },
  });
  return {
    url: server.url,
    port: server.port,
    projectSlugs: model.projects.map((p) => p.spec.slug),
    stats: server.stats,
    model,
    world,
    faults,
    grow: (percent, commits) => model.grow(percent, commits),
    close: () => server.close(),
  };
}

