import type { z } from 'zod';
import {
  BudgetExhausted,
  DeadlineExceeded,
  EgressDenied,
  InvalidResponse,
  RateLimited,
  ResponseTooLarge,
  TimeoutError,
  type DomainError,
} from '../../domain/errors';
import { BodyTooLarge, looksLikeHtml, readCapped } from './body';
import { HttpFailure, networkError } from './failure';
import { backoffMs, rateLimitRemaining, rateLimitResetMs, retryAfterMs } from './rate-limit';
import { displayUrl } from './redact';
import { statusError, type HintOverrides } from './status-errors';
import { DEFAULT_TUNING, type HttpTuning, type ProviderDeps } from './types';

export interface HttpClientOptions {
  /** The server as a person knows it: "Jenkins", "Buildkite", "CircleCI". */
  readonly label: string;
  /** Authentication and custom headers, sent with every request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Values that must never appear in an error message. */
  readonly secrets: readonly string[];
  readonly hints?: HintOverrides;
  readonly deps: ProviderDeps;
}

export interface RequestOptions {
  /** Hints for this request only, e.g. "the stage view plugin is missing" for a 404. */
  readonly hints?: HintOverrides;
}

export interface JsonResponse<T> {
  readonly data: T;
  readonly headers: Headers;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const ERROR_BODY_LIMIT = 64 * 1024;
/** Below this, a request is not worth starting: it would be cut off before it could finish. */
const MIN_REQUEST_MS = 1_000;

interface Exchange {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * GETs JSON from one CI server: timeouts, the invocation deadline, retries with backoff,
 * rate-limit headers, a size cap, the request budget, and typed errors for every failure.
 * One instance per connection and run: it remembers the server's rate-limit window.
 */
export class HttpClient {
  private readonly tuning: HttpTuning;
  private rateLimitedUntil = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.tuning = { ...DEFAULT_TUNING, ...options.deps.tuning };
  }

  async getJson<T>(url: string, schema: z.ZodType<T>, request: RequestOptions = {}): Promise<JsonResponse<T>> {
    const hints = { ...this.options.hints, ...request.hints };
    const exchange = await this.exchangeWithRetries(url, hints);
    const where = displayUrl(url);
    const fail = (message: string, detail: string, hint?: string) =>
      new InvalidResponse(message, { hint: hint ?? hints.InvalidResponse, cause: new HttpFailure('GET', where, exchange.status, detail) });
    if (looksLikeHtml(exchange.headers.get('content-type'), exchange.body)) {
      throw fail(`${this.options.label} sent an HTML page instead of JSON for ${where}.`, 'html', InvalidResponse.htmlHint);
    }
    let json: unknown;
    try {
      json = JSON.parse(exchange.body);
    } catch {
      throw fail(`${this.options.label} sent incomplete or malformed JSON for ${where} (${exchange.body.length} characters).`, 'bad json');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? issue.path.join('.') || '(root)' : '(root)';
      throw fail(
        `${this.options.label} answered ${where} with data this app does not understand (at ${path}: ${issue?.message ?? 'invalid'}).`,
        'schema',
      );
    }
    return { data: parsed.data, headers: exchange.headers };
  }

  private async exchangeWithRetries(url: string, hints: HintOverrides): Promise<Exchange> {
    for (let attempt = 0; ; attempt += 1) {
      await this.waitForRateLimitWindow();
      const exchange = await this.exchangeOnce(url, hints);
      const now = this.options.deps.clock.now();
      this.noteRateLimit(exchange.headers, now);
      if (exchange.status >= 200 && exchange.status < 300) return exchange;
      const platform = platformRefusal(exchange, displayUrl(url));
      if (platform) throw platform;
      const serverWait = retryAfterMs(exchange.headers, now) ?? rateLimitResetMs(exchange.headers, now);
      const retryable = RETRYABLE.has(exchange.status);
      const wait = serverWait ?? (retryable ? backoffMs(attempt, this.tuning.backoffBaseMs, this.tuning.backoffMaxMs, this.options.deps.random) : null);
      const error = statusError({
        label: this.options.label,
        method: 'GET',
        url,
        status: exchange.status,
        statusText: exchange.statusText,
        body: exchange.body,
        location: exchange.headers.get('location'),
        // A 429 without a server wait still says when to try again: after our own backoff step.
        retryAfterMs: exchange.status === 429 ? wait : serverWait,
        secrets: this.options.secrets,
        hints,
      });
      if (wait === null || attempt >= this.tuning.maxRetries) throw error;
      // No request left to retry with, or a wait longer than this run may sleep: stop here.
      if (this.options.deps.budget.remaining <= 0 || !this.canWait(wait)) throw error;
      await this.options.deps.clock.sleep(wait);
    }
  }

