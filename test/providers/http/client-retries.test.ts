import { z } from 'zod';
import { BudgetExhausted, DeadlineExceeded, RateLimited, ServiceUnavailable } from '../../../src/domain/errors';
import { HttpClient } from '../../../src/providers/http/client';
import { RequestCounter } from '../../../src/providers/http/types';
import { json, startRecordedServer, type RecordedServer, type Reply } from '../support/recorded-server';
import { testDeps, type TestDeps } from '../support/deps';

const anything = z.unknown();
let server: RecordedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers with `replies` in turn, then 200 `{}`. */
async function sequence(replies: Reply[]): Promise<string> {
  let index = 0;
  server = await startRecordedServer([{ path: '/api', reply: () => replies[index++] ?? json('{"ok":true}') }]);
  return `${server.url}/api`;
}

function client(deps: TestDeps): HttpClient {
  return new HttpClient({ label: 'Buildkite', headers: {}, secrets: [], deps });
}

describe('retries, rate limits, budget and deadline', () => {
  it('429 with Retry-After in seconds: waits that long, then succeeds', async () => {
    const deps = testDeps();
    const url = await sequence([json('{}', 429, { 'retry-after': '2' })]);
    await expect(client(deps).getJson(url, anything)).resolves.toMatchObject({ data: { ok: true } });
    expect(deps.clock.sleeps).toEqual([2000]);
    expect(deps.budget.used).toBe(2);
  });

  it('429 with Retry-After as an HTTP date: waits until then', async () => {
    const deps = testDeps();
    const at = new Date(deps.clock.now() + 7000).toUTCString();
    const url = await sequence([json('{}', 429, { 'retry-after': at })]);
    await client(deps).getJson(url, anything);
    expect(deps.clock.sleeps).toEqual([7000]);
  });

  it('429 with RateLimit-Reset and no Retry-After: waits for the reset', async () => {
    const deps = testDeps();
    const url = await sequence([json('{}', 429, { 'ratelimit-remaining': '0', 'ratelimit-reset': '12' })]);
    await client(deps).getJson(url, anything);
    expect(deps.clock.sleeps).toEqual([12_000]);
  });

  it('RateLimit-Remaining 0 on a success: the next request waits for the reset instead of earning a 429', async () => {
    const deps = testDeps();
    const url = await sequence([json('{"ok":1}', 200, { 'ratelimit-remaining': '0', 'ratelimit-reset': '5' })]);
    const http = client(deps);
    await http.getJson(url, anything);
    await http.getJson(url, anything);
    expect(deps.clock.sleeps).toEqual([5000]);
  });

  it('a Retry-After beyond the invocation deadline: RateLimited at once, without sleeping', async () => {
    const deps = testDeps({ remainingMillis: () => 20_000 });
    const url = await sequence([json('{}', 429, { 'retry-after': '120' })]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(deps.clock.sleeps).toEqual([]);
  });

  it('503 every time: three retries with exponential backoff, then ServiceUnavailable', async () => {
    const deps = testDeps({ random: () => 1 });
    const url = await sequence([json('{}', 503), json('{}', 503), json('{}', 503), json('{}', 503)]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect(deps.clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(server?.requests).toHaveLength(4);
  });

  it('backoff is jittered: half of each step is certain, the other half random', async () => {
    const deps = testDeps({ random: () => 0 });
    const url = await sequence([json('{}', 503), json('{}', 503), json('{}', 503)]);
    await client(deps).getJson(url, anything);
    expect(deps.clock.sleeps).toEqual([500, 1000, 2000]);
  });

  it('backoff steps are bounded', async () => {
    const deps = testDeps({ random: () => 1, tuning: { requestTimeoutMs: 2_000, maxRetries: 6, backoffBaseMs: 1_000, backoffMaxMs: 3_000 } });
    const url = await sequence([json('{}', 503), json('{}', 503), json('{}', 503), json('{}', 503)]);
    await client(deps).getJson(url, anything);
    expect(deps.clock.sleeps).toEqual([1000, 2000, 3000, 3000]);
  });
});

describe('429 without Retry-After, and a Retry-After too long to sleep through', () => {
  it('a 429 with no Retry-After or RateLimit-Reset backs off and retries', async () => {
    const deps = testDeps({ random: () => 0.5 });
    const url = await sequence([json('{}', 429), json('{}', 429)]);
    await expect(client(deps).getJson(url, anything)).resolves.toMatchObject({ data: { ok: true } });
    expect(deps.clock.sleeps).toEqual([750, 1500]);
    expect(deps.budget.used).toBe(3);
  });

  it('still limited after every retry: RateLimited, saying to try again after the next backoff step', async () => {
    const deps = testDeps({ random: () => 1 });
    const url = await sequence([json('{}', 429), json('{}', 429), json('{}', 429), json('{}', 429)]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ retryAfterMs: 8000 });
    expect(deps.clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('no request left in the budget for a retry: RateLimited at once, without sleeping', async () => {
    const deps = testDeps({ budget: new RequestCounter(1), random: () => 0 });
    const url = await sequence([json('{}', 429)]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ retryAfterMs: 500 });
    expect(deps.clock.sleeps).toEqual([]);
  });

  it('a backoff step longer than the time left: RateLimited at once, without sleeping', async () => {
    const deps = testDeps({ remainingMillis: () => 4_500, random: () => 1 });
    const url = await sequence([json('{}', 429)]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(deps.clock.sleeps).toEqual([]);
  });

  it('a Retry-After within the time left but longer than the longest wait: not slept through, RateLimited with the retry time', async () => {
    const deps = testDeps({ remainingMillis: () => 600_000 });
    const url = await sequence([json('{}', 429, { 'retry-after': '45' })]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ retryAfterMs: 45_000 });
    expect(deps.clock.sleeps).toEqual([]);
    expect(server?.requests).toHaveLength(1);
  });

  it('502 and 504 are retried too', async () => {
    const deps = testDeps();
    const url = await sequence([json('{}', 502), json('{}', 504)]);
    await expect(client(deps).getJson(url, anything)).resolves.toBeDefined();
    expect(server?.requests).toHaveLength(3);
  });

  it('counts every request, retries included, and stops with BudgetExhausted before exceeding the budget', async () => {
    const deps = testDeps({ budget: new RequestCounter(2) });
    const url = await sequence([json('{}', 503)]);
    const http = client(deps);
    await http.getJson(url, anything); // 503 then 200: two requests
    const error = await http.getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhausted);
    expect(server?.requests).toHaveLength(2);
  });

  it("Forge's own request limit (429 FETCH_LIMIT_EXCEEDED) is not retried", async () => {
    const deps = testDeps();
    const url = await sequence([{ status: 429, body: 'limit', headers: { 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED' } }]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhausted);
    expect(deps.clock.sleeps).toEqual([]);
  });

  it('too little time left in the invocation: DeadlineExceeded before any request', async () => {
    const deps = testDeps({ remainingMillis: () => 2_000 });
    const url = await sequence([]);
    const error = await client(deps).getJson(url, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(server?.requests).toHaveLength(0);
  });
});
