import { modeOf } from '../domain/connection';
import { connectionsUsedBy } from '../domain/project-config';
import type { SyncStatusList } from '../shared/contract/project-settings';
import { requestSync } from '../sync/request-sync';
import type { SyncStateStore } from '../storage/sync-state-store';
import { StoredCountStore } from '../storage/stored-count-store';
import { ConnectionNotFound } from '../connections/errors';
import { availableConnections, type Stores } from './settings';

/** The connections this project's settings use and that still exist, default build server first. */
async function usedConnections(stores: Stores, projectKey: string) {
  const config = await stores.configs.get(projectKey);
  const available = await availableConnections(stores.connections, projectKey);
  const ids = config ? connectionsUsedBy(config) : [];
  return ids.flatMap((id) => {
    const entry = available.get(id);
    return entry ? [entry] : [];
  });
}

export async function syncStatus(stores: Stores, state: SyncStateStore, projectKey: string, counts = new StoredCountStore()): Promise<SyncStatusList> {
  const used = await usedConnections(stores, projectKey);
  const ids = used.map((e) => e.connection.id);
  const [statusList, stored] = await Promise.all([state.statuses(ids), counts.counts(ids)]);
  const statuses = new Map(statusList.map((s) => [s.connectionId, s]));
  return {
    connections: used.map(({ connection }) => {
      const status = statuses.get(connection.id);
      return {
        connectionId: connection.id,
        name: connection.name,
        kind: connection.kind,
        pushedOnly: modeOf(connection) === 'pushed',
        stored: stored.get(connection.id) ?? null,
        status: status
          ? {
              lastRunAt: status.lastRunAt,
              lastSuccessAt: status.lastSuccessAt ?? null,
              durationMs: status.durationMs,
              buildsWritten: status.buildsWritten,
              deploysWritten: status.deploysWritten,
              requests: status.requests,
              complete: status.complete,
              error: status.error ? { ...status.error } : null,
              problems: status.problems.map((p) => ({ jobId: p.jobId, name: p.name, message: p.message, hint: p.hint })),
            }
          : null,
      };
    }),
  };
}

/**
 * Asks the sync engine to run now for one of the project's connections, or for all of them.
 * Pushed-only connections are never polled (their server may be out of reach): they are named
 * apart, so the page says their CI keeps them up to date instead of waiting for a run.
 */
export async function syncNow(stores: Stores, projectKey: string, connectionId: string | undefined): Promise<{ requested: string[]; pushedOnly?: string[] }> {
  const used = (await usedConnections(stores, projectKey)).map((e) => e.connection);
  if (connectionId !== undefined && !used.some((c) => c.id === connectionId)) throw new ConnectionNotFound();
  const asked = connectionId === undefined ? used : used.filter((c) => c.id === connectionId);
  const pushedOnly = asked.filter((c) => modeOf(c) === 'pushed').map((c) => c.id);
  const requested = asked.filter((c) => modeOf(c) !== 'pushed').map((c) => c.id);
  if (requested.length > 0) await requestSync(requested);
  return pushedOnly.length > 0 ? { requested, pushedOnly } : { requested };
}
