import type { Reply } from './reply';

/**
 * Failures a test can switch on for the next requests: what CI servers and the proxies in front
 * of them do on a bad day. Faults apply in the order added; `count` requests each (forever when
 * absent), only to paths matching `path` when given.
 */
export type Fault =
  /** 503 (or another 5xx), as Jenkins answers while starting or in quiet-down. */
  | { readonly kind: 'unavailable'; readonly status?: 500 | 502 | 503 | 504; readonly count?: number; readonly path?: RegExp }
  | { readonly kind: 'rateLimited'; readonly retryAfterSeconds: number; readonly count?: number; readonly path?: RegExp }
  /** 200 with an SSO login page, as a proxy answers when it does not let the request through. */
  | { readonly kind: 'loginPage'; readonly count?: number; readonly path?: RegExp }
  /** The normal answer cut to `keepBytes` (default: half), with a matching Content-Length. */
  | { readonly kind: 'truncated'; readonly keepBytes?: number; readonly count?: number; readonly path?: RegExp }
  /** Waits `ms`, then answers normally (or with the next matching fault). */
  | { readonly kind: 'latency'; readonly ms: number; readonly count?: number; readonly path?: RegExp };

interface Armed {
  readonly fault: Fault;
  left: number;
}

export interface FaultOutcome {
  readonly delayMs: number;
  /** Replaces the answer. */
  readonly reply: Reply | null;
  /** Cuts the normal answer. */
  readonly truncateTo: ((body: Buffer) => number) | null;
}

export class Faults {
  private armed: Armed[] = [];

  constructor(
    private readonly pages: { unavailable: (status: number) => Reply; loginPage: () => Reply; rateLimited: (seconds: number) => Reply },
    initial: readonly Fault[] = [],
  ) {
    for (const fault of initial) this.add(fault);
  }

  add(fault: Fault): void {
    this.armed.push({ fault, left: fault.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  /** How many requests the faults still affect (Infinity for a permanent one). */
  get pending(): number {
    return this.armed.reduce((sum, a) => sum + a.left, 0);
  }

  take(path: string): FaultOutcome {
    let delayMs = 0;
    for (const armed of this.armed) {
      const { fault } = armed;
      if (armed.left <= 0 || (fault.path && !fault.path.test(path))) continue;
      armed.left -= 1;
      if (fault.kind === 'latency') {
        delayMs += fault.ms;
        continue;
      }
      this.armed = this.armed.filter((a) => a.left > 0);
      switch (fault.kind) {
        case 'unavailable':
          return { delayMs, reply: this.pages.unavailable(fault.status ?? 503), truncateTo: null };
        case 'rateLimited':
          return { delayMs, reply: this.pages.rateLimited(fault.retryAfterSeconds), truncateTo: null };
        case 'loginPage':
          return { delayMs, reply: this.pages.loginPage(), truncateTo: null };
        case 'truncated':
          return { delayMs, reply: null, truncateTo: (body) => Math.min(body.length - 1, fault.keepBytes ?? Math.floor(body.length / 2)) };
      }
    }
    this.armed = this.armed.filter((a) => a.left > 0);
    return { delayMs, reply: null, truncateTo: null };
  }
}

export const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in - Example SSO</title></head><body>' +
  '<form method="post" action="/sso/login"><h1>Sign in to continue</h1>' +
  '<input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>';
