/**
 * The failures a person can act on when the app talks to a CI server. Each has a stable `name`
 * (the UI and the sync engine switch on it) and a `hint` that is shown as is. HTTP details stay in
 * the `cause` (see src/providers/http), never in these types.
 */

export const REACH_HINT =
  "Check that the server is reachable from Atlassian's cloud: a public DNS name, and a firewall or " +
  "allow-list that lets Atlassian's IP ranges in. If it cannot be reachable, send deploys to the app " +
  'with deploy registration (push) instead.';

export abstract class DomainError extends Error {
  abstract override readonly name: string;
  readonly hint: string;

  protected constructor(message: string, hint: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.hint = hint;
  }

  /** What may leave the backend: no stack, no cause, no HTTP details. */
  toJSON(): { name: string; message: string; hint: string } {
    return { name: this.name, message: this.message, hint: this.hint };
  }
}

export interface ErrorInit {
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

export class AuthError extends DomainError {
  override readonly name = 'AuthError';
  static readonly defaultHint =
    'Check the user name and the API token: the token may have been revoked or belong to another ' +
    'user, or the URL may point at a different server.';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? AuthError.defaultHint, init.cause);
  }
}

export class PermissionError extends DomainError {
  override readonly name = 'PermissionError';
  static readonly defaultHint = 'The credentials are valid but may not read builds: grant read access to builds and jobs.';
  /** Token scopes or permissions known to be missing, by the provider's own names. */
  readonly missing: readonly string[];
  constructor(message: string, init: ErrorInit & { missing?: readonly string[] } = {}) {
    super(message, init.hint ?? PermissionError.defaultHint, init.cause);
    this.missing = init.missing ?? [];
  }
}

export class NotFound extends DomainError {
  override readonly name = 'NotFound';
  static readonly defaultHint =
    'Check the URL, including the context path when the server lives under one (for example /jenkins).';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? NotFound.defaultHint, init.cause);
  }
}

export class UnreachableError extends DomainError {
  override readonly name = 'UnreachableError';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? REACH_HINT, init.cause);
  }
}

export class TimeoutError extends DomainError {
  override readonly name = 'TimeoutError';
  static readonly defaultHint = `The server did not answer in time. ${REACH_HINT}`;
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? TimeoutError.defaultHint, init.cause);
  }
}

export class TlsError extends DomainError {
  override readonly name = 'TlsError';
  static readonly defaultHint =
    "The server's HTTPS certificate was refused (expired, self-signed, issued for another host name, " +
    'or sent without its intermediate certificates). Atlassian\'s cloud trusts only publicly trusted ' +
    'certificates: install one with its full chain.';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? TlsError.defaultHint, init.cause);
  }
}

export class ServiceUnavailable extends DomainError {
  override readonly name = 'ServiceUnavailable';
  static readonly defaultHint = 'The server is temporarily unavailable. The sync retries on its next run.';
  readonly retryAfterMs: number | null;
  constructor(message: string, init: ErrorInit & { retryAfterMs?: number | null } = {}) {
    super(message, init.hint ?? ServiceUnavailable.defaultHint, init.cause);
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export class RateLimited extends DomainError {
  override readonly name = 'RateLimited';
  static readonly defaultHint =
    "The CI server's API rate limit is used up. The sync continues after the limit resets; if this " +
    'keeps happening, other tools may share the same token or organisation limit.';
  readonly retryAfterMs: number | null;
  constructor(message: string, init: ErrorInit & { retryAfterMs?: number | null } = {}) {
    super(message, init.hint ?? RateLimited.defaultHint, init.cause);
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export class InvalidResponse extends DomainError {
  override readonly name = 'InvalidResponse';
  static readonly defaultHint =
    'The answer was not what this API returns. Check that the URL points at the CI server itself and ' +
    'not at a proxy or another service.';
  static readonly htmlHint =
    'An HTML page came back where JSON was expected: usually a login page or a proxy (single sign-on, ' +
    'VPN gateway) answering instead of the CI server. Check the custom headers and the URL.';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? InvalidResponse.defaultHint, init.cause);
  }
}

export class ResponseTooLarge extends DomainError {
  override readonly name = 'ResponseTooLarge';
  readonly limitBytes: number;
  constructor(message: string, init: ErrorInit & { limitBytes: number }) {
    super(
      message,
      init.hint ??
        `The answer was larger than ${Math.round(init.limitBytes / 1024)} KiB, more than a build list should ever be. ` +
          'A proxy may be sending something else, or the server holds unusually large build records.',
      init.cause,
    );
    this.limitBytes = init.limitBytes;
  }
}

/**
 * The caller's share of Forge's outbound requests (100 per runtime minute) is used up, or Forge
 * itself refused one more (`used` is then unknown).
 */
export class BudgetExhausted extends DomainError {
  override readonly name = 'BudgetExhausted';
  readonly used: number | null;
  constructor(used: number | null, init: ErrorInit = {}) {
    super(
      used === null
        ? "Forge refused further outbound requests: this invocation reached its limit of requests per minute."
        : `Stopped after ${used} requests: this run's share of outbound requests is used up.`,
      init.hint ?? 'Nothing to fix: the sync continues where it stopped on its next run.',
      init.cause,
    );
    this.used = used;
  }
}

/** The invocation is about to run out of time; the work left waits for the next run. */
export class DeadlineExceeded extends DomainError {
  override readonly name = 'DeadlineExceeded';
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? 'Nothing to fix: the sync continues where it stopped on its next run.', init.cause);
  }
}

/** Forge refused to let the app call this host (not declared, not consented, not HTTPS, or a port Forge blocks). */
export class EgressDenied extends DomainError {
  override readonly name = 'EgressDenied';
  static readonly defaultHint =
    'Forge only lets the app reach servers a Jira admin has allowed, over HTTPS on standard ports. Approve the ' +
    "server's address when the connection settings ask for it, and check the URL's scheme and port.";
  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.hint ?? EgressDenied.defaultHint, init.cause);
  }
}

/** The connection's settings cannot work as entered (bad URL, forbidden header, ...). */
export class InvalidConnection extends DomainError {
  override readonly name = 'InvalidConnection';
  readonly problems: readonly string[];
  constructor(problems: readonly string[], init: ErrorInit = {}) {
    super(
      `The connection settings are not valid: ${problems.join('; ')}`,
      init.hint ?? 'Correct the settings listed and save the connection again.',
      init.cause,
    );
    this.problems = problems;
  }
}

export type ProviderError =
  | AuthError
  | PermissionError
  | NotFound
  | UnreachableError
  | TimeoutError
  | TlsError
  | ServiceUnavailable
  | RateLimited
  | InvalidResponse
  | ResponseTooLarge
  | BudgetExhausted
  | DeadlineExceeded
  | EgressDenied
  | InvalidConnection;

export type ProviderErrorName = ProviderError['name'];

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof DomainError;
}

/** A request the app cannot act on as sent: a bad payload, id or cursor, or a call from a page it does not serve. */
export class InvalidRequest extends DomainError {
  override readonly name = 'InvalidRequest';
  constructor(message: string) {
    super(message, 'Correct the highlighted fields and try again.');
  }
}
