import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import type { Faults } from './faults';
import { jsonReply, textReply, type Reply, type StandInRequest } from './reply';

/** Requests a stand-in has answered (control requests under `/__standin/` excluded). */
export class RequestStats {
  requests = 0;
  /** Per raw path (without query), e.g. `/job/shop/api/json`. */
  byPath: Record<string, number> = {};

  record(path: string): void {
    this.requests += 1;
    this.byPath[path] = (this.byPath[path] ?? 0) + 1;
  }

  reset(): void {
    this.requests = 0;
    this.byPath = {};
  }

  /** Requests whose path matches. */
  count(pattern: RegExp | string): number {
    return Object.entries(this.byPath).reduce((sum, [path, n]) => sum + ((typeof pattern === 'string' ? path === pattern : pattern.test(path)) ? n : 0), 0);
  }
}

export interface ListenOptions {
  readonly host?: string | undefined;
  /** 0 or absent: a free port. */
  readonly port?: number | undefined;
  /** Serve HTTPS with this key and certificate chain (PEM) instead of plain HTTP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer } | undefined;
  /**
   * The origin clients reach the server at when it is not its listening address, e.g.
   * `https://jenkins.ci.test` mapped to this port: links the server writes (pagination) use it.
   */
  readonly publicOrigin?: string | undefined;
}

/** The listening options of a stand-in's options, to hand to `listen`. */
export function listenOptionsOf(options: ListenOptions): ListenOptions {
  return { host: options.host, port: options.port, tls: options.tls, publicOrigin: options.publicOrigin };
}

export interface StandInServerOptions extends ListenOptions {
  readonly faults: Faults;
  readonly handle: (request: StandInRequest) => Reply | Promise<Reply>;
  /** `POST /__standin/grow?percent=N`, for a bench that runs the stand-ins in another process. */
  readonly grow: (percent: number) => unknown;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly stats: RequestStats;
  close(): Promise<void>;
}

export async function listen(options: StandInServerOptions): Promise<RunningServer> {
  const stats = new RequestStats();
  let origin = '';
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const request: StandInRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, origin };
    answer(request, options, stats)
      .then(({ reply, truncateTo }) => send(res, request.method === 'HEAD' ? { ...reply, body: '' } : reply, truncateTo))
      .catch((error: unknown) => send(res, textReply(`stand-in failure: ${error instanceof Error ? error.message : String(error)}\n`, 500), null));
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = options.publicOrigin?.replace(/\/+$/, '') ?? `${options.tls ? 'https' : 'http'}://${host}:${address.port}`;
  return {
    url: origin,
    port: address.port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(request: StandInRequest, options: StandInServerOptions, stats: RequestStats): Promise<{ reply: Reply; truncateTo: ((b: Buffer) => number) | null }> {
  if (request.path.startsWith('/__standin/')) return { reply: control(request, options, stats), truncateTo: null };
  stats.record(request.path);
  const fault = options.faults.take(request.path);
  if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.reply) return { reply: fault.reply, truncateTo: null };
  return { reply: await options.handle(request), truncateTo: fault.truncateTo };
}

function control(request: StandInRequest, options: StandInServerOptions, stats: RequestStats): Reply {
  if (request.path === '/__standin/stats') return jsonReply({ requests: stats.requests, byPath: stats.byPath });
  if (request.path === '/__standin/stats/reset' && request.method === 'POST') {
    stats.reset();
    return jsonReply({ requests: 0 });
  }
  if (request.path === '/__standin/grow' && request.method === 'POST') {
    const percent = Number(request.query.get('percent') ?? '1');
    if (!Number.isFinite(percent) || percent <= 0) return jsonReply({ message: 'percent must be a positive number' }, 400);
    return jsonReply(options.grow(percent));
  }
  return jsonReply({ message: 'control endpoints: GET /__standin/stats, POST /__standin/stats/reset, POST /__standin/grow?percent=N' }, 404);
}

function send(res: http.ServerResponse, reply: Reply, truncateTo: ((b: Buffer) => number) | null): void {
  const { body } = reply;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const full = typeof body === 'string' ? Buffer.from(body) : body;
    const bytes = truncateTo ? full.subarray(0, truncateTo(full)) : full;
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes.length) });
    res.end(bytes);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  // pipeline() stops the generator when the client goes away: a 50 MB log is only produced as read.
  pipeline(Readable.from(body), res, () => undefined);
}
