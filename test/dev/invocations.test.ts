import path from 'node:path';
import Resolver from '@forge/resolver';
import { getAppContext, webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import { Queue, InvocationError, InvocationErrorCode } from '@forge/events';
import { createTestPlatform, testPlatform } from '../support/platform';
import type { AppHandler } from '../../dev/emulator/functions';
import { FunctionTimeoutError } from '../../dev/emulator/functions';
import { timeoutSecondsFor } from '../../dev/emulator/manifest';

// Given a tiny app whose handlers record what Forge handed them
const seen: { event: unknown; context: unknown }[] = [];
const consumerBehaviour: { mode: 'ok' | 'retry' | 'throw' } = { mode: 'ok' };

const resolver = new Resolver()
  .define('whoAmI', ({ payload, context }) => ({ payload, accountId: context.accountId, extension: context.extension }))
  .define('remaining', () => getAppContext().invocationRemainingTimeInMillis())
  .define('slowWrite', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kvs.set('written-after-timeout', 'yes');
    return 'done';
  });

const handlers: Record<string, AppHandler> = {
  'index.resolver': resolver.getDefinitions() as AppHandler,
  'index.trigger': async (event) => {
    seen.push({ event, context: undefined });
    await new Queue({ key: 'work' }).push([{ body: { connection: 'c1' } }, { body: { connection: 'c2' }, delayInSeconds: 60 }]);
  },
  'index.consumer': async (event) => {
    seen.push({ event, context: undefined });
    if (consumerBehaviour.mode === 'retry') return new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    if (consumerBehaviour.mode === 'throw') throw new Error('consumer failed');
    return undefined;
  },
  'index.hook': async (request) => ({ statusCode: 202, headers: { 'X-Echo': ['1'] }, body: JSON.stringify(request) }),
};

let now = Date.UTC(2026, 10, 22, 12, 0, 0);
const platform = createTestPlatform({
  manifestPath: path.join(__dirname, 'fixtures/invocations-manifest.yml'),
  loadHandler: (handler) => {
    const fn = handlers[handler];
    if (!fn) throw new Error(`no test handler ${handler}`);
    return fn;
  },
  clock: () => now,
});

beforeAll(() => platform.install());
afterAll(() => testPlatform().install());
beforeEach(() => {
  seen.length = 0;
  consumerBehaviour.mode = 'ok';
  platform.queues.takeReady(true);
});

describe('resolvers', () => {
  it('receive the payload and a context built by the host, with the acting account', async () => {
    const result = await platform.app.invokeResolver({
      moduleKey: 'test-panel',
      functionKey: 'whoAmI',
      payload: { a: 1 },
      accountId: 'user-1',
      extension: { issue: { key: 'DEMO-1', id: '10001' }, project: { key: 'DEMO', id: '10000' } },
    });
    expect(result).toEqual({
      payload: { a: 1 },
      accountId: 'user-1',
      extension: {
        type: 'jira:issuePanel',
        issue: { key: 'DEMO-1', id: '10001' },
        project: { key: 'DEMO', id: '10000' },
      },
    });
  });

  it('see their remaining time through getAppContext(), counting down from 25 s', async () => {
    const remaining = await platform.app.invokeResolver({ moduleKey: 'test-panel', functionKey: 'remaining', accountId: 'u' });
    expect(remaining).toBe(25_000);
    expect(timeoutSecondsFor(platform.manifest, 'resolver', 'resolver')).toBe(25);
  });

  it('are stopped at their timeout, and a write they attempt afterwards never lands', async () => {
    await expect(
      platform.app.invokeResolver({ moduleKey: 'test-panel', functionKey: 'slowWrite', accountId: 'u', timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(FunctionTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await kvs.get('written-after-timeout')).toBeUndefined();
  });
});

describe('timeouts per kind of module', () => {
  it('follow Forge: webtriggers 55 s, consumers their timeoutSeconds up to 900 s, triggers 55 s by default', () => {
    expect(timeoutSecondsFor(platform.manifest, 'hook', 'webtrigger')).toBe(55);
    expect(timeoutSecondsFor(platform.manifest, 'consumer', 'consumer')).toBe(900);
    expect(timeoutSecondsFor(platform.manifest, 'trigger', 'scheduledTrigger')).toBe(55);
  });
});

describe('scheduled triggers and queues', () => {
  it('deliver what a trigger pushes to the consumer, honouring delayInSeconds', async () => {
    await platform.app.runScheduledTrigger('every-five');
    expect(seen[0]?.event).toMatchObject({ context: { moduleKey: 'every-five' } });

    const first = await platform.app.drainQueues({ ignoreDelays: false });
    expect(first).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(seen[1]?.event).toMatchObject({ body: { connection: 'c1' }, queueName: 'work' });
    // Forge sends retryContext on retries only (events/retries.test.ts covers them)
    expect(seen[1]?.event).not.toHaveProperty('retryContext');

    now += 61_000;
    const later = await platform.app.drainQueues({ ignoreDelays: false });
    expect(later.delivered).toBe(1);
    expect(seen[2]?.event).toMatchObject({ body: { connection: 'c2' } });
  });

  it('retry an event whose consumer returns InvocationError, with the retry count', async () => {
    consumerBehaviour.mode = 'retry';
    await platform.app.runScheduledTrigger('every-five');
    const report = await platform.app.drainQueues({ maxEvents: 4 });
    // The first event fails and is retried every 5 s (retryAfter), with a retryContext, before the
    // second one's 60 s delay has passed
    expect(report).toEqual({ delivered: 0, retried: 4, failed: 0 });
    const counts = seen.slice(1).map((s) => (s.event as { retryContext?: { retryCount: number } }).retryContext?.retryCount);
    expect(counts).toEqual([undefined, 1, 2, 3]);
  });

  it('retry an event whose consumer throws', async () => {
    consumerBehaviour.mode = 'throw';
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await platform.app.runScheduledTrigger('every-five');
    const report = await platform.app.drainQueues({ maxEvents: 6 });
    expect(report).toEqual({ delivered: 0, retried: 6, failed: 0 });
    platform.queues.takeReady(true);
  });

  it('reject a push to a queue no consumer listens on', async () => {
    await expect(new Queue({ key: 'nobody-listens' }).push([{ body: { x: 1 } }])).rejects.toThrow(/No consumer/);
  });
});

describe('web triggers', () => {
  it('have a stable local URL and answer with the function response', async () => {
    const url = await webTrigger.getUrl('hook');
    expect(url).toMatch(/^http:\/\/localhost:8080\/x1\/[0-9a-f]+$/);
    expect(await webTrigger.getUrl('hook')).toBe(url);
    const id = url.split('/').pop() ?? '';
    expect(platform.stargate.triggerKeyFor(id)).toBe('hook');

    const response = await platform.app.runWebtrigger('hook', {
      method: 'POST',
      path: '/',
      headers: { 'content-type': ['application/json'] },
      queryParameters: {},
      body: '{"x":1}',
    });
    expect(response.statusCode).toBe(202);
    expect(response.headers).toEqual({ 'X-Echo': ['1'] });
    expect(JSON.parse(response.body)).toMatchObject({ method: 'POST', body: '{"x":1}', context: { moduleKey: 'hook' } });
  });
});
