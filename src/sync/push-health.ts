import { modeOf, type Connection } from '../domain/connection';
import { acceptsPush, pollDue, pushHealth, type PushHealth } from '../domain/webhook';
import { PushStore } from './push-store';

/** The fiveMinute trigger's interval: a reconciling connection is polled in one tick per hour. */
export const SCHEDULE_TICK_MS = 5 * 60_000;

/**
 * Polling as reconciliation: the connections the scheduler should poll in this tick. Polled ones
 * always; pushed-only ones never (their server may be out of reach); those with both are polled
 * once an hour while their webhooks are healthy, and every tick again once events stop. Costs
 * one read per 100 connections that take pushes, none when no connection does.
 */
export async function dueForPolling<C extends Connection>(connections: readonly C[], now: number, tickMs = SCHEDULE_TICK_MS): Promise<C[]> {
  if (!connections.some((c) => acceptsPush(modeOf(c)))) return [...connections];
  const seen = await new PushStore().allSeen();
  return connections.filter((c) => pollDue({ connectionId: c.id, mode: modeOf(c), lastEventAt: seen.get(c.id), now, tickMs }));
}

export interface ConnectionPushHealth {
  readonly connectionId: string;
  readonly health: PushHealth;
  readonly lastEventAt: string | null;
}

/** For the settings pages: whether each connection's webhooks deliver, or went quiet. */
export async function pushHealthOf(connections: readonly Connection[], now: number): Promise<ConnectionPushHealth[]> {
  const pushed = connections.filter((c) => acceptsPush(modeOf(c)));
  const seen = pushed.length ? await new PushStore().allSeen() : new Map<string, number>();
  return connections.map((c) => {
    const at = seen.get(c.id);
    return { connectionId: c.id, health: pushHealth(modeOf(c), at, now), lastEventAt: at === undefined ? null : new Date(at).toISOString() };
  });
}
