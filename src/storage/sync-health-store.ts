import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { connectionsUsedBy, projectConfigSchema } from '../domain/project-config';
import { keys } from './keys';
import { queryAll, stableJson, withNulls } from './kvs-records';

/**
 * One site-wide record of the connections whose last sync failed, with the projects that use
 * each. The issue panel reads it with one get to say its data may be stale, whatever the number
 * of connections. It changes only when a connection starts or stops failing (or its error
 * changes), so a healthy sync never writes it.
 */
const failingEntrySchema = z.object({
  projects: z.array(z.string()),
  failedAt: z.string(),
  lastSuccessAt: z.string().optional(),
  message: z.string(),
  hint: z.string(),
});
export type FailingConnection = z.infer<typeof failingEntrySchema> & { readonly connectionId: string };

const healthSchema = z.object({
  schemaVersion: z.literal(1),
  connections: z.record(z.string(), failingEntrySchema),
});
type Health = z.infer<typeof healthSchema>;

export function parseHealth(value: unknown): Health {
  const parsed = healthSchema.safeParse(value);
  return parsed.success ? parsed.data : { schemaVersion: 1, connections: {} };
}

export function failingFor(health: Health, projectKey: string): FailingConnection[] {
  return Object.entries(health.connections)
    .filter(([, entry]) => entry.projects.includes(projectKey))
    .map(([connectionId, entry]) => ({ connectionId, ...entry }));
}

/** What the record needs of a connection's latest sync status. */
export interface HealthReport {
  readonly connectionId: string;
  readonly lastRunAt: string;
  readonly lastSuccessAt?: string | undefined;
  readonly error?: { readonly message: string; readonly hint: string } | undefined;
}

export class SyncHealthStore {
  async failingFor(projectKey: string): Promise<FailingConnection[]> {
    return failingFor(parseHealth(await kvs.get(keys.syncHealth)), projectKey);
  }

  /** Records a connection's latest status in the site-wide record; writes only when it changes. */
  async record(status: HealthReport): Promise<void> {
    const health = parseHealth(await kvs.get(keys.syncHealth));
    const before = health.connections[status.connectionId];
    if (!status.error && !before) return;
    const next: Health = { schemaVersion: 1, connections: { ...health.connections } };
    if (status.error) {
      const projects = before && before.message === status.error.message ? before.projects : await projectsUsing(status.connectionId);
      next.connections[status.connectionId] = {
        projects,
        failedAt: before?.failedAt ?? status.lastRunAt,
        ...(status.lastSuccessAt ? { lastSuccessAt: status.lastSuccessAt } : {}),
        message: status.error.message,
        hint: status.error.hint,
      };
    } else {
      delete next.connections[status.connectionId];
    }
    if (stableJson(next) !== stableJson(health)) await kvs.set(keys.syncHealth, next);
  }

  /** Drops a removed connection, so no panel keeps warning about it. */
  async forget(connectionId: string): Promise<void> {
    const health = parseHealth(await kvs.get(keys.syncHealth));
    if (!health.connections[connectionId]) return;
    const connections = { ...health.connections };
    delete connections[connectionId];
    await kvs.set(keys.syncHealth, { schemaVersion: 1, connections });
  }
}

/** Projects whose configuration uses the connection: read only when a connection starts failing. */
async function projectsUsing(connectionId: string): Promise<string[]> {
  const usesIt = (value: unknown) => {
    const config = withNulls(projectConfigSchema, value);
    return config.success && connectionsUsedBy(config.data).includes(connectionId) ? config.data.projectKey : undefined;
  };
  return queryAll(kvs.query().where('key', WhereConditions.beginsWith(keys.projectPrefix)), usesIt);
}
