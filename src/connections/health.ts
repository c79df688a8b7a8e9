import { modeOf } from '../domain/connection';
import { configsUsing } from '../domain/connection-usage';
import type { ConnectionHealth, HealthList, TokenDetails } from '../shared/contract/connections';
import type { ConnectionEntry, ConnectionStore } from '../storage/connection-store';
import type { ProjectConfigStore } from '../storage/project-config-store';
import { StoredCountStore } from '../storage/stored-count-store';
import type { SyncStateStore, SyncStatus } from '../storage/sync-state-store';
import { TokenDetailsStore, type TokenDetailsRecord } from '../storage/token-details-store';
import { duplicatesAmong } from './duplicates';

/** An expiry this close (or past) is shown as a warning: time to make a new token. */
const EXPIRY_WARNING_MS = 14 * 24 * 3_600_000;

function stateOf(status: SyncStatus | undefined, pushedOnly: boolean): ConnectionHealth['state'] {
  if (!status) return pushedOnly ? 'pushed' : 'never';
  if (status.error) return 'failing';
  return status.problems.length > 0 ? 'partial' : 'ok';
}

/** Jenkins and CircleCI report nothing about a token; Buildkite's details count only for the token stored now. */
function tokenDetailsOf(entry: ConnectionEntry, record: TokenDetailsRecord | undefined, now: number): TokenDetails {
  if (entry.connection.kind !== 'buildkite') return { kind: 'not-reported' };
  if (!record || record.tokenHint !== entry.tokenHint) return { kind: 'untested' };
  const expiry = record.expiry.kind === 'at' ? { kind: 'at' as const, at: record.expiry.at, warn: Date.parse(record.expiry.at) - now <= EXPIRY_WARNING_MS } : { ...record.expiry };
  return { kind: 'reported', checkedAt: record.checkedAt, scopes: [...record.scopes], createdAt: record.createdAt ?? null, expiry };
}

export interface HealthStores {
  readonly stored?: StoredCountStore;
  readonly tokens?: TokenDetailsStore;
  readonly now?: number;
}

/**
 * The admin page's health hub: per connection the latest recorded run (a run that fails, a revoked
 * token for one, is always recorded), the builds and deploys stored, the projects using it, what
 * its last test learnt about the token, and other connections of the same server. Costs one list of
 * connections, one batch each of statuses, stored counts and token details per 25 connections (plus
 * the look-ups that settle the last writer's claim, usually one), and one list of project settings.
 */
export async function connectionHealth(store: ConnectionStore, configs: ProjectConfigStore, state: SyncStateStore, more: HealthStores = {}): Promise<HealthList> {
  const entries = await store.list();
  const ids = entries.map((e) => e.connection.id);
  const [statuses, allConfigs, stored, tokens] = await Promise.all([
    state.statuses(ids),
    configs.list(),
    (more.stored ?? new StoredCountStore()).counts(ids),
    (more.tokens ?? new TokenDetailsStore()).many(entries.filter((e) => e.connection.kind === 'buildkite').map((e) => e.connection.id)),
  ]);
  const byId = new Map(statuses.map((s) => [s.connectionId, s]));
  const duplicates = duplicatesAmong(entries.map((e) => e.connection));
  const now = more.now ?? Date.now();
  return {
    connections: entries.map((entry) => {
      const { connection, scope } = entry;
      const status = byId.get(connection.id);
      const counts = stored.get(connection.id);
      return {
        id: connection.id,
        state: stateOf(status, modeOf(connection) === 'pushed'),
        lastRunAt: status?.lastRunAt ?? null,
        lastSuccessAt: status?.lastSuccessAt ?? null,
        error: status?.error ? { ...status.error } : null,
        stored: counts ?? null,
        projects: configsUsing(allConfigs, { id: connection.id, scope }).map((c) => c.projectKey).sort(),
        duplicateOf: duplicates.get(connection.id) ?? [],
        tokenDetails: tokenDetailsOf(entry, tokens.get(connection.id), now),
      };
    }),
  };
}
