import type { JenkinsStandIn } from '../../dev/ci-servers';
import { ManualClock } from '../../dev/emulator/invocation';
import type { Platform } from '../../dev/emulator/platform';
import { BuildStore } from '../../src/storage/build-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { MAX_TRANSIENT_RETRIES } from '../../src/sync/failures';
import { reply, scriptedJenkins, sha } from './support/jenkins';
import { demoConfig, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

/**
 * Forge retries a failed event with backoff for 24 hours (the emulator does too, on a manual
 * clock): a sync that cannot succeed by trying again must record why and finish its event.
 */
let platform: Platform;
let jenkins: JenkinsStandIn;

beforeEach(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  platform = syncPlatform({ clock: new ManualClock(Date.UTC(2026, 10, 2, 12)) });
  jenkins = await scriptedJenkins();
  jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(1), message: 'DEMO-1 first' }] });
  await saveJenkins('jenkins-1', jenkins.url);
  await saveProject(demoConfig());
});
afterEach(async () => {
  jest.restoreAllMocks();
  await jenkins.close();
  platform.close();
});

/** What @forge/kvs throws when storage refuses a call (ForgeKvsAPIError's fields). */
function kvsRefusal(code: string, status: number): Error {
  return Object.assign(new Error(`KVS refused: ${code}`), { code, responseDetails: { status, statusText: code } });
}

async function syncOnce(): Promise<{ delivered: number; retried: number; failed: number }> {
  await platform.app.runScheduledTrigger('sync-schedule');
  return platform.app.drainQueues();
}

const status = () => new SyncStateStore().status('jenkins-1');

describe('a persistent failure under Forge retry schedule', () => {
  it('given Jenkins refusing the token, when the sync runs, then it runs once, records the AuthError and finishes', async () => {
    jenkins.script.overrides = [() => reply({ status: 401, body: '{}' })];

    const report = await syncOnce();

    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await status())?.error?.name).toBe('AuthError');
  });

  it('given storage refusing a value as too large, when the sync runs, then it runs once and records it, not retried for a day', async () => {
    const write = jest.spyOn(BuildStore.prototype, 'write').mockRejectedValue(kvsRefusal('MAX_SIZE', 413));

    const report = await syncOnce();

    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(write).toHaveBeenCalledTimes(1);
    expect((await status())?.error).toMatchObject({ name: 'StorageRefused' });
  });

  it('given a bug (an unexpected error), when the sync runs, then it runs once and records UnexpectedError', async () => {
    const write = jest.spyOn(BuildStore.prototype, 'write').mockRejectedValue(new RangeError('index out of range'));

    const report = await syncOnce();

    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(write).toHaveBeenCalledTimes(1);
    expect((await status())?.error).toMatchObject({ name: 'UnexpectedError' });
  });
});

describe('a transient failure', () => {
  it('given storage rate-limiting every write, when the sync runs, then Forge retries it a bounded number of times, then it is recorded', async () => {
    const write = jest.spyOn(BuildStore.prototype, 'write').mockRejectedValue(kvsRefusal('RATE_LIMIT_EXCEEDED', 429));

    const report = await syncOnce();

    expect(report).toEqual({ delivered: 1, retried: MAX_TRANSIENT_RETRIES, failed: 0 });
    expect(write).toHaveBeenCalledTimes(1 + MAX_TRANSIENT_RETRIES);
    expect((await status())?.error).toMatchObject({ name: 'StorageUnavailable' });
  });

  it('given storage rate-limiting once, when Forge retries, then the retry syncs and no error stays', async () => {
    jest.spyOn(BuildStore.prototype, 'write').mockRejectedValueOnce(kvsRefusal('RATE_LIMIT_EXCEEDED', 429));

    const report = await syncOnce();

    expect(report).toEqual({ delivered: 1, retried: 1, failed: 0 });
    expect(await status()).toMatchObject({ complete: true, buildsWritten: 1 });
    expect((await status())?.error).toBeUndefined();
  });
});
