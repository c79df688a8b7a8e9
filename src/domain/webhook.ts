import { isOpen, type Build, type BuildState } from './build';

/**
 * How builds reach the app from a connection: the sync polls it, its CI pushes signed events to
 * a web trigger, or both (the poll then only reconciles). Records written before modes existed
 * carry none and are polled, as they always were.
 */
export const CONNECTION_MODES = ['polled', 'pushed', 'both'] as const;
export type ConnectionMode = (typeof CONNECTION_MODES)[number];
export const DEFAULT_CONNECTION_MODE: ConnectionMode = 'polled';

export const acceptsPush = (mode: ConnectionMode): boolean => mode !== 'polled';
export const isPolled = (mode: ConnectionMode): boolean => mode !== 'pushed';

/** Webhooks count as healthy while an event arrived this recently. */
export const PUSH_HEALTHY_MINUTES = 30;
/** How often a connection with healthy webhooks is still polled, to catch what a webhook missed. */
export const RECONCILE_MINUTES = 60;

export type PushHealth = 'not-pushed' | 'waiting' | 'healthy' | 'quiet';

/** Whether the CI's events arrive: `waiting` until the first one, `quiet` once they stopped. */
export function pushHealth(mode: ConnectionMode, lastEventAt: number | undefined, now: number): PushHealth {
  if (!acceptsPush(mode)) return 'not-pushed';
  if (lastEventAt === undefined) return 'waiting';
  return now - lastEventAt <= PUSH_HEALTHY_MINUTES * 60_000 ? 'healthy' : 'quiet';
}

/** A stable offset in [0, period) per connection, so reconciling connections do not all poll in the same tick. */
function offsetOf(connectionId: string, periodMs: number): number {
  let hash = 0;
  for (const char of connectionId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % periodMs;
}

/**
 * Whether the scheduler should poll a connection in the tick at `now` (ticks `tickMs` apart).
 * Pushed-only: never (its server may be unreachable). Polled: always. Both: always, unless its
 * webhooks are healthy; then once per RECONCILE_MINUTES, in the tick that covers its own offset.
 * Stateless, so deciding costs no write.
 */
export function pollDue(input: {
  readonly connectionId: string;
  readonly mode: ConnectionMode;
  readonly lastEventAt: number | undefined;
  readonly now: number;
  readonly tickMs: number;
}): boolean {
  if (!isPolled(input.mode)) return false;
  if (pushHealth(input.mode, input.lastEventAt, input.now) !== 'healthy') return true;
  const period = RECONCILE_MINUTES * 60_000;
  const phase = (input.now - offsetOf(input.connectionId, period) + period) % period;
  return phase < input.tickMs;
}

/** How far a build has come: a finished state is never followed by an open one. */
function rank(state: BuildState): number {
  if (state === 'unknown') return 0;
  return isOpen(state) ? (state === 'pending' ? 1 : 2) : 3;
}

/**
 * Whether `incoming` would move a stored build backwards: events arrive out of order and a poll
 * may have read a build before its webhook. A finished build is not reopened by a running or
 * pending report, a running one not sent back to pending; between two finished reports the one
 * that finished later wins (a rebuild in place), and equal times let the newer report stand.
 */
export function regresses(stored: Build, incoming: Build): boolean {
  const before = rank(stored.state);
  const after = rank(incoming.state);
  if (after !== before) return after < before;
  if (after === 3 && stored.finishedAt && incoming.finishedAt) return Date.parse(incoming.finishedAt) < Date.parse(stored.finishedAt);
  return false;
}

/**
 * A pushed build over what is stored: its state and times from the event, and what the event may
 * lack (commits, causes, parameters, branch, tag) kept from the stored build, which a poll or a
 * targeted read may have filled, so a thin event does not erase richer data.
 */
export function mergePushed(stored: Build | undefined, incoming: Build): Build {
  if (!stored) return incoming;
  return {
    ...incoming,
    startedAt: incoming.startedAt ?? stored.startedAt,
    sha: incoming.sha ?? stored.sha,
    branch: incoming.branch ?? stored.branch,
    tag: incoming.tag ?? stored.tag,
    commits: stored.commits.length > incoming.commits.length ? stored.commits : incoming.commits,
    causes: stored.causes.length > 0 ? stored.causes : incoming.causes,
    parameters: stored.parameters.length > 0 ? stored.parameters : incoming.parameters,
    job: stored.job,
    url: stored.url ?? incoming.url,
  };
}
