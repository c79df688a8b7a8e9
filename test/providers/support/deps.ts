import type { Connection, ConnectionSecret } from '../../../src/domain/connection';
import { RequestCounter, type Clock, type ProviderDeps } from '../../../src/providers/http/types';

/** Time that moves only when the client sleeps: backoff and Retry-After waits cost no real time. */
export function fakeClock(start = Date.parse('2023-03-26T00:00:00Z')): Clock & { readonly sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export interface TestDeps extends ProviderDeps {
  readonly clock: ReturnType<typeof fakeClock>;
  readonly budget: RequestCounter;
}

/** The emulator's guarded global fetch (loopback allowed in tests), a fake clock, a minute to go. */
export function testDeps(overrides: Partial<Omit<TestDeps, 'tuning'>> & { tuning?: ProviderDeps['tuning'] } = {}): TestDeps {
  return {
    fetch: (url, init) => fetch(url, init),
    clock: fakeClock(),
    remainingMillis: () => 60_000,
    budget: new RequestCounter(100),
    tuning: { requestTimeoutMs: 2_000 },
    ...overrides,
  };
}

export const TOKEN = 'tok-3f9c2a7b81d04e56';
export const SECRET: ConnectionSecret = { apiToken: TOKEN };

export function jenkinsAt(baseUrl: string, customHeaders: Record<string, string> = {}): Extract<Connection, { kind: 'jenkins' }> {
  return { kind: 'jenkins', id: 'jenkins-1', name: 'Jenkins', baseUrl, username: 'deploy-bot', customHeaders };
}

export function buildkiteAt(apiBaseUrl: string, organization = 'acme'): Extract<Connection, { kind: 'buildkite' }> {
  return { kind: 'buildkite', id: 'buildkite-1', name: 'Buildkite', organization, apiBaseUrl };
}

export function circleCiAt(apiBaseUrl: string, projectSlugs: string[]): Extract<Connection, { kind: 'circleci' }> {
  return { kind: 'circleci', id: 'circleci-1', name: 'CircleCI', projectSlugs, apiBaseUrl };
}
