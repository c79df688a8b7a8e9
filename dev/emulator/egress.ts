/**
 * The guarded global `fetch` that backend code (and `fetch` from `@forge/api`) reaches.
 *
 * Fidelity. Enforced: HTTPS only, on ports 80, 443, 8080, 8443, 8444, 7990, 8089, 8090, 8085, 8060
 * (https://developer.atlassian.com/platform/forge/function-reference/nodejs-runtime/);
 * the host must match a `permissions.external.fetch.backend` entry of the manifest or a domain an
 * admin consented to for backend fetch (customer-managed egress), matched as Atlassian's
 * `@forge/egress` matches them (`*` allows all; `*.example.com` any depth of subdomain but not
 * example.com; an entry without a scheme means https; paths are ignored); redirects are followed
 * hop by hop and every hop is checked and counted; a timed-out invocation cannot fetch.
 * Outbound budget: 100 requests per minute of the function's timeout, started minutes counted
 * whole, per invocation (a 25 s resolver or a 55 s trigger 100, a 900 s consumer 1,500), spent at
 * any pace (https://developer.atlassian.com/platform/forge/limits-invocation/).
 * Denials are not thrown: Forge's proxy answers them, so the app gets a 403 Response whose body is
 * Forge's message (`URL not included in the external fetch backend permissions: ...`), and a 429
 * with `forge-proxy-error: FETCH_LIMIT_EXCEEDED` past the budget (ECO-491).
 * Loopback (127.0.0.0/8, localhost, [::1]) is allowed over http or https on any port in local mode
 * only, for the demo CI servers and test servers; it is still counted. A PRODUCTION (or STAGING)
 * platform is never in local mode.
 * Not enforced: the per-request timeouts, response size limits, DNS rebinding to private
 * addresses, and `requestJira` (product calls do not go through fetch and are not counted).
 * Requests made outside any invocation (test set-up) are policy-checked but not counted.
 */
import type { Invocation } from './invocation';

export const ALLOWED_PORTS: readonly number[] = [80, 443, 8080, 8443, 8444, 7990, 8089, 8090, 8085, 8060];
/** Requests per minute of the function's timeout. */
export const EGRESS_REQUESTS_PER_TIMEOUT_MINUTE = 100;
const MAX_REDIRECTS = 20;

export interface EgressFetchOptions {
  /** The manifest's `permissions.external.fetch.backend` entries. */
  readonly declared: () => string[];
  /** Domains an admin consented to through customer-managed egress. */
  readonly consented: () => string[];
  readonly localMode: boolean;
  readonly realFetch: typeof fetch;
  readonly clock: () => number;
  readonly currentInvocation: () => Invocation | undefined;
}

// A guarded fetch remembers the fetch it wraps, so a second Platform built while a first one is
// installed reaches the network directly instead of passing every request through both policies.
const unguarded = new WeakMap<typeof fetch, typeof fetch>();

interface Pattern {
  readonly protocol: string;
  readonly host: RegExp;
  readonly port: string | undefined;
}

/** Mirrors `@forge/egress`'s parseUrl + globToRegex: scheme defaults to https, `*` in a host matches anything. */
function parsePattern(entry: string): Pattern {
  const protocol = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(entry)?.[1]?.toLowerCase() ?? 'https:';
  const hostAndPort = entry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0] ?? '';
  const [, host = '', port] = /^(.*?)(?::(\d+))?$/.exec(hostAndPort.toLowerCase()) ?? [];
  const regex = host.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return { protocol, host: new RegExp(`^${regex}$`), port };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'http:' ? 80 : 443;
}

