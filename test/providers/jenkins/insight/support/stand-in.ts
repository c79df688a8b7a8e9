import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Jenkins stand-in on 127.0.0.1: answers recorded API responses by path, checks Basic
 * authentication as Jenkins does (401 for a wrong token), and serves console logs through
 * `logText/progressiveText?start=N` with X-Text-Size, generated lazily so a 50 MB log never
 * exists in memory. It counts the body bytes it sends, so tests can assert on what was transferred.
 */

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Never answer: for timeouts. */
  readonly hang?: boolean;
}

/** A log as Jenkins stores it: a size, and any byte range on demand. */
export interface LogSource {
  readonly size: number;
  read(start: number, end: number): Buffer;
  /** Jenkins sends X-More-Data while the build still writes its log. */
  readonly running?: boolean;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Body bytes sent in answer. */
  bodyBytes: number;
}

export interface StandInOptions {
  /** Exact URL paths as the client sends them (percent-encoded), e.g. `/job/api-server/api/json`. */
  readonly routes: Readonly<Record<string, Reply>>;
  /** Build URL paths (`/job/api-server/10002/`) to their logs. */
  readonly logs?: Readonly<Record<string, LogSource>>;
  readonly user: string;
  readonly token: string;
}

export class JenkinsStandIn {
  readonly requests: SeenRequest[] = [];
  /** Replies that replace a route's, for failure tests; `*` replaces every route. */
  readonly overrides = new Map<string, Reply>();
  /** Build URL paths to their logs; tests may add more. */
  readonly logs: Map<string, LogSource>;
  private readonly server: http.Server;
  private readonly expected: string;
  private address = '';

  private constructor(private readonly options: StandInOptions) {
    this.logs = new Map(Object.entries(options.logs ?? {}));
    this.expected = `Basic ${Buffer.from(`${options.user}:${options.token}`).toString('base64')}`;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(options: StandInOptions): Promise<JenkinsStandIn> {
    const standIn = new JenkinsStandIn(options);
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    const { port } = standIn.server.address() as AddressInfo;
    standIn.address = `http://127.0.0.1:${port}`;
    return standIn;
  }

  get url(): string {
    return this.address;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, bodyBytes: 0 };
    this.requests.push(seen);
    res.on('error', () => undefined);
    const override = this.overrides.get(url.pathname) ?? this.overrides.get('*');
    if (override) return send(res, seen, override);
    if (req.headers.authorization !== this.expected) return send(res, seen, page(401, 'Unauthorized'));
    const route = this.options.routes[url.pathname];
    if (route) return send(res, seen, route);
    const log = logFor(this.logs, url.pathname);
    if (log) return streamLog(res, seen, log, url.searchParams.get('start'));
    return send(res, seen, page(404, 'Not Found'));
  }

  /** Body bytes sent for requests whose path contains `fragment`. */
  bytesSent(fragment: string): number {
    return this.requests.filter((r) => r.path.includes(fragment)).reduce((sum, r) => sum + r.bodyBytes, 0);
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

export function json(body: string | Buffer, status = 200): Reply {
  return { status, body, headers: { 'content-type': 'application/json;charset=utf-8', 'x-jenkins': '2.440.3' } };
}

/** Jenkins' own error pages are HTML. */
export function page(status: number, title: string, headers: Record<string, string> = {}): Reply {
  return { status, body: `<html><head><title>Error ${status} ${title}</title></head><body><h2>${title}</h2></body></html>`, headers: { 'content-type': 'text/html;charset=utf-8', ...headers } };
}

function send(res: http.ServerResponse, seen: SeenRequest, reply: Reply): void {
  if (reply.hang) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
  res.writeHead(reply.status ?? 200, { 'content-length': String(body.length), ...reply.headers });
  if (seen.method === 'HEAD') return void res.end();
  seen.bodyBytes += body.length;
  res.end(body);
}

function logFor(logs: ReadonlyMap<string, LogSource>, path: string): LogSource | undefined {
  const match = /^(.*\/)logText\/progressiveText$/.exec(path);
  return match?.[1] ? logs.get(match[1]) : undefined;
}

const CHUNK = 64 * 1024;

/** As Jenkins' LargeText.doProgressText: from `start` to the end; a start past the end means "from 0" (log rolled over). */
function streamLog(res: http.ServerResponse, seen: SeenRequest, log: LogSource, startParam: string | null): void {
  // Read once per request: a running build's log may have grown by the next one.
  const size = log.size;
  let position = Number(startParam ?? '0');
  if (!Number.isFinite(position) || position < 0 || position > size) position = 0;
  res.writeHead(200, {
    'content-type': 'text/plain;charset=UTF-8',
    'x-text-size': String(size),
    ...(log.running ? { 'x-more-data': 'true' } : {}),
  });
  if (seen.method === 'HEAD') return void res.end();
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = (): void => {
    while (!closed && position < size) {
      const end = Math.min(size, position + CHUNK);
      const chunk = log.read(position, end);
      position = end;
      seen.bodyBytes += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}
