import { configsUsing } from '../domain/connection-usage';
import type { ConnectionHealth, HealthList } from '../shared/contract/connections';
import type { ConnectionStore } from '../storage/connection-store';
import type { ProjectConfigStore } from '../storage/project-config-store';
import type { SyncStateStore, SyncStatus } from '../storage/sync-state-store';
import { duplicatesAmong } from './duplicates';

function stateOf(status: SyncStatus | undefined): ConnectionHealth['state'] {
  if (!status) return 'never';
  if (status.error) return 'failing';
  return status.problems.length > 0 ? 'partial' : 'ok';
}

/**
 * The admin page's health hub: per connection the latest recorded run (a run that fails, a revoked
 * token for one, is always recorded), the projects using it and other connections of the same server.
 * Costs one list of connections, one batch of statuses and one list of project settings.
 */
export async function connectionHealth(store: ConnectionStore, configs: ProjectConfigStore, state: SyncStateStore): Promise<HealthList> {
  const entries = await store.list();
  const [statuses, allConfigs] = await Promise.all([state.statuses(entries.map((e) => e.connection.id)), configs.list()]);
  const byId = new Map(statuses.map((s) => [s.connectionId, s]));
  const duplicates = duplicatesAmong(entries.map((e) => e.connection));
  return {
    connections: entries.map(({ connection, scope }) => {
      const status = byId.get(connection.id);
      return {
        id: connection.id,
        state: stateOf(status),
        lastRunAt: status?.lastRunAt ?? null,
        lastSuccessAt: status?.lastSuccessAt ?? null,
        error: status?.error ? { ...status.error } : null,
        totals: status?.totals ? { ...status.totals } : null,
        projects: configsUsing(allConfigs, { id: connection.id, scope }).map((c) => c.projectKey).sort(),
        duplicateOf: duplicates.get(connection.id) ?? [],
        tokenDetails: connection.kind === 'buildkite' ? 'on-test' : 'not-reported',
      };
    }),
  };
}
