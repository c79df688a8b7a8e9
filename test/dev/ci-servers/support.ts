import type { Connection } from '../../../src/domain/connection';
import { createProvider, RequestCounter, type Clock, type Provider, type ProviderCursor, type BuildPage } from '../../../src/providers';
import { DEMO_CREDENTIALS } from '../../../dev/ci-servers';

/** One time for the stand-ins' world and the providers: tests move it, nothing waits. */
export interface TestClock extends Clock {
  time: number;
  tick(ms: number): void;
}

export const T0 = Date.parse('2026-03-02T10:00:00Z');

export function testClock(start = T0): TestClock {
  const clock: TestClock = {
    time: start,
    now: () => clock.time,
    sleep: async (ms) => {
      clock.time += ms;
    },
    tick: (ms) => {
      clock.time += ms;
    },
  };
  return clock;
}

/** The providers as production builds them: the (emulator's) global fetch and a request budget. */
export function providerFor(connection: Connection, apiToken: string, clock: Clock, budget = new RequestCounter(500)): Provider {
  return createProvider(connection, { apiToken }, { fetch: globalThis.fetch, clock, remainingMillis: () => 60_000, budget });
}

export function jenkinsConnection(url: string): Extract<Connection, { kind: 'jenkins' }> {
  return { kind: 'jenkins', id: 'jenkins-demo', name: 'Demo Jenkins', baseUrl: url, username: DEMO_CREDENTIALS.jenkins.username, customHeaders: {} };
}

export function buildkiteConnection(url: string): Extract<Connection, { kind: 'buildkite' }> {
  return { kind: 'buildkite', id: 'buildkite-demo', name: 'Demo Buildkite', organization: DEMO_CREDENTIALS.buildkite.organization, apiBaseUrl: url };
}

export function circleCiConnection(url: string, projectSlugs: readonly string[]): Extract<Connection, { kind: 'circleci' }> {
  return { kind: 'circleci', id: 'circleci-demo', name: 'Demo CircleCI', projectSlugs, apiBaseUrl: url };
}

/** Two syncs in a row: the first from nothing, the second from its cursor. */
export async function syncTwice(provider: Provider, between: () => void = () => undefined): Promise<{ first: BuildPage; second: BuildPage }> {
  const first = await provider.listBuildsSince(undefined);
  between();
  const second = await provider.listBuildsSince(first.cursor);
  return { first, second };
}

export async function syncFrom(provider: Provider, cursor: ProviderCursor): Promise<BuildPage> {
  return provider.listBuildsSince(cursor);
}

export function basic(user: string, token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` };
}

export const JENKINS_AUTH = basic(DEMO_CREDENTIALS.jenkins.username, DEMO_CREDENTIALS.jenkins.apiToken);