/** Why Forge would refuse this URL, or undefined when it may be fetched. */
function denialOf(url: URL, options: EgressFetchOptions): string | undefined {
  if (options.localMode && isLoopback(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  if (url.protocol !== 'https:') {
    return `Forge only allows HTTPS egress, and ${url.href} is ${url.protocol.replace(':', '')}. Visit go.atlassian.com/forge-egress for more information.`;
  }
  if (!ALLOWED_PORTS.includes(effectivePort(url))) {
    return `Forge does not allow egress to port ${effectivePort(url)} (${url.href}); allowed ports: ${ALLOWED_PORTS.join(', ')}. Visit go.atlassian.com/forge-egress for more information.`;
  }
  const entries = [...options.declared(), ...options.consented()];
  const allowed = entries.some((entry) => {
    if (entry.trim() === '*') return true;
    const pattern = parsePattern(entry.trim());
    return pattern.protocol === url.protocol && pattern.host.test(url.hostname) && (pattern.port === undefined || Number(pattern.port) === effectivePort(url));
  });
  if (allowed) return undefined;
  return `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`;
}

function denied(message: string): Response {
  console.warn(`[egress] ${message}`);
  return new Response(message, { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'text/plain' } });
}

/** The outbound requests one invocation may make: 100 for every started minute of its timeout. */
export function egressBudgetOf(invocation: Pick<Invocation, 'timeoutMs'>): number {
  return EGRESS_REQUESTS_PER_TIMEOUT_MINUTE * Math.max(1, Math.ceil(invocation.timeoutMs / 60_000));
}

/**
 * Forge answers the request past the budget with a 429 rather than an exception (observed as
 * `forge-proxy-error: FETCH_LIMIT_EXCEEDED`, ECO-491).
 */
function rateLimited(invocation: Invocation): Response {
  const message = `Invocation ${invocation.id} already made ${egressBudgetOf(invocation)} outbound requests, Forge's limit for a function with a ${Math.round(invocation.timeoutMs / 1000)} s timeout (100 per minute of timeout): batch requests, or fan the work out over queue events.`;
  console.warn(`[egress] ${message}`);
  return new Response(message, {
    status: 429,
    statusText: 'Too Many Requests',
    headers: { 'content-type': 'text/plain', 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED' },
  });
}

/** Takes one request from the invocation's budget; false when it is spent. */
function takeSlot(invocation: Invocation, now: number): boolean {
  if (invocation.egressTimestamps.length >= egressBudgetOf(invocation)) return false;
  invocation.egressTimestamps.push(now);
  return true;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The request for the next hop of a redirect, as the Fetch standard builds it. */
function nextHop(previous: Request, response: Response, body: ArrayBuffer | undefined): Request | undefined {
  const location = response.headers.get('location');
  if (!REDIRECTS.has(response.status) || location === null) return undefined;
  const target = new URL(location, previous.url);
  const headers = new Headers(previous.headers);
  if (target.origin !== new URL(previous.url).origin) headers.delete('authorization');
  const toGet = response.status === 303 ? previous.method !== 'HEAD' : (response.status === 301 || response.status === 302) && previous.method === 'POST';
  if (toGet) {
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
    return new Request(target, { method: previous.method === 'HEAD' ? 'HEAD' : 'GET', headers, redirect: 'manual', signal: previous.signal });
  }
  return new Request(target, { method: previous.method, headers, body: body ?? null, redirect: 'manual', signal: previous.signal });
}

export function createEgressFetch(options: EgressFetchOptions): typeof fetch {
  const network = unguarded.get(options.realFetch) ?? options.realFetch;

  async function send(request: Request): Promise<Response> {
    const invocation = options.currentInvocation();
    if (invocation?.timedOut) {
      throw new Error(`Invocation ${invocation.id} has timed out: Forge has already stopped this function, so it cannot fetch ${request.url}`);
    }
    const denial = denialOf(new URL(request.url), options);
    if (denial) return denied(denial);
    if (invocation && !takeSlot(invocation, options.clock())) return rateLimited(invocation);
    return network(request);
  }

  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    if (original.redirect !== 'follow') return send(original);
    const body = original.body ? await original.arrayBuffer() : undefined;
    let request = new Request(original.url, { method: original.method, headers: original.headers, body: body ?? null, redirect: 'manual', signal: original.signal });
    for (let hop = 0; ; hop++) {
      const response = await send(request);
      const next = nextHop(request, response, body);
      if (!next) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects from ${original.url}`);
      request = next;
    }
  };
  unguarded.set(guarded, network);
  return guarded;
}
