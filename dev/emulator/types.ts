import type { Invocation } from './invocation';

/** The emulated site's cloud id, in every context the platform builds. */
export const CLOUD_ID = 'local-cloud-id';

/** The first argument the real `@forge/*` packages pass to `global.__forge_fetch__`. */
export interface ForgeFetchTarget {
  readonly type: string;
  readonly provider?: string | undefined;
  readonly remote?: string | undefined;
  readonly accountId?: string | undefined;
  readonly contextAri?: string | undefined;
}

/** One platform request, as a service of the emulator receives it. */
export interface PlatformRequest {
  readonly target: ForgeFetchTarget;
  readonly path: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  /** The invocation that made the call; undefined when called outside any function (tests' own set-up). */
  readonly invocation: Invocation | undefined;
}

/** A part of the platform (KVS, a product, the queue service) that answers `__forge_fetch__` calls. */
export interface PlatformService {
  handle(request: PlatformRequest): Promise<Response>;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function emptyResponse(status: number): Response {
  return new Response(null, { status });
}
