import { TimeoutError, TlsError, UnreachableError } from '../../../src/domain/errors';
import { errorCodes, networkError } from '../../../src/providers/http/failure';
import { displayUrl, redact } from '../../../src/providers/http/redact';

/** The shape Node's fetch rejects with: TypeError('fetch failed') whose cause carries the code. */
function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

const context = { label: 'Jenkins', method: 'GET', url: 'https://ci.example.com/api/json', timedOut: false, timeoutMs: 15_000 };

describe('fetch failures without a response', () => {
  it.each(['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN'])(
    '%s: TlsError naming the code',
    (code) => {
      const error = networkError(fetchFailure(code), context);
      expect(error).toBeInstanceOf(TlsError);
      expect(error?.message).toContain(code);
    },
  );

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNRESET'])('%s: UnreachableError', (code) => {
    expect(networkError(fetchFailure(code), context)).toBeInstanceOf(UnreachableError);
  });

  it.each(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'])('%s: TimeoutError', (code) => {
    expect(networkError(fetchFailure(code), context)).toBeInstanceOf(TimeoutError);
  });

  it('finds codes inside aggregated connection attempts (IPv4 and IPv6)', () => {
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), { code: undefined });
    expect(errorCodes(new TypeError('fetch failed', { cause: aggregate }))).toEqual(['ECONNREFUSED']);
  });

  it('leaves errors that are not network failures to the caller', () => {
    expect(networkError(new RangeError('a bug'), context)).toBeUndefined();
  });
});

describe('redaction', () => {
  it('removes every secret and keeps URLs without credentials or query', () => {
    expect(redact('Bearer tok-123456 and again tok-123456', ['tok-123456'])).toBe('Bearer *** and again ***');
    expect(displayUrl('https://bot:secret@ci.example.com:8443/jenkins/api/json?token=abc')).toBe('https://ci.example.com:8443/jenkins/api/json');
  });
});
