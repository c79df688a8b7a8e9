import type { Build } from '../../../src/domain/build';
import { pollDue, pushHealth, regresses, RECONCILE_MINUTES } from '../../../src/domain/webhook';
import type { Connection } from '../../../src/domain/connection';
import { dueForPolling } from '../../../src/sync/push-health';
import { PushStore } from '../../../src/sync/push-store';
import { aBuild } from '../../support/builders';
import { pushPlatform } from './support';

const TICK = 5 * 60_000;
const NOW = Date.parse('2026-11-01T12:00:00Z');

describe('polling as reconciliation', () => {
  it('polls a connection with healthy webhooks in one tick per hour, and every tick once they go quiet', () => {
    // Given a connection of both kinds whose last event came a minute ago
    const ticks = Array.from({ length: RECONCILE_MINUTES / 5 }, (_, i) => NOW + i * TICK);
    const healthy = ticks.filter((now) => pollDue({ connectionId: 'bk-1', mode: 'both', lastEventAt: now - 60_000, now, tickMs: TICK }));
    // When its events stopped 31 minutes ago
    const quiet = ticks.filter((now) => pollDue({ connectionId: 'bk-1', mode: 'both', lastEventAt: now - 31 * 60_000, now, tickMs: TICK }));

    expect(healthy).toHaveLength(1);
    expect(quiet).toHaveLength(ticks.length);
    expect(pushHealth('both', NOW - 31 * 60_000, NOW)).toBe('quiet');
  });

  it('never polls a pushed-only connection and always polls a polled one', () => {
    expect(pollDue({ connectionId: 'j', mode: 'pushed', lastEventAt: undefined, now: NOW, tickMs: TICK })).toBe(false);
    expect(pollDue({ connectionId: 'j', mode: 'polled', lastEventAt: NOW, now: NOW, tickMs: TICK })).toBe(true);
  });
});

describe('builds never go back', () => {
  const finished: Build = aBuild({ state: 'successful', finishedAt: '2026-11-01T10:05:00.000Z' });
  it.each([
    ['running after finished', aBuild({ state: 'in_progress', finishedAt: null }), true],
    ['pending after finished', aBuild({ state: 'pending', finishedAt: null }), true],
    ['an earlier finish', aBuild({ state: 'failed', finishedAt: '2026-11-01T10:04:00.000Z' }), true],
    ['a later finish (a rebuild)', aBuild({ state: 'failed', finishedAt: '2026-11-01T10:06:00.000Z' }), false],
  ])('%s', (_label, incoming, expected) => {
    expect(regresses(finished, incoming)).toBe(expected);
  });
});

describe('the scheduler\'s rule (dueForPolling)', () => {
  const platform = pushPlatform();
  afterAll(() => platform.close());

  it('leaves out a connection whose webhooks are healthy, outside its hourly slot, and a pushed-only one; one read per ask, no write', async () => {
    // Given three connections: polled, both with an event a minute ago, pushed only
    const polled: Connection = { kind: 'buildkite', id: 'bk-polled', name: 'P', organization: 'acme' };
    const both: Connection = { kind: 'buildkite', id: 'bk-both', name: 'B', organization: 'acme', mode: 'both' };
    const pushed: Connection = { kind: 'jenkins', id: 'j-pushed', name: 'J', baseUrl: '', username: '', customHeaders: {}, mode: 'pushed' };
    await new PushStore().markSeen('bk-both', NOW - 60_000, undefined);
    // the tick of the hour in which 'bk-both' is not due
    const ticks = Array.from({ length: RECONCILE_MINUTES / 5 }, (_, i) => NOW + i * TICK);
    const offTick = ticks.find((now) => !pollDue({ connectionId: 'bk-both', mode: 'both', lastEventAt: NOW - 60_000, now, tickMs: TICK })) ?? NOW;
    platform.kvs.resetStats();

    // When the scheduler asks, in that tick, and again once the events stopped
    const due = await dueForPolling([polled, both, pushed], offTick);
    const quiet = await dueForPolling([polled, both, pushed], NOW + 31 * 60_000 + 1);

    // Then only the polled one is due while healthy; once quiet, both again
    expect(due.map((c) => c.id)).toEqual(['bk-polled']);
    expect(quiet.map((c) => c.id)).toEqual(['bk-polled', 'bk-both']);
    expect(platform.kvs.stats.reads).toBe(2);
    expect(platform.kvs.stats.writes).toBe(0);
  });
});
