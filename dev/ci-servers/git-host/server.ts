import { Faults } from '../shared/faults';
import { listen, listenOptionsOf, type ListenOptions, type RequestStats } from '../shared/http';
import { APP_REPOSITORY, LIBRARY_REPOSITORY, remotesAt, type GitRemotes } from '../shared/remotes';
import { header, htmlReply, textReply, type Reply, type StandInRequest } from '../shared/reply';
import { worldOf, type CiWorld, type CiWorldOptions } from '../shared/world';
import { commitPage, hostPage, notFoundPage, repositoryPage } from './pages';
import { ShaIndex } from './sha-index';

export interface GitHostStandInOptions extends ListenOptions {
  /** The world whose commits the repositories hold, shared with the CI stand-ins. */
  readonly world?: CiWorld | CiWorldOptions;
  /**
   * The name its URLs carry (default `github.localhost`): Chromium resolves every *.localhost name
   * to loopback with no set-up, and the issue panel links commits of a `github.*` host.
   */
  readonly hostName?: string;
  /** `owner/name` of each repository it serves, all holding the world's commits. */
  readonly repositories?: readonly string[];
}

export interface GitHostStandIn {
  /** `http://github.localhost:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly stats: RequestStats;
  readonly world: CiWorld;
  readonly repositories: readonly string[];
  /** What CI stand-ins report to name repositories on this host. */
  readonly remotes: GitRemotes;
  close(): Promise<void>;
}

const RECENT = 20;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const SECURITY = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff' };

const page = (body: string, status = 200): Reply => htmlReply(body, status, SECURITY);

/** The host name of a Host header (`github.localhost:8081` gives `github.localhost`). */
function hostNameOf(request: StandInRequest): string {
  const host = (header(request, 'host') ?? '').toLowerCase();
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/**
 * A local Git host for the demo: GitHub's commit page shape, `/{owner}/{repo}/commit/{sha}`, and a
 * repository page, for the commits of the stand-ins' shared world. It only shows pages; nothing
 * clones from it.
 */
export async function startGitHostStandIn(options: GitHostStandInOptions = {}): Promise<GitHostStandIn> {
  const world = worldOf(options.world);
  const hostName = (options.hostName ?? 'github.localhost').toLowerCase();
  const repositories = options.repositories ?? [APP_REPOSITORY, LIBRARY_REPOSITORY];
  const served = new Map(repositories.map((r) => [r.toLowerCase(), r]));
  const shas = new ShaIndex(world.commits);
  const faults = new Faults({ unavailable: (status) => textReply('Service Unavailable\n', status), loginPage: () => textReply('login\n'), rateLimited: (s) => textReply('Too Many Requests\n', 429, { 'retry-after': String(s) }) });

  const answer = (request: StandInRequest): Reply => {
    const name = hostNameOf(request);
    // Named only as itself or loopback: a page reached through another name is a rebinding attempt.
    if (name !== hostName && !LOOPBACK.has(name)) return textReply(`This Git host answers ${hostName} only.\n`, 421);
    if (request.method !== 'GET' && request.method !== 'HEAD') return textReply('Method Not Allowed\n', 405, { allow: 'GET, HEAD' });
    if (request.path === '/') return page(hostPage(repositories));
    const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?(?:\/commit\/([^/]+))?\/?$/.exec(request.path);
    const repository = match ? served.get(`${match[1] ?? ''}/${match[2] ?? ''}`.toLowerCase()) : undefined;
    if (!match || !repository) return page(notFoundPage(request.path), 404);
    world.advance();
    if (match[3] === undefined) return page(repositoryPage(repository, shas.newest(RECENT)));
    const commit = shas.find(match[3]);
    return commit ? page(commitPage(repository, commit)) : page(notFoundPage(request.path), 404);
  };

  const server = await listen({ ...listenOptionsOf(options), faults, grow: () => ({ commits: [] }), handle: answer });
  const url = `${options.tls ? 'https' : 'http'}://${hostName}:${server.port}`;
  return { url, port: server.port, stats: server.stats, world, repositories, remotes: remotesAt(url), close: () => server.close() };
}
