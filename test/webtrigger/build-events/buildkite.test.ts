import { startBuildkiteStandIn, DEMO_CREDENTIALS, type BuildkiteStandIn } from '../../../dev/ci-servers';
import { panelRows } from '../../../src/issue-panel/deploy-rows';
import { BuildStore } from '../../../src/storage/build-store';
import { DeployStore } from '../../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { BUILDKITE_SIGNATURE_HEADER, signBuildkite } from '../../../src/webtrigger/build-events/buildkite';
import { requestSync } from '../../../src/sync/request-sync';
import { deployingToProduction, deploysOf } from '../../sync/support/sync-platform';
import { errorOf, nowSeconds, pushPlatform, saveConnectionWithWebhook, sendEvent } from './support';

const platform = pushPlatform();
let ci: BuildkiteStandIn;
let hook: { hookId: string; secret: string };
const SHA = 'b0b0000000000000000000000000000000000001';

function aBuild(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'f2a5c1d0-0000-4000-8000-000000000001',
    number: 7,
    state: 'running',
    url: `https://api.buildkite.com/v2/organizations/demo-org/pipelines/deploy/builds/7`,
    web_url: 'https://buildkite.com/demo-org/deploy/builds/7',
    message: 'DEMO-3 ship the cart',
    commit: SHA,
    branch: 'main',
    source: 'webhook',
    created_at: '2026-11-01T10:00:00.000Z',
    started_at: '2026-11-01T10:00:05.000Z',
    finished_at: null,
    pipeline: { slug: 'deploy', name: 'Deploy' },
    ...overrides,
  };
}

const eventBody = (event: string, build: Record<string, unknown>) => JSON.stringify({ event, build, sender: { name: 'Buildkite' } });

function send(body: string, options: { timestamp?: number; signature?: string | null; hookId?: string } = {}) {
  const timestamp = options.timestamp ?? nowSeconds();
  const signature = options.signature === undefined ? signBuildkite(hook.secret, timestamp, body) : options.signature;
  return sendEvent(platform, 'build-events-buildkite', {
    hookId: options.hookId ?? hook.hookId,
    headers: signature === null ? {} : { [BUILDKITE_SIGNATURE_HEADER]: signature },
    body,
  });
}

beforeAll(async () => {
  ci = await startBuildkiteStandIn({ world: { growing: false } });
  hook = await saveConnectionWithWebhook(
    { kind: 'buildkite', id: 'bk-1', name: 'Buildkite', organization: DEMO_CREDENTIALS.buildkite.organization, apiBaseUrl: ci.url, mode: 'both' },
    DEMO_CREDENTIALS.buildkite.apiToken,
  );
  await new ProjectConfigStore().save(deployingToProduction('bk-1', 'deploy', 'bk-deploy'));
});

afterAll(async () => {
  await ci.close();
  platform.close();
});

