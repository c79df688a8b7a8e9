import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The state of one function invocation, as Forge keeps it per lambda call.
 * Every platform call made while the function runs finds it through AsyncLocalStorage,
 * so concurrent invocations never see each other's limits, user or deadline.
 */
export interface Invocation {
  readonly id: string;
  readonly functionKey: string;
  readonly moduleKey: string;
  /** The acting user for `asUser()` calls; absent for triggers, consumers and webtriggers. */
  readonly accountId?: string | undefined;
  readonly startedAt: number;
  readonly timeoutMs: number;
  /** Timestamps of outbound (egress) requests, for the per-runtime-minute limit. */
  readonly egressTimestamps: number[];
  /** Set once the invocation timed out: platform calls made afterwards fail. */
  timedOut: boolean;
}

export type Clock = () => number;

/**
 * A clock a test moves by hand. Draining the queue moves it to each event's due time, so a day of
 * Forge's retries runs at once while every platform call, TTL and `Date`-free timestamp agrees on the time.
 */
export class ManualClock {
  constructor(private time: number) {}

  readonly now: Clock = () => this.time;

  /** Moves forward to `time`; never backwards, as a real clock would not. */
  advanceTo(time: number): void {
    this.time = Math.max(this.time, time);
  }

  advanceBy(ms: number): void {
    this.time += Math.max(0, ms);
  }
}

const storage = new AsyncLocalStorage<Invocation>();

export function newInvocation(
  init: Pick<Invocation, 'functionKey' | 'moduleKey' | 'timeoutMs'> & { accountId?: string | undefined },
  clock: Clock,
): Invocation {
  return {
    id: randomUUID(),
    functionKey: init.functionKey,
    moduleKey: init.moduleKey,
    accountId: init.accountId,
    startedAt: clock(),
    timeoutMs: init.timeoutMs,
    egressTimestamps: [],
    timedOut: false,
  };
}

export function runInInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}

export function remainingMillis(invocation: Invocation, clock: Clock): number {
  return Math.max(0, invocation.startedAt + invocation.timeoutMs - clock());
}
