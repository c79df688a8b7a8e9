import { defaultProjectConfig } from '../../src/domain/project-config';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { SyncHealthStore } from '../../src/storage/sync-health-store';
import { SyncStateStore, type SyncStatus } from '../../src/storage/sync-state-store';
import { forgetSyncOf, recordStatus } from '../../src/sync/status';
import { HistoryStore } from '../../src/storage/history-store';
import { testPlatform } from '../support/platform';

const status = (connectionId: string, error?: SyncStatus['error']): SyncStatus => ({
  schemaVersion: 1,
  connectionId,
  lastRunAt: '2026-11-02T11:00:00.000Z',
  lastSuccessAt: '2026-11-02T09:00:00.000Z',
  durationMs: 10,
  buildsWritten: 0,
  deploysWritten: 0,
  requests: 1,
  complete: !error,
  ...(error ? { error } : {}),
  problems: [],
});
const unauthorized = { name: 'AuthError', message: 'Jenkins answered 401', hint: 'Check the token.' };

describe('the site-wide record of failing connections', () => {
  const health = new SyncHealthStore();

  beforeAll(async () => {
    await new ProjectConfigStore().save({ ...defaultProjectConfig('HEALTH', '2026-11-01T00:00:00.000Z'), defaultConnectionId: 'ci-h' });
  });

  it('lists a failing connection for the projects that use it, and forgets it once it recovers', async () => {
    await recordStatus(status('ci-h', unauthorized));
    expect(await health.failingFor('HEALTH')).toEqual([
      { connectionId: 'ci-h', projects: ['HEALTH'], failedAt: '2026-11-02T11:00:00.000Z', lastSuccessAt: '2026-11-02T09:00:00.000Z', message: 'Jenkins answered 401', hint: 'Check the token.' },
    ]);
    expect(await health.failingFor('OTHER')).toEqual([]);

    await recordStatus(status('ci-h'));
    expect(await health.failingFor('HEALTH')).toEqual([]);
  });

  it('is not rewritten while a connection keeps failing the same way, nor for healthy runs', async () => {
    await recordStatus(status('ci-h', unauthorized));
    testPlatform().kvs.resetStats();
    await recordStatus(status('ci-h', unauthorized));
    await recordStatus(status('ci-other'));
    // the two status records themselves, nothing else
    expect(testPlatform().kvs.stats.writes).toBe(2);
  });

  it('given a failing connection, when it is removed, then its status and its place in the record are both gone', async () => {
    await new ProjectConfigStore().save({ ...defaultProjectConfig('GONE', '2026-11-01T00:00:00.000Z'), defaultConnectionId: 'ci-gone' });
    await recordStatus(status('ci-gone', unauthorized));
    await new SyncStateStore().saveCursor('ci-gone', { jobs: {} }, undefined);
    expect((await health.failingFor('GONE')).map((f) => f.connectionId)).toEqual(['ci-gone']);

    await forgetSyncOf('ci-gone');

    expect(await new SyncStateStore().status('ci-gone')).toBeUndefined();
    expect(await new SyncStateStore().cursor('ci-gone')).toBeUndefined();
    expect(await health.failingFor('GONE')).toEqual([]);
  });

  it('given a connection with a history import, when it is removed, then its import record is gone too', async () => {
    const at = '2026-11-01T00:00:00.000Z';
    await new HistoryStore().save({
      schemaVersion: 1, connectionId: 'ci-old', until: '2026-10-01T00:00:00.000Z', requestedAt: at, state: 'running', revision: 2,
      builds: 40, deploys: 1, rounds: 2, requests: 12, fractionDone: 0.5, updatedAt: at, problems: 0,
    });

    await forgetSyncOf('ci-old');

    expect(await new HistoryStore().get('ci-old')).toBeUndefined();
  });

  it('forgets a connection that was removed', async () => {
    await recordStatus(status('ci-h', unauthorized));
    await health.forget('ci-h');
    expect(await health.failingFor('HEALTH')).toEqual([]);
  });
});