describe('Buildkite build events', () => {
  it('records a signed build.finished as a build and a deploy with its issue link', async () => {
    // Given a Buildkite webhook signed with the connection's secret
    const body = eventBody('build.finished', aBuild({ state: 'passed', finished_at: '2026-11-01T10:04:00.000Z' }));

    // When it arrives
    const response = await send(body);

    // Then the build is stored, and its run of the deploy pipeline is a deploy linked to DEMO-3
    expect(response.statusCode).toBe(201);
    expect(await new BuildStore().get('bk-1', 'deploy', 7)).toMatchObject({ state: 'successful', sha: SHA });
    const [deploy] = await deploysOf('DEMO');
    expect(deploy).toMatchObject({ sequence: 7, state: 'successful', issueKeys: ['DEMO-3'] });
  });

  it.each([
    ['missing', null, 401, 'missing_signature'],
    ['malformed', 'signature=abc', 401, 'malformed_signature'],
    ['bad', `timestamp=${nowSeconds()},signature=${'0'.repeat(64)}`, 403, 'bad_signature'],
    ['old', signBuildkite('x', nowSeconds() - 600, '{}').replace(/signature=.*/, `signature=${'a'.repeat(64)}`), 401, 'stale_timestamp'],
  ])('refuses a %s signature, writing nothing and reading at most once', async (_label, signature, status, code) => {
    // Given a build event for a new build
    const body = eventBody('build.finished', aBuild({ number: 99, state: 'failed' }));
    platform.kvs.resetStats();

    // When it arrives with that signature
    const response = await send(body, { signature });

    // Then it is refused; nothing written, at most the secret read
    expect(response.statusCode).toBe(status);
    expect(errorOf(response)).toBe(code);
    expect(platform.kvs.stats.writes).toBe(0);
    expect(platform.kvs.stats.reads).toBeLessThanOrEqual(1);
    expect(await new BuildStore().get('bk-1', 'deploy', 99)).toBeUndefined();
  });

  it("keeps the repository its payload's pipeline names, so the deploy's row links its SHA to the commit", async () => {
    // Given a build.finished whose pipeline comes beside the build, naming its repository the scp way
    const build = aBuild({ number: 12, state: 'passed', finished_at: '2026-11-01T10:04:00.000Z', message: 'DEMO-4 faster search', pipeline: undefined });
    const body = JSON.stringify({ event: 'build.finished', build, pipeline: { slug: 'deploy', name: 'Deploy', repository: 'git@github.com:demo-org/shop.git' } });

    // When it arrives
    expect((await send(body)).statusCode).toBe(201);

    // Then the build and its deploy keep the repository's web address, and the panel's row links the commit
    expect(await new BuildStore().get('bk-1', 'deploy', 12)).toMatchObject({ repositoryUrl: 'https://github.com/demo-org/shop' });
    const rows = panelRows((await new DeployStore().forIssue('DEMO-4')).deploys);
    expect(rows).toEqual([expect.objectContaining({ provider: 'buildkite', commitUrl: `https://github.com/demo-org/shop/commit/${SHA}` })]);
  });

  it('refuses the plain X-Buildkite-Token, which could be replayed, without a read', async () => {
    platform.kvs.resetStats();
    const response = await sendEvent(platform, 'build-events-buildkite', { hookId: hook.hookId, headers: { 'X-Buildkite-Token': hook.secret }, body: '{}' });
    expect(errorOf(response)).toBe('token_not_accepted');
    expect(platform.kvs.stats.reads + platform.kvs.stats.writes).toBe(0);
  });

  it('answers a replayed request 409 and records it once', async () => {
    // Given a signed event that was accepted
    const body = eventBody('build.running', aBuild({ number: 8 }));
    const timestamp = nowSeconds();
    expect((await send(body, { timestamp })).statusCode).toBe(201);
    platform.kvs.resetStats();

    // When the very same request arrives again
    const replay = await send(body, { timestamp });

    // Then it is refused, and nothing is written
    expect(replay.statusCode).toBe(409);
    expect(errorOf(replay)).toBe('replayed');
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('keeps a finished build finished when a late build.running arrives, and a duplicate changes nothing', async () => {
    // Given build 9 finished
    expect((await send(eventBody('build.finished', aBuild({ number: 9, state: 'failed', finished_at: '2026-11-01T10:06:00.000Z' })))).statusCode).toBe(201);

    // When its running event arrives late, and the finished one again (newly signed)
    const late = await send(eventBody('build.running', aBuild({ number: 9 })));
    const duplicate = await send(eventBody('build.finished', aBuild({ number: 9, state: 'failed', finished_at: '2026-11-01T10:06:00.000Z' })), { timestamp: nowSeconds() + 1 });

    // Then the build stays failed and neither wrote it
    expect(late.statusCode).toBe(200);
    expect(duplicate.statusCode).toBe(200);
    expect(await new BuildStore().get('bk-1', 'deploy', 9)).toMatchObject({ state: 'failed' });
  });

  it('ignores ping, and refuses a wrong hook without reading', async () => {
    expect((await send(JSON.stringify({ event: 'ping', service: {} }))).statusCode).toBe(202);
    platform.kvs.resetStats();
    expect(errorOf(await send('{}', { hookId: 'not-a-hook' }))).toBe('invalid_hook');
    expect(platform.kvs.stats.reads).toBe(0);
  });

  it('stores a build seen by its webhook and by a poll as one record', async () => {
    // Given a build of the stand-in, as Buildkite's API (and so its webhook) describes it
    const response = await fetch(`${ci.url}/v2/organizations/${ci.organization}/builds?per_page=1`, { headers: { authorization: `Bearer ${DEMO_CREDENTIALS.buildkite.apiToken}` } });
    const [build] = (await response.json()) as Record<string, unknown>[];
    if (!build) throw new Error('the stand-in has no build');
    const slug = String((build['pipeline'] as { slug: string }).slug);

    // When its webhook arrives and the sync polls the same server
    expect((await send(eventBody('build.finished', build))).statusCode).toBeLessThan(300);
    const before = ci.stats.requests;
    await requestSync(['bk-1']);
    await platform.app.drainQueues();
    expect(ci.stats.requests).toBeGreaterThan(before);

    // Then one record holds it
    const stored = await new BuildStore().byJob('bk-1', slug, 100);
    expect(stored.filter((b) => b.number === build['number'])).toHaveLength(1);
  });
});
