import { TimeoutError, TlsError, UnreachableError, type DomainError } from '../../domain/errors';

/**
 * The HTTP side of a failure, kept as the `cause` of the domain error: status, method and a
 * redacted URL for logs, never shown to the person as is.
 */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | null,
    detail: string,
    readonly code: string | null = null,
  ) {
    super(`${method} ${url}: ${status === null ? '' : `${status} `}${detail}`);
  }
}

const TLS_CODES: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the intermediate certificates are missing or unknown',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer certificate is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer certificate is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
  CERT_REVOKED: 'the certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the port does not speak HTTPS',
  EPROTO: 'the TLS handshake failed',
};

const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused (nothing listens on that host and port)',
  ENOTFOUND: 'the host name does not resolve in public DNS',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Error codes along a fetch error's cause chain (undici nests them, happy-eyeballs aggregates them). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const code: unknown = Reflect.get(value, 'code');
    if (typeof code === 'string') codes.push(code);
    visit(Reflect.get(value, 'cause'), depth + 1);
    const nested: unknown = Reflect.get(value, 'errors');
    if (Array.isArray(nested)) for (const item of nested) visit(item, depth + 1);
  };
  visit(error, 0);
  return codes;
}

/**
 * The domain error for a fetch that produced no response, or undefined when the failure is not a
 * network one (then the caller re-throws it so the platform records it).
 */
export function networkError(
  error: unknown,
  context: { label: string; method: string; url: string; timedOut: boolean; timeoutMs: number },
): DomainError | undefined {
  const host = hostOf(context.url);
  const codes = errorCodes(error);
  const failure = (detail: string, code: string | null) =>
    new HttpFailure(context.method, context.url, null, detail, code);
  if (context.timedOut || codes.some((c) => TIMEOUT_CODES.has(c))) {
    const code = codes.find((c) => TIMEOUT_CODES.has(c)) ?? null;
    return new TimeoutError(`${context.label} at ${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s.`, {
      cause: failure('timed out', code),
    });
  }
  const tls = codes.find((c) => c in TLS_CODES || c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_'));
  if (tls) {
    const why = TLS_CODES[tls] ?? 'the TLS handshake failed';
    return new TlsError(`The HTTPS connection to ${host} failed: ${why} (${tls}).`, { cause: failure(why, tls) });
  }
  const unreachable = codes.find((c) => c in UNREACHABLE_CODES);
  if (unreachable) {
    const why = UNREACHABLE_CODES[unreachable] ?? 'the connection failed';
    return new UnreachableError(`Could not reach ${context.label} at ${host}: ${why} (${unreachable}).`, {
      cause: failure(why, unreachable),
    });
  }
  if (error instanceof TypeError && /fetch failed|terminated/i.test(error.message)) {
    return new UnreachableError(`Could not reach ${context.label} at ${host}: the connection failed.`, {
      cause: failure(error.message, null),
    });
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
