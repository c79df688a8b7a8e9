import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A local HTTP(S) server on 127.0.0.1 that answers with recorded API responses, so the provider
 * clients run their real HTTP code against real server bytes. Every request is kept for assertions.
 */

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** The exact bytes of a recording under test/fixtures. */
export function fixture(relative: string): Buffer {
  return readFileSync(path.join(FIXTURES, relative));
}

/**
 * Recorded list elements (DevLake rows are single elements) inside the envelope the server sent
 * them in. Only the envelope is written here; each element keeps its recorded bytes.
 */
export function envelope(before: string, items: readonly Buffer[], after: string): Buffer {
  const parts: Buffer[] = [Buffer.from(before)];
  items.forEach((item, index) => {
    if (index > 0) parts.push(Buffer.from(','));
    parts.push(item);
  });
  parts.push(Buffer.from(after));
  return Buffer.concat(parts);
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Never answer: for timeouts. */
  readonly hang?: boolean;
  /** Announce the whole body, send this many bytes of it, then cut the connection. */
  readonly cutAfter?: number;
  /** Stream this many bytes without a Content-Length: for size caps. */
  readonly streamBytes?: number;
}

export interface Route {
  readonly path: string | RegExp;
  readonly reply: Reply | ((request: SeenRequest) => Reply);
}

export interface RecordedServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export function json(body: string | Buffer, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'content-type': 'application/json;charset=utf-8', ...headers } };
}

export async function startRecordedServer(routes: readonly Route[], tls?: { key: string; cert: string }): Promise<RecordedServer> {
  const requests: SeenRequest[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(seen);
    const route = routes.find((r) => (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)));
    const reply = route ? (typeof route.reply === 'function' ? route.reply(seen) : route.reply) : json('{"message":"not recorded"}', 404);
    send(res, reply);
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
  if (reply.streamBytes !== undefined) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    streamFiller(res, reply.streamBytes);
    return;
  }
  res.writeHead(reply.status ?? 200, { 'content-length': String(body.length), ...reply.headers });
  if (reply.cutAfter !== undefined) {
    res.write(body.subarray(0, reply.cutAfter), () => res.socket?.destroy());
    return;
  }
  res.end(body);
}

function streamFiller(res: http.ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => undefined);
  pump();
}

/** A port with nothing listening on it: bound once, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