  private async exchangeOnce(url: string, hints: HintOverrides): Promise<Exchange> {
    const { deps, label } = this.options;
    const left = deps.remainingMillis() - this.tuning.deadlineMarginMs;
    if (left < MIN_REQUEST_MS) {
      throw new DeadlineExceeded(`Stopped before calling ${label}: this run is about to end.`);
    }
    deps.budget.take();
    const timeoutMs = Math.min(this.tuning.requestTimeoutMs, left);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await deps.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...this.options.headers },
        signal: controller.signal,
        // A redirect could carry the credentials to another host; report it instead of following it.
        redirect: 'manual',
      });
      const ok = response.status >= 200 && response.status < 300;
      const body = await readCapped(response, ok ? this.tuning.maxResponseBytes : ERROR_BODY_LIMIT).catch((error: unknown) => {
        if (error instanceof BodyTooLarge && !ok) return '';
        throw error;
      });
      return { status: response.status, statusText: response.statusText, headers: response.headers, body };
    } catch (error) {
      throw this.translate(error, url, timedOut, timeoutMs, hints);
    } finally {
      clearTimeout(timer);
    }
  }

  private translate(error: unknown, url: string, timedOut: boolean, timeoutMs: number, hints: HintOverrides): unknown {
    if (error instanceof BodyTooLarge) {
      return new ResponseTooLarge(`${this.options.label} sent more than ${error.limitBytes} bytes for ${displayUrl(url)}.`, {
        limitBytes: error.limitBytes,
      });
    }
    const mapped: DomainError | undefined = networkError(error, { label: this.options.label, method: 'GET', url: displayUrl(url), timedOut, timeoutMs });
    if (mapped instanceof TimeoutError && hints.TimeoutError) {
      return new TimeoutError(mapped.message, { hint: hints.TimeoutError, cause: mapped.cause });
    }
    return mapped ?? error;
  }

  private noteRateLimit(headers: Headers, now: number): void {
    if (rateLimitRemaining(headers) !== 0) return;
    const reset = rateLimitResetMs(headers, now);
    if (reset !== null) this.rateLimitedUntil = now + reset;
  }

  /** When the server said the window is used up, wait for its reset rather than earn a 429. */
  private async waitForRateLimitWindow(): Promise<void> {
    const wait = this.rateLimitedUntil - this.options.deps.clock.now();
    if (wait <= 0) return;
    if (!this.canWait(wait)) {
      throw new RateLimited(`${this.options.label}'s rate limit is used up for the next ${Math.ceil(wait / 1000)} s.`, {
        retryAfterMs: wait,
      });
    }
    await this.options.deps.clock.sleep(wait);
  }

  private canWait(ms: number): boolean {
    const left = this.options.deps.remainingMillis() - this.tuning.deadlineMarginMs - MIN_REQUEST_MS;
    return ms <= this.tuning.maxWaitMs && ms < left;
  }
}

/**
 * Answers from Forge's egress proxy rather than the CI server: its per-invocation request limit
 * (429 with `forge-proxy-error`) must not be retried, and a host the app may not reach (403 with
 * Forge's message) is not the CI server refusing the user.
 */
function platformRefusal(exchange: Exchange, where: string): DomainError | undefined {
  const proxyError = exchange.headers.get('forge-proxy-error');
  if (proxyError === 'FETCH_LIMIT_EXCEEDED') {
    return new BudgetExhausted(null, { cause: new HttpFailure('GET', where, exchange.status, proxyError) });
  }
  if (exchange.status === 403 && FORGE_DENIAL.test(exchange.body)) {
    return new EgressDenied(`Forge did not let the app call ${where}.`, {
      cause: new HttpFailure('GET', where, 403, exchange.body.slice(0, 200)),
    });
  }
  return undefined;
}

const FORGE_DENIAL = /^(URL not included in the external fetch backend permissions|Forge only allows HTTPS egress|Forge does not allow egress to port)/;
