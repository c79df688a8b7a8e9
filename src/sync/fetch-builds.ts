import { BudgetExhausted, DeadlineExceeded, DomainError, RateLimited, TimeoutError } from '../domain/errors';
import { createProvider, parseCursor, RequestCounter, type BuildPage, type Clock, type FetchFn, type HttpTuning } from '../providers';
import type { ConnectionWithSecret } from '../storage/connection-store';

export interface FetchOptions {
  /** Outbound requests this invocation may make: under Forge's 100 a minute. */
  readonly requestLimit: number;
  readonly fetch: FetchFn;
  readonly clock: Clock;
  /** Milliseconds left in the invocation. */
  readonly remainingMillis: () => number;
  readonly tuning?: Partial<HttpTuning> | undefined;
}

export interface Fetched {
  /** Undefined when the provider failed as a whole (see `stop`). */
  readonly page: BuildPage | undefined;
  /** What ended the fetch early, if anything. */
  readonly stop: DomainError | null;
  /** True when the stop was this invocation's own limit (budget, deadline), not the server. */
  readonly ownLimit: boolean;
  readonly requests: number;
}

/** Time kept back from fetching for planning and writing what was fetched. */
export function writeReserveMs(remaining: number): number {
  return Math.min(60_000, remaining * 0.3);
}

/**
 * Builds changed since the stored cursor, within this invocation's request budget and the time
 * it has left (less what writing needs). A failure of the whole connection comes back as `stop`.
 */
export async function fetchBuilds(found: ConnectionWithSecret, storedCursor: unknown, options: FetchOptions): Promise<Fetched> {
  const reserve = writeReserveMs(options.remainingMillis());
  const remaining = () => options.remainingMillis() - reserve;
  const budget = new RequestCounter(options.requestLimit);
  const provider = createProvider(found.connection, found.secret, {
    fetch: options.fetch,
    clock: options.clock,
    budget,
    remainingMillis: remaining,
    tuning: options.tuning,
  });
  let page: BuildPage | undefined;
  let stop: DomainError | null;
  try {
    page = await provider.listBuildsSince(parseCursor(storedCursor) ?? undefined);
    stop = page.stoppedBy;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    stop = error;
  }
  return { page, stop, ownLimit: stoppedByOwnLimit(stop, remaining(), options.tuning), requests: budget.used };
}

/**
 * Whether a run stopped at this invocation's own limits (its request budget, its deadline, or a
 * request cut off because the invocation was ending) rather than at a slow or failing server.
 */
export function stoppedByOwnLimit(stop: DomainError | null, remainingMs: number, tuning: Partial<HttpTuning> | undefined): boolean {
  const outOfTime = remainingMs < (tuning?.deadlineMarginMs ?? 3_000) + 2_000;
  return stop instanceof BudgetExhausted || stop instanceof DeadlineExceeded || (stop instanceof TimeoutError && outOfTime);
}

/** When to carry on in a fresh invocation, if at all: now, after the server's wait, or never. */
export function continueAfter(fetched: Fetched): { readonly delaySeconds: number } | null {
  const { page, stop, ownLimit } = fetched;
  if (!page || page.complete) return null;
  if (stop === null || ownLimit) return { delaySeconds: 0 };
  if (stop instanceof RateLimited && stop.retryAfterMs !== null && stop.retryAfterMs <= 240_000) {
    return { delaySeconds: Math.max(1, stop.retryAfterMs / 1000) };
  }
  return null;
}
