import https from 'node:https';
import { Readable } from 'node:stream';

/** Where a public host name of the test's internet really listens: a local HTTPS stand-in. */
export interface HostMapping {
  /** The name the app uses, e.g. `jenkins.ci.test` (port 443 unless the URL names another). */
  readonly hostname: string;
  readonly port: number;
}

const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * The internet of the production lane: a `fetch` that connects to the local port mapped to a
 * URL's host name (as `curl --resolve` does) and checks the certificate against that name, with
 * Node's default trust store (NODE_EXTRA_CA_CERTS adds the lane's CA). A name that is not mapped
 * does not resolve, and a failed connection rejects as Node's fetch does: a TypeError "fetch
 * failed" whose cause carries the code (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, ...).
 * The emulator's egress guard wraps it, so redirects arrive here as single hops.
 */
export function mappedInternet(hosts: () => readonly HostMapping[]): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const mapping = hosts().find((h) => h.hostname === url.hostname);
    if (url.protocol !== 'https:' || !mapping) {
      const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: 'ENOTFOUND', hostname: url.hostname });
      throw new TypeError('fetch failed', { cause });
    }
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    headers['host'] = url.host;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = https.request(
        {
          host: '127.0.0.1',
          port: mapping.port,
          servername: url.hostname,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers,
          agent: false,
          signal: request.signal,
        },
        (incoming) => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = incoming.statusCode ?? 502;
          const hasBody = !NO_BODY.has(status) && request.method !== 'HEAD';
          if (!hasBody) incoming.resume();
          resolve(
            new Response(hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : null, {
              status,
              statusText: incoming.statusMessage ?? '',
              headers: responseHeaders,
            }),
          );
        },
      );
      outgoing.on('error', (error) => reject(request.signal.aborted ? request.signal.reason : new TypeError('fetch failed', { cause: error })));
      outgoing.end(body);
    });
  };
}
