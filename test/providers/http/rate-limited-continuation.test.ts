import { RateLimited } from '../../../src/domain/errors';
import { BuildkiteProvider } from '../../../src/providers/buildkite/service';
import { continueAfter } from '../../../src/sync/fetch-builds';
import { SECRET, buildkiteAt, testDeps } from '../support/deps';
import { json, startRecordedServer, type RecordedServer } from '../support/recorded-server';

let server: RecordedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BUILDS = '/v2/organizations/acme/builds';

describe('a rate limit too long to wait for, through a provider to the sync', () => {
  it('a 90 s Retry-After: the run keeps what it read, stops with RateLimited, and the sync continues 90 s later', async () => {
    const deps = testDeps({ remainingMillis: () => 600_000 });
    let calls = 0;
    server = await startRecordedServer([{ path: BUILDS, reply: () => (calls++ === 0 ? json('[]') : json('{"message":"slow down"}', 429, { 'retry-after': '90' })) }]);
    const buildkite = new BuildkiteProvider(buildkiteAt(server.url), SECRET, deps);

    const page = await buildkite.listBuildsSince(undefined);

    expect(page.complete).toBe(false);
    expect(page.stoppedBy).toBeInstanceOf(RateLimited);
    expect(page.stoppedBy).toMatchObject({ retryAfterMs: 90_000 });
    expect(deps.clock.sleeps).toEqual([]);
    expect(continueAfter({ page, stop: page.stoppedBy, ownLimit: false, requests: page.requests })).toEqual({ delaySeconds: 90 });
  });

  it('a 429 without Retry-After that outlasts the retries: the sync continues after the next backoff step', async () => {
    const deps = testDeps({ random: () => 1 });
    server = await startRecordedServer([{ path: BUILDS, reply: () => json('{"message":"slow down"}', 429) }]);
    const buildkite = new BuildkiteProvider(buildkiteAt(server.url), SECRET, deps);

    const page = await buildkite.listBuildsSince(undefined);

    expect(page.stoppedBy).toBeInstanceOf(RateLimited);
    expect(deps.clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(continueAfter({ page, stop: page.stoppedBy, ownLimit: false, requests: page.requests })).toEqual({ delaySeconds: 8 });
  });
});
