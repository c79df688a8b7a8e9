import {
  AuthError,
  InvalidResponse,
  NotFound,
  PermissionError,
  RateLimited,
  ServiceUnavailable,
  TimeoutError,
  type DomainError,
} from '../../domain/errors';
import { HttpFailure } from './failure';
import { displayUrl, redact } from './redact';

export type HintOverrides = Partial<
  Record<'AuthError' | 'PermissionError' | 'NotFound' | 'ServiceUnavailable' | 'RateLimited' | 'InvalidResponse' | 'TimeoutError', string>
>;

export interface StatusContext {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
  readonly location: string | null;
  readonly retryAfterMs: number | null;
  readonly secrets: readonly string[];
  readonly hints: HintOverrides;
}

const MAX_DETAIL = 200;

/** The server's own words from an error body (`{"message": ...}` in Buildkite and CircleCI), redacted. */
export function serverMessage(body: string, secrets: readonly string[]): string | null {
  let text: string | null = null;
  try {
    const parsed: unknown = JSON.parse(body);
    const message: unknown = parsed !== null && typeof parsed === 'object' ? Reflect.get(parsed, 'message') : undefined;
    if (typeof message === 'string') text = message;
  } catch {
    text = null;
  }
  if (!text) return null;
  const clean = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL)}...` : clean;
}

/** The one place where an HTTP status becomes a domain error. */
export function statusError(ctx: StatusContext): DomainError {
  const where = displayUrl(ctx.url);
  const said = serverMessage(ctx.body, ctx.secrets);
  const suffix = said ? ` It said: "${said}".` : '';
  const cause = new HttpFailure(ctx.method, where, ctx.status, ctx.statusText || 'error');
  const { status, label, hints } = ctx;
  if (status === 401) {
    return new AuthError(`${label} did not accept the credentials (HTTP 401) for ${where}.${suffix}`, { hint: hints.AuthError, cause });
  }
  if (status === 407) {
    return new AuthError(`A proxy in front of ${label} asked for its own credentials (HTTP 407).`, {
      hint: 'A proxy between Atlassian and the server wants credentials: add them as custom headers.',
      cause,
    });
  }
  if (status === 403) {
    return new PermissionError(`${label} refused access (HTTP 403) to ${where}.${suffix}`, { hint: hints.PermissionError, cause });
  }
  if (status === 404) {
    return new NotFound(`${label} has nothing at ${where} (HTTP 404).${suffix}`, { hint: hints.NotFound, cause });
  }
  if (status === 429) {
    return new RateLimited(`${label} is rate limiting this token (HTTP 429).`, {
      hint: hints.RateLimited,
      retryAfterMs: ctx.retryAfterMs,
      cause,
    });
  }
  if (status === 504) {
    return new TimeoutError(`A gateway in front of ${label} gave up waiting for it (HTTP 504).`, { hint: hints.TimeoutError, cause });
  }
  if (status >= 500) {
    return new ServiceUnavailable(`${label} could not answer (HTTP ${status}${ctx.statusText ? ` ${ctx.statusText}` : ''}).${suffix}`, {
      hint: hints.ServiceUnavailable,
      retryAfterMs: ctx.retryAfterMs,
      cause,
    });
  }
  if (status >= 300 && status < 400) {
    const to = ctx.location ? displayUrl(resolve(ctx.location, ctx.url)) : 'another address';
    return new InvalidResponse(`${label} redirected ${where} to ${to} (HTTP ${status}).`, {
      hint:
        'A redirect to a login page means single sign-on or a proxy stands in front of the server: check the ' +
        'custom headers. Otherwise enter the address it redirects to as the URL.',
      cause,
    });
  }
  return new InvalidResponse(`${label} answered HTTP ${status} to ${where}.${suffix}`, { hint: hints.InvalidResponse, cause });
}

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}
