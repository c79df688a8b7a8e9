import path from 'node:path';
import { Queue, InvocationError, InvocationErrorCode } from '@forge/events';
import type { AppHandler } from '../../../dev/emulator/functions';
import { ManualClock } from '../../../dev/emulator/invocation';
import { createTestPlatform } from '../../support/platform';

/**
 * Forge's retries of failed async events
 * (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api,
 * https://developer.atlassian.com/platform/forge/limits-async-events): backoff up to about 15
 * minutes apart, for up to 24 hours; `retryContext` only on retries; `retryAfter` honoured.
 */
const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const MINUTE = 60_000;
const clock = new ManualClock(T0);
const attempts: { at: number; event: Record<string, unknown> }[] = [];
let behaviour: (attempt: number) => Promise<unknown> = async () => undefined;

const handlers: Record<string, AppHandler> = {
  'index.consumer': async (event) => {
    attempts.push({ at: clock.now(), event: event as Record<string, unknown> });
    return behaviour(attempts.length);
  },
};
const platform = createTestPlatform({
  manifestPath: path.join(__dirname, '../fixtures/invocations-manifest.yml'),
  loadHandler: (handler) => {
    const fn = handlers[handler];
    if (!fn) throw new Error(`no test handler ${handler}`);
    return fn;
  },
  clock,
});

beforeAll(() => platform.install());
beforeEach(() => {
  attempts.length = 0;
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function pushOne(): Promise<number> {
  await new Queue({ key: 'work' }).push([{ body: { connection: 'c1' } }]);
  return clock.now();
}

describe('a consumer that keeps failing', () => {
  it('is retried with growing backoff, at most 15 minutes apart, for 24 hours, then given up', async () => {
    // Given a consumer that throws every time
    behaviour = async () => {
      throw new Error('CI server unreachable');
    };
    const pushedAt = await pushOne();

    // When the queue is drained (the manual clock jumps to each retry)
    const report = await platform.app.drainQueues();

    // Then the event ran for a day, then Forge gave up on it
    const gaps = attempts.slice(1).map((a, i) => a.at - (attempts[i]?.at ?? 0));
    expect(report).toEqual({ delivered: 0, retried: attempts.length - 1, failed: 1 });
    expect(attempts.length).toBeGreaterThan(90);
    expect(gaps.every((gap, i) => i === 0 || gap >= (gaps[i - 1] ?? 0))).toBe(true);
    expect(Math.max(...gaps)).toBe(15 * MINUTE);
    expect(attempts.at(-1)?.at).toBeLessThanOrEqual(pushedAt + 24 * 60 * MINUTE);
    expect(attempts.at(-1)?.at).toBeGreaterThan(pushedAt + 23 * 60 * MINUTE);
    // and only retries carry a retryContext, counting up
    expect(attempts[0]?.event).not.toHaveProperty('retryContext');
    expect(attempts.slice(1).map((a) => (a.event['retryContext'] as { retryCount: number }).retryCount)).toEqual(
      attempts.slice(1).map((_, i) => i + 1),
    );
    expect(attempts[1]?.event['retryContext']).toMatchObject({ retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' });
  });
});

describe('InvocationError', () => {
  it('sets the next attempt to retryAfter seconds later, with its reason and retry data', async () => {
    // Given a consumer that asks once to be retried in 2 minutes, with data for the next attempt
    behaviour = async (attempt) =>
      attempt === 1
        ? new InvocationError({ retryAfter: 120, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { cursor: 'page-2' } })
        : undefined;
    const pushedAt = await pushOne();

    // When the queue is drained
    const report = await platform.app.drainQueues();

    // Then the second attempt runs 2 minutes after the first, told why and with the data
    expect(report).toEqual({ delivered: 1, retried: 1, failed: 0 });
    expect(attempts.map((a) => a.at - pushedAt)).toEqual([0, 2 * MINUTE]);
    expect(attempts[1]?.event['retryContext']).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { cursor: 'page-2' },
      retentionWindow: { startTime: new Date(pushedAt).toISOString(), remainingTimeMs: 24 * 60 * MINUTE - 2 * MINUTE },
    });
  });

  it('is not retried when its retryData is over 4 KB', async () => {
    // Given a consumer that asks for a retry with 5 KB of data
    behaviour = async () => new InvocationError({ retryAfter: 1, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: 'x'.repeat(5 * 1024) });
    await pushOne();

    // When the queue is drained
    const report = await platform.app.drainQueues();

    // Then the event ran once and was dropped
    expect(report).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(attempts).toHaveLength(1);
  });
});

describe('a consumer that times out', () => {
  it('is retried with FUNCTION_TIME_OUT as the reason', async () => {
    // Given a consumer that outlives its time limit on the first attempt only
    behaviour = async (attempt) => {
      if (attempt === 1) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await pushOne();
    const [event] = platform.queues.takeReady(true);

    // When it is delivered with a 5 ms limit, then the queue is drained
    const first = await platform.app.deliver(event ?? fail('no event'), 5);
    await platform.app.drainQueues();

    // Then the retry says it timed out
    expect(first).toBe('retried');
    expect(attempts[1]?.event['retryContext']).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' });
  });
});
