/**
 * When Forge runs a failed async event again. The documented rules
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api,
 * https://developer.atlassian.com/platform/forge/limits-async-events): a failed event is retried with
 * backoff, at most about 15 minutes apart, for up to 24 hours after it was pushed; `retryContext`
 * is present only on retries; an `InvocationError`'s `retryAfter` sets the next delay; `retryData`
 * is at most 4 KB. The docs give no base for the backoff: the emulator starts at 30 s and doubles,
 * which retries more often than a slower start would, so duplicate runs show up in tests.
 */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_BACKOFF_SECONDS = 15 * 60;
const FIRST_BACKOFF_SECONDS = 30;
export const RETRY_DATA_LIMIT_BYTES = 4 * 1024;

/** Forge's `InvocationErrorCode` values, as `retryContext.retryReason` carries them. */
export type RetryReason =
  | 'FUNCTION_RETRY_REQUEST'
  | 'FUNCTION_TIME_OUT'
  | 'FUNCTION_OUT_OF_MEMORY'
  | 'FUNCTION_PLATFORM_UNKNOWN_ERROR'
  | 'FUNCTION_PLATFORM_RATE_LIMITED'
  | 'FUNCTION_UPSTREAM_RATE_LIMITED';

export interface RetryRequest {
  readonly reason: RetryReason;
  /** Seconds the consumer asked to wait (`InvocationError({ retryAfter })`); backoff when absent. */
  readonly retryAfterSeconds?: number | undefined;
  readonly retryData?: unknown;
}

/** Seconds before retry number `retryNumber` (1 for the first retry). */
export function backoffSeconds(retryNumber: number, request: RetryRequest): number {
  if (request.retryAfterSeconds !== undefined) {
    return Math.min(MAX_BACKOFF_SECONDS, Math.max(1, Math.ceil(request.retryAfterSeconds)));
  }
  return Math.min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** Math.max(0, retryNumber - 1));
}
