import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Deploy registration requests are signed like GitHub and Slack webhooks: HMAC-SHA256 over
 * `<timestamp>.<body>` with the project's secret, the timestamp in its own header so an old
 * request cannot be replayed with a fresh date.
 */
export const SIGNATURE_HEADER = 'x-deploy-tracker-signature';
export const TIMESTAMP_HEADER = 'x-deploy-tracker-timestamp';
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * The one form a timestamp may take: Unix seconds, digits only, no leading zero, at most 10
 * digits. The signature, the clock check and the replay key all read this same string, so
 * `0<ts>` or ` <ts>` is not a second spelling of an accepted request.
 */
const CANONICAL_TIMESTAMP = /^[1-9][0-9]{0,9}$/;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

export function sign(secret: string, timestamp: number | string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

export type SignatureProblem =
  | { readonly kind: 'missing-timestamp' }
  | { readonly kind: 'malformed-timestamp' }
  | { readonly kind: 'stale-timestamp'; readonly skewSeconds: number }
  | { readonly kind: 'missing-signature' }
  | { readonly kind: 'malformed-signature' }
  | { readonly kind: 'bad-signature' };

/** A request's timestamp and signature in their one accepted form, before any secret is read. */
export interface SignedParts {
  readonly timestamp: string;
  readonly mac: Buffer;
  /** The same request always gives the same key, whatever else it was sent with. */
  readonly replayKey: string;
}

/** The first problem with the headers alone, in the order a person should fix them; needs no storage. */
export function signedParts(input: {
  readonly timestampHeader: string | undefined;
  readonly signatureHeader: string | undefined;
  readonly nowSeconds: number;
}): SignatureProblem | SignedParts {
  if (input.timestampHeader === undefined || input.timestampHeader === '') return { kind: 'missing-timestamp' };
  if (!CANONICAL_TIMESTAMP.test(input.timestampHeader)) return { kind: 'malformed-timestamp' };
  const skew = Math.abs(input.nowSeconds - Number(input.timestampHeader));
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { kind: 'stale-timestamp', skewSeconds: skew };
  if (input.signatureHeader === undefined || input.signatureHeader === '') return { kind: 'missing-signature' };
  const hex = SIGNATURE.exec(input.signatureHeader)?.[1];
  if (!hex) return { kind: 'malformed-signature' };
  return { timestamp: input.timestampHeader, mac: Buffer.from(hex, 'hex'), replayKey: `${input.timestampHeader}:${hex}` };
}

/** Whether `parts` sign `body` with `secret`, in constant time. */
export function signatureMatches(secret: string, body: string, parts: SignedParts): boolean {
  const expected = Buffer.from(sign(secret, parts.timestamp, body).slice('sha256='.length), 'hex');
  return timingSafeEqual(expected, parts.mac);
}
