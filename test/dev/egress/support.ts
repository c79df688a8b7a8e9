import http from 'node:http';
import path from 'node:path';
import { Platform, type PlatformOptions } from '../../../dev/emulator/platform';
import { newInvocation, runInInvocation, type Invocation } from '../../../dev/emulator/invocation';
import { createTestPlatform } from '../../support/platform';

export type ForgeApi = typeof import('@forge/api');

/** A real HTTP server on 127.0.0.1: `/redirect?to=<url>` redirects, anything else answers 200 `ok <path>`. */
export interface LocalServer {
  readonly origin: string;
  readonly port: number;
  /** Paths requested, in order. */
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push(url.pathname);
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to) {
      res.writeHead(302, { location: to }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${url.pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server is not listening on TCP');
  const { port } = address;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly authorization: string | null;
}

/** Stands in for the internet: records what reached it; `/redirect?to=<url>` redirects. */
export function fakeNetwork(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({ url: request.url, method: request.method, authorization: request.headers.get('authorization') });
    const url = new URL(request.url);
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to) return new Response(null, { status: 302, headers: { location: to } });
    return new Response(`reached ${request.url}`, { status: 200 });
  };
  return { fetch: fake, requests };
}

/** A platform whose network is `network` instead of the real one: the fetch it wraps is the global fetch at construction. */
export function platformOn(network: typeof fetch, options: Partial<PlatformOptions>): Platform {
  const saved = globalThis.fetch;
  globalThis.fetch = network;
  try {
    return createTestPlatform(options);
  } finally {
    globalThis.fetch = saved;
  }
}

/**
 * Installs `platform` and loads a fresh `@forge/api` on it. `@forge/api` binds the global fetch
 * when it is first loaded, so a test file's own platform stays bound to the copy it imported.
 */
export async function forgeApiOn(platform: Platform): Promise<ForgeApi> {
  platform.install();
  let loaded: ForgeApi | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = await import('@forge/api');
  });
  if (!loaded) throw new Error('@forge/api did not load');
  return loaded;
}

/** A platform as `forge deploy -e production` gives: PRODUCTION, so never in local mode. */
export function productionPlatform(options: Omit<Partial<PlatformOptions>, 'localMode' | 'environmentType'> = {}): Platform {
  return new Platform({ appRoot: path.resolve(__dirname, '../../..'), ...options, environmentType: 'PRODUCTION' });
}

export const EGRESS_MANIFEST = path.join(__dirname, 'egress-manifest.yml');

/** An invocation of a function with this timeout (a 900 s consumer unless told). */
export function testInvocation(clock: () => number = Date.now, timeoutMs = 900_000): Invocation {
  return newInvocation({ functionKey: 'egress-test', moduleKey: 'egress-test', timeoutMs }, clock);
}

export const RESOLVER_TIMEOUT_MS = 25_000;

export function inInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return runInInvocation(invocation, fn);
}

/** Silences the emulator's console warnings about refused requests for the duration of a test file. */
export function quietEgressWarnings(): void {
  let spy: jest.SpyInstance | undefined;
  beforeEach(() => {
    spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => spy?.mockRestore());
}
