/**
 * Reading how long a server wants us to wait. `Retry-After` is seconds or an HTTP-date (RFC 9110);
 * `RateLimit-Reset` is seconds until the window resets (Buildkite, IETF draft), though some servers
 * send an epoch timestamp there instead.
 */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export function rateLimitResetMs(headers: Headers, now: number): number | null {
  const value = headers.get('ratelimit-reset')?.trim() ?? headers.get('x-ratelimit-reset')?.trim();
  if (!value || !/^\d+$/.test(value)) return null;
  const seconds = Number(value);
  return seconds >= EPOCH_SECONDS_THRESHOLD ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
}

export function rateLimitRemaining(headers: Headers): number | null {
  const value = headers.get('ratelimit-remaining')?.trim() ?? headers.get('x-ratelimit-remaining')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Bounded exponential backoff with "equal jitter": half the step is certain, half random. The cap
 * keeps a retry inside a run; the jitter matters because the scheduler starts every connection
 * at once, and connections sharing a rate limit (one Buildkite organisation, one CircleCI user)
 * would otherwise retry in lockstep.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** attempt);
  const unit = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * unit);
}
