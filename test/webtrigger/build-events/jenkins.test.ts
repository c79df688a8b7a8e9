import { BuildStore } from '../../../src/storage/build-store';
import { SyncStateStore } from '../../../src/storage/sync-state-store';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/webtrigger/signature';
import { signJenkins } from '../../../src/webtrigger/build-events/jenkins';
import { deployingToProduction, deploysOf, runSync } from '../../sync/support/sync-platform';
import { errorOf, nowSeconds, pushPlatform, saveConnectionWithWebhook, sendEvent } from './support';

const platform = pushPlatform();
let hook: { hookId: string; secret: string };
const SHA = 'abcdef0000000000000000000000000000000001';

function anEvent(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    job: 'shop/deploy-production',
    number: 12,
    result: 'SUCCESS',
    startedAt: Date.parse('2026-11-01T10:00:00Z'),
    durationMs: 90_000,
    url: 'https://jenkins.internal.example/job/shop/job/deploy-production/12/',
    sha: SHA,
    branch: 'origin/main',
    commits: [{ sha: SHA, message: 'DEMO-5 pay with vouchers', author: 'Mia Chen' }],
    ...overrides,
  });
}

function send(body: string, options: { timestamp?: number; signature?: string | null } = {}) {
  const timestamp = options.timestamp ?? nowSeconds();
  const signature = options.signature === undefined ? signJenkins(hook.secret, timestamp, body) : options.signature;
  const headers: Record<string, string> = { [TIMESTAMP_HEADER]: String(timestamp) };
  if (signature !== null) headers[SIGNATURE_HEADER] = signature;
  return sendEvent(platform, 'build-events-jenkins', { hookId: hook.hookId, headers, body });
}

beforeAll(async () => {
  // A Jenkins behind a firewall: pushed only, no URL, user or token the app could use
  hook = await saveConnectionWithWebhook({ kind: 'jenkins', id: 'jenkins-fw', name: 'Firewalled Jenkins', baseUrl: '', username: '', customHeaders: {}, mode: 'pushed' }, '');
  await new ProjectConfigStore().save(deployingToProduction('jenkins-fw', 'shop/deploy-production', 'fw-prod'));
});

afterAll(() => platform.close());

describe('Jenkins build events', () => {
  it('works end to end for a pushed-only Jenkins with no reachable URL: build, deploy, commits and issue link, and no poll', async () => {
    // When the build's post section sends its signed event
    const response = await send(anEvent());

    // Then the build and its deploy are recorded as a polled run would be
    expect(response.statusCode).toBe(201);
    expect(await new BuildStore().get('jenkins-fw', 'shop/deploy-production', 12)).toMatchObject({ state: 'successful', branch: 'main', finishedAt: '2026-11-01T10:01:30.000Z' });
    const [deploy] = await deploysOf('DEMO');
    expect(deploy).toMatchObject({ sequence: 12, state: 'successful', issueKeys: ['DEMO-5'], commits: [expect.objectContaining({ sha: SHA })] });

    // And the schedule never tries to reach it: no sync ran, so none recorded a status
    const result = await runSync(platform);
    expect(result).toMatchObject({ delivered: 0, failed: 0 });
    expect(await new SyncStateStore().status('jenkins-fw')).toBeUndefined();
  });

  it.each([
    ['missing', null, 401, 'missing_signature'],
    ['malformed', 'sha256=XYZ', 401, 'malformed_signature'],
    ['bad', `sha256=${'0'.repeat(64)}`, 403, 'bad_signature'],
  ])('refuses a %s signature, writing nothing and reading at most once', async (_label, signature, status, code) => {
    platform.kvs.resetStats();
    const response = await send(anEvent({ number: 90 }), { signature });
    expect(response.statusCode).toBe(status);
    expect(errorOf(response)).toBe(code);
    expect(platform.kvs.stats.writes).toBe(0);
    expect(platform.kvs.stats.reads).toBeLessThanOrEqual(1);
  });

  it('refuses an old timestamp and a replay without writing', async () => {
    platform.kvs.resetStats();
    const old = await send(anEvent({ number: 91 }), { timestamp: nowSeconds() - 301 });
    expect(errorOf(old)).toBe('stale_timestamp');
    expect(platform.kvs.stats.reads + platform.kvs.stats.writes).toBe(0);

    const body = anEvent({ number: 13 });
    const timestamp = nowSeconds();
    expect((await send(body, { timestamp })).statusCode).toBe(201);
    platform.kvs.resetStats();
    expect(errorOf(await send(body, { timestamp }))).toBe('replayed');
    expect(platform.kvs.stats.writes).toBe(0);
  });

  it('keeps the finished state when the start event arrives after the end', async () => {
    expect((await send(anEvent({ number: 14, result: 'FAILURE' }))).statusCode).toBe(201);
    const late = await send(anEvent({ number: 14, result: null, building: true }));
    expect(late.statusCode).toBe(200);
    expect(await new BuildStore().get('jenkins-fw', 'shop/deploy-production', 14)).toMatchObject({ state: 'failed' });
  });

  it('names each wrong field of the body', async () => {
    const response = await send(JSON.stringify({ job: '', number: -1, colour: 'blue' }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toMatch(/job.*number|number.*job/s);
  });
});
