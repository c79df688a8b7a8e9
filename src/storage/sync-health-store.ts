import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { connectionsUsedBy, projectConfigSchema } from '../domain/project-config';
import { keys } from './keys';
import { queryAll, stableJson, withNulls } from './kvs-records';

/**
 * The connections whose last sync failed, with the projects that use each: one record per
 * failing connection (`sync:health:<id>`), written only by that connection's own runs, so runs of
 * different connections never overwrite each other's entry (a single site-wide value read, changed
 * and written by every run lost updates when connections failed or recovered together). The issue
 * panel reads them all with one prefix query: one page holds 100 failing connections. A record
 * changes only when its connection starts or stops failing (or its error changes), so a healthy
 * sync never writes it.
 */
const failingEntrySchema = z.object({
  schemaVersion: z.literal(2),
  connectionId: z.string(),
  projects: z.array(z.string()),
  failedAt: z.string(),
  lastSuccessAt: z.string().optional(),
  message: z.string(),
  hint: z.string(),
});
type FailingEntry = z.infer<typeof failingEntrySchema>;
export type FailingConnection = Omit<FailingEntry, 'schemaVersion'>;

export function parseFailing(value: unknown): FailingConnection | undefined {
  const parsed = failingEntrySchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { schemaVersion: _version, ...entry } = parsed.data;
  return entry;
}

export function failingFor(entries: readonly FailingConnection[], projectKey: string): FailingConnection[] {
  return entries.filter((entry) => entry.projects.includes(projectKey));
}

/** The query behind every read of the failing connections (one page per 100 of them). */
export function failingQuery() {
  return kvs.query().where('key', WhereConditions.beginsWith(keys.syncHealthPrefix));
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
    return failingFor(await queryAll(failingQuery(), parseFailing), projectKey);
  }

  /** Records a connection's latest status in its own record; writes only when it changes. */
  async record(status: HealthReport): Promise<void> {
    const key = keys.syncHealthOf(status.connectionId);
    const before = parseFailing(await kvs.get(key));
    if (!status.error) {
      if (before) await kvs.delete(key);
      return;
    }
    const projects = before && before.message === status.error.message ? before.projects : await projectsUsing(status.connectionId);
    const next: FailingEntry = {
      schemaVersion: 2,
      connectionId: status.connectionId,
      projects,
      failedAt: before?.failedAt ?? status.lastRunAt,
      ...(status.lastSuccessAt ? { lastSuccessAt: status.lastSuccessAt } : {}),
      message: status.error.message,
      hint: status.error.hint,
    };
    if (!before || stableJson({ schemaVersion: 2, ...before }) !== stableJson(next)) await kvs.set(key, next);
  }

  /** Drops a removed connection, so no panel keeps warning about it. */
  async forget(connectionId: string): Promise<void> {
    await kvs.delete(keys.syncHealthOf(connectionId));
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
