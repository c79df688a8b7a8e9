import { BudgetExhausted } from '../../domain/errors';

/** The one I/O primitive a provider gets: the global fetch in production (Forge's, or the emulator's). */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** Time, injected so tests can run backoff and Retry-After waits without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Outbound requests this run may still make. Forge allows 100 per runtime minute per invocation;
 * the sync engine shares one budget between every connection it syncs in an invocation.
 */
export interface RequestBudget {
  /** Counts one request, or throws BudgetExhausted when none is left. */
  take(): void;
  readonly used: number;
  readonly remaining: number;
}

export class RequestCounter implements RequestBudget {
  private count = 0;

  constructor(readonly limit: number) {}

  take(): void {
    if (this.count >= this.limit) throw new BudgetExhausted(this.count);
    this.count += 1;
  }

  get used(): number {
    return this.count;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.count);
  }
}

/** Everything a provider needs from its surroundings. */
export interface ProviderDeps {
  readonly fetch: FetchFn;
  readonly clock: Clock;
  /** Milliseconds left in this invocation (in production `getAppContext().invocationRemainingTimeInMillis`). */
  readonly remainingMillis: () => number;
  readonly budget: RequestBudget;
  readonly tuning?: Partial<HttpTuning> | undefined;
  /** Jitter for backoff, in [0, 1); Math.random unless a test pins it. */
  readonly random?: (() => number) | undefined;
}

export interface HttpTuning {
  /** Per request, including reading the body. */
  readonly requestTimeoutMs: number;
  /** Time kept back at the end of the invocation for saving what was fetched. */
  readonly deadlineMarginMs: number;
  readonly maxResponseBytes: number;
  /** Retries after 429, 502, 503 and 504. */
  readonly maxRetries: number;
  readonly backoffBaseMs: number;
  /** The longest one backoff step may be, before jitter. */
  readonly backoffMaxMs: number;
  /**
   * The longest the client sleeps for a rate limit or Retry-After. Anything longer is not slept
   * through: the run stops with RateLimited carrying the retry time, and the sync continues in a
   * delayed invocation instead of paying for wall time spent waiting.
   */
  readonly maxWaitMs: number;
}

export const DEFAULT_TUNING: HttpTuning = {
  requestTimeoutMs: 15_000,
  deadlineMarginMs: 3_000,
  maxResponseBytes: 8 * 1024 * 1024,
  maxRetries: 3,
  backoffBaseMs: 1_000,
  backoffMaxMs: 8_000,
  maxWaitMs: 30_000,
};
