import type { Build } from '../../../src/domain/build';
import { pollDue, pushHealth, regresses, RECONCILE_MINUTES } from '../../../src/domain/webhook';
import { aBuild } from '../../support/builders';

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
