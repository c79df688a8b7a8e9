import path from 'node:path';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import type { AppHandler } from '../../../dev/emulator/functions';
import { createTestPlatform } from '../../support/platform';

/**
 * Concurrency mode: KVS calls take a round trip and several consumers run at once, as Forge runs
 * one lambda per event, so a race in the app shows up in a test.
 */
const steps: string[] = [];

/** A consumer that counts with a read then a write: correct alone, racy when two run at once. */
const handlers: Record<string, AppHandler> = {
  'index.consumer': async (event) => {
    const name = String((event as { body: { connection: string } }).body.connection);
    const count = (await kvs.get<number>('counter')) ?? 0;
    steps.push(`${name} read ${count}`);
    await kvs.set('counter', count + 1);
    steps.push(`${name} wrote ${count + 1}`);
  },
  'index.trigger': async () => {
    steps.push('trigger start');
    await kvs.get('last-run');
    await kvs.set('last-run', 1);
    steps.push('trigger end');
  },
};

function platformWith(kvsLatencyMs: number | undefined) {
  return createTestPlatform({
    manifestPath: path.join(__dirname, '../fixtures/invocations-manifest.yml'),
    loadHandler: (handler) => {
      const fn = handlers[handler];
      if (!fn) throw new Error(`no test handler ${handler}`);
      return fn;
    },
    ...(kvsLatencyMs === undefined ? {} : { kvsLatencyMs }),
  });
}

beforeEach(() => {
  steps.length = 0;
});

it('two consumers running at once interleave their KVS calls, and the lost update shows', async () => {
  // Given KVS calls with latency, and two events queued
  const platform = platformWith(2);
  platform.install();
  await new Queue({ key: 'work' }).push([{ body: { connection: 'a' } }, { body: { connection: 'b' } }]);

  // When both are delivered at once
  const report = await platform.app.drainQueues({ concurrency: 2 });

  // Then both read before either wrote, so one increment is lost
  expect(report).toEqual({ delivered: 2, retried: 0, failed: 0 });
  expect(steps.slice(0, 2).sort()).toEqual(['a read 0', 'b read 0']);
  expect(await kvs.get('counter')).toBe(1);
});

it('one at a time (the default), the same consumers count correctly', async () => {
  // Given the same latency and events
  const platform = platformWith(2);
  platform.install();
  await new Queue({ key: 'work' }).push([{ body: { connection: 'a' } }, { body: { connection: 'b' } }]);

  // When they are delivered one after the other
  await platform.app.drainQueues();

  // Then each sees the other's write
  expect(steps).toEqual(['a read 0', 'a wrote 1', 'b read 1', 'b wrote 2']);
  expect(await kvs.get('counter')).toBe(2);
});

it('a scheduled trigger and a consumer run at once, their calls interleaved', async () => {
  // Given KVS calls with latency, a trigger that makes two calls, and an event already queued
  const platform = platformWith(2);
  platform.install();
  await new Queue({ key: 'work' }).push([{ body: { connection: 'q' } }]);

  // When the trigger fires while the queue is drained
  await Promise.all([platform.app.runScheduledTrigger('every-five'), platform.app.drainQueues()]);

  // Then the consumer's read lands between the trigger's first and last steps
  const at = (step: string) => steps.indexOf(step);
  expect(at('trigger start')).toBeLessThan(at('q read 0'));
  expect(at('q read 0')).toBeLessThan(at('trigger end'));
});
