import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Deploy registration requests are signed like GitHub and Slack webhooks: HMAC-SHA256 over
 * `<timestamp>.<body>` with the project's secret, the timestamp in its own header so an old
 * request cannot be replayed with a fresh date.
 */
export const SIGNATURE_HEADER = 'x-deploy-tracker-signature';
export const TIMESTAMP_HEADER = 'x-deploy-tracker-timestamp';
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function sign(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

export type SignatureProblem =
  | { readonly kind: 'missing-timestamp' }
  | { readonly kind: 'stale-timestamp'; readonly skewSeconds: number }
  | { readonly kind: 'missing-signature' }
  | { readonly kind: 'malformed-signature' }
  | { readonly kind: 'bad-signature' };

/** The first problem with a request's signature, in the order a person should fix them; undefined when valid. */
export function signatureProblem(input: {
  readonly secret: string;
  readonly body: string;
  readonly timestampHeader: string | undefined;
  readonly signatureHeader: string | undefined;
  readonly nowSeconds: number;
}): SignatureProblem | undefined {
  if (!input.timestampHeader || !/^\d{1,12}$/.test(input.timestampHeader.trim())) return { kind: 'missing-timestamp' };
  const timestamp = Number(input.timestampHeader.trim());
  const skew = Math.abs(input.nowSeconds - timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { kind: 'stale-timestamp', skewSeconds: skew };
  if (!input.signatureHeader) return { kind: 'missing-signature' };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(input.signatureHeader.trim());
  if (!match?.[1]) return { kind: 'malformed-signature' };
  const expected = Buffer.from(sign(input.secret, timestamp, input.body).slice('sha256='.length), 'hex');
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  return timingSafeEqual(expected, given) ? undefined : { kind: 'bad-signature' };
}
