import { DEMO_CREDENTIALS } from '../shared/credentials';
import { Faults, LOGIN_PAGE, type Fault } from '../shared/faults';
import { listen, listenOptionsOf, type ListenOptions, type RequestStats } from '../shared/http';
import { hex } from '../shared/random';
import type { GitRemotes } from '../shared/remotes';
import { header, htmlReply, type Reply, type StandInRequest } from '../shared/reply';
import { worldOf, type CiWorld, type CiWorldOptions } from '../shared/world';
import type { GrowResult } from './history';
import { demoLayout, scaleLayout, type ItemSpec, type ScaleLayoutOptions } from './layout';
import { JenkinsModel } from './model';
import { notFound, route } from './routes';
import { JenkinsScript } from './script';

export interface JenkinsStandInOptions extends ListenOptions {
  /** A world shared with other stand-ins, or options for this server's own. */
  readonly world?: CiWorld | CiWorldOptions;
  /** `demo` (default), `scale` (the bench: 200 jobs x 500 builds), scale sizes, or items of your own. */
  readonly layout?: 'demo' | 'scale' | ScaleLayoutOptions | readonly ItemSpec[];
  /** User name to API token (default: DEMO_CREDENTIALS.jenkins). */
  readonly users?: Readonly<Record<string, string>>;
  /** Jenkins under a context path, e.g. `/jenkins`. */
  readonly contextPath?: string;
  readonly version?: string;
  readonly hugeLogBytes?: number;
  /** The repositories the answers name (default EXAMPLE_REMOTES; the demo's Git host gives `remotesAt(url)`). */
  readonly remotes?: GitRemotes;
  readonly faults?: readonly Fault[];
}

export interface JenkinsStandIn {
  /** Base URL for a connection (context path included), no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly stats: RequestStats;
  readonly model: JenkinsModel;
  readonly world: CiWorld;
  readonly faults: Faults;
  /** Builds stated outright, renames, deletions, per-request overrides and the request log, for tests. */
  readonly script: JenkinsScript;
  grow(percent: number, commits?: readonly number[]): GrowResult;
  close(): Promise<void>;
}

function layoutOf(option: JenkinsStandInOptions['layout'], world: CiWorld): readonly ItemSpec[] {
  if (option === undefined || option === 'demo') return demoLayout(world.commits.options.featureBranches);
  if (option === 'scale') return scaleLayout();
  return Array.isArray(option) ? option : scaleLayout(option as ScaleLayoutOptions);
}

function jenkinsHeaders(version: string, session: string): Record<string, string> {
  return { 'x-jenkins': version, 'x-hudson': '1.395', 'x-jenkins-session': session, 'x-content-type-options': 'nosniff' };
}

/**
 * Pre-emptive Basic authentication as Jenkins checks it: no credentials is anonymous, which this
 * Jenkins refuses (403 and its "Authentication required" page); a wrong token is 401.
 */
function authenticate(request: StandInRequest, users: Readonly<Record<string, string>>): { user: string } | Reply {
  const auth = header(request, 'authorization');
  if (!auth) {
    const from = encodeURIComponent(request.path);
    return htmlReply(
      `<html><head><meta http-equiv='refresh' content='1;url=/login?from=${from}'/></head><body style='background-color:white; color:white;'>\n\nAuthentication required\n<!--\n-->\n\n</body></html>`,
      403,
      { 'x-you-are-authenticated-as': 'anonymous', 'x-you-are-in-group-disabled': 'JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose', 'x-required-permission': 'hudson.model.Hudson.Read' },
    );
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
  const decoded = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) return htmlReply('<html><body><h2>HTTP ERROR 401 Malformed HTTP basic Authorization header</h2></body></html>', 401, { 'www-authenticate': 'Basic realm="Jenkins"' });
  const user = decoded.slice(0, colon);
  if (users[user] !== decoded.slice(colon + 1)) {
    return htmlReply(`<html><head><title>Error 401 Invalid password/token for user: ${user}</title></head><body><h2>HTTP ERROR 401 Invalid password/token for user: ${user}</h2></body></html>`, 401, {
      'www-authenticate': 'Basic realm="Jenkins"',
    });
  }
  return { user };
}

/** A local Jenkins that answers what `src/providers/jenkins` asks, and what Jenkins insight reads. */
export async function startJenkinsStandIn(options: JenkinsStandInOptions = {}): Promise<JenkinsStandIn> {
  const world = worldOf(options.world);
  const model = new JenkinsModel(world, layoutOf(options.layout, world), {
    ...(options.hugeLogBytes === undefined ? {} : { hugeLogBytes: options.hugeLogBytes }),
    ...(options.remotes ? { remotes: options.remotes } : {}),
  });
  const users = options.users ?? { [DEMO_CREDENTIALS.jenkins.username]: DEMO_CREDENTIALS.jenkins.apiToken };
  const contextPath = (options.contextPath ?? '').replace(/\/+$/, '');
  const common = jenkinsHeaders(options.version ?? '2.479.3', hex(8, world.seed, 'session'));
  const withHeaders = (reply: Reply): Reply => ({ ...reply, headers: { ...common, ...reply.headers } });
  const faults = new Faults(
    {
      unavailable: (status) =>
        withHeaders(htmlReply('<html><head><title>Starting Jenkins</title></head><body><h1>Please wait while Jenkins is getting ready to work ...</h1></body></html>', status)),
      loginPage: () => htmlReply(LOGIN_PAGE),
      rateLimited: (seconds) => htmlReply('<html><body><h1>429 Too Many Requests</h1></body></html>', 429, { 'retry-after': String(seconds) }),
    },
    options.faults,
  );
  const script = new JenkinsScript(model);
  let origin = '';
  const server = await listen({
    ...listenOptionsOf(options),
    faults,
    grow: (percent) => model.grow(percent),
    handle: (request) => {
      origin = request.origin;
      const scripted = script.intercept(request);
      if (scripted === 'hang') return new Promise<Reply>(() => undefined);
      if (scripted) return scripted;
      const inside = request.path === contextPath || request.path.startsWith(`${contextPath}/`);
      if (!inside) return withHeaders(notFound(request.path));
      const auth = authenticate(request, users);
      if (!('user' in auth)) return withHeaders(auth);
      const now = world.clock();
      model.advance(now);
      const segments = request.path.slice(contextPath.length).split('/').slice(1);
      if (segments[segments.length - 1] === '') segments.pop();
      return withHeaders(route({ model, base: `${origin}${contextPath}`, contextPath, now, user: auth.user }, segments, request));
    },
  });
  return {
    url: `${server.url}${contextPath}`,
    port: server.port,
    stats: server.stats,
    model,
    world,
    faults,
    script,
    grow: (percent, commits) => model.grow(percent, commits),
    close: () => server.close(),
  };
}
