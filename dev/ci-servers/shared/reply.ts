/** What a stand-in route answers; the HTTP layer sends it (and faults may replace or cut it). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A body, or chunks produced while sending (huge logs): never held in memory whole. */
  readonly body: string | Buffer | Iterable<string>;
}

export function jsonReply(value: unknown, status = 200, headers: Record<string, string> = {}, indent?: number): Reply {
  return { status, headers: { 'content-type': 'application/json;charset=utf-8', ...headers }, body: JSON.stringify(value, null, indent) };
}

export function textReply(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/plain;charset=utf-8', ...headers }, body };
}

export function htmlReply(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html;charset=utf-8', ...headers }, body };
}

/** The parts of a request a route reads. */
export interface StandInRequest {
  readonly method: string;
  /** Raw (still percent-encoded) path, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The server's own base URL, for absolute links in answers. */
  readonly origin: string;
}

export function header(request: StandInRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
