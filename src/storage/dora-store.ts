import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { DayFacts } from '../domain/dora/history';
import { DoraRollupTooLarge } from '../domain/dora/errors';
import { compactCounted } from '../domain/dora/stats';
import { DEFAULT_DORA_SETTINGS, INCIDENT_TIES, type DoraSettings } from '../domain/dora/settings';
import { ENVIRONMENT_TYPES, type Environment } from '../domain/environment';
import { doraKeys } from './dora-keys';
import { getValues, stableJson } from './kvs-records';

const settingsRecord = z.object({
  schemaVersion: z.literal(1),
  settings: z.object({
    incidents: z.object({ issueTypes: z.array(z.string()), labels: z.array(z.string()), projectKeys: z.array(z.string()), tie: z.enum(INCIDENT_TIES) }),
    fixes: z.object({ issueTypes: z.array(z.string()), labels: z.array(z.string()), branchPatterns: z.array(z.string()) }),
    // KVS stores no null: no default environment is stored as none.
    defaultEnvironmentId: z
      .string()
      .optional()
      .transform((v) => v ?? null),
  }),
  updatedAt: z.string(),
});

const environmentsRecord = z.object({
  schemaVersion: z.literal(1),
  environments: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(ENVIRONMENT_TYPES) })),
});

/** Day facts stored short: a quarter of a busy environment stays far below the 240 KiB limit. */
const dayRecord = z.object({
  n: z.number(),
  s: z.number(),
  f: z.number(),
  x: z.number(),
  lt: z.array(z.tuple([z.number(), z.number()])),
  r: z.array(z.number()),
  o: z.number(),
});
const daysRecord = z.object({ schemaVersion: z.literal(1), days: z.record(z.string(), dayRecord), updatedAt: z.string() });

const tieRecord = z.object({
  deployId: z.string(),
  environmentId: z.string(),
  deployStartedAt: z.number(),
  createdAt: z.number(),
  // KVS stores no null: an open incident has no resolvedAt.
  resolvedAt: z
    .number()
    .optional()
    .transform((v) => v ?? null),
});
export type StoredTie = z.output<typeof tieRecord>;
const tiesRecord = z.object({ schemaVersion: z.literal(1), ties: z.record(z.string(), tieRecord) });

/** Well under Forge's 240 KiB a value. */
const MAX_QUARTER_CHARS = 160_000;

export type DoraWrite = { readonly key: string; readonly value: unknown } | { readonly key: string; readonly delete: true };

export interface StoredSettings {
  readonly settings: DoraSettings;
  readonly updatedAt: string | null;
}

export interface Quarter {
  readonly days: Map<string, DayFacts>;
  readonly updatedAt: string | null;
}

function toDay(f: DayFacts): z.infer<typeof dayRecord> {
  return { n: f.deploys, s: f.successes, f: f.failures, x: f.fixes, lt: f.leadTimes.map(([v, c]) => [v, c]), r: [...f.recoveries], o: f.open };
}

function fromDay(d: z.infer<typeof dayRecord>): DayFacts {
  return { deploys: d.n, successes: d.s, failures: d.f, fixes: d.x, leadTimes: d.lt, recoveries: d.r, open: d.o };
}

export function parseSettings(value: unknown): StoredSettings {
  const parsed = settingsRecord.safeParse(value);
  return parsed.success ? parsed.data : { settings: DEFAULT_DORA_SETTINGS, updatedAt: null };
}

export function parseEnvironments(value: unknown): Environment[] {
  const parsed = environmentsRecord.safeParse(value);
  return parsed.success ? parsed.data.environments : [];
}

export function parseQuarter(value: unknown): Quarter {
  const parsed = daysRecord.safeParse(value);
  if (!parsed.success) return { days: new Map(), updatedAt: null };
  return { days: new Map(Object.entries(parsed.data.days).map(([day, d]) => [day, fromDay(d)])), updatedAt: parsed.data.updatedAt };
}

/** The DORA records of a project: the admin's settings, rollups kept by the sync, stored incident ties. */
export class DoraStore {
  /** Several records in one batch read (each key a billed read), raw: the caller parses each. */
  async getRaw(keys: readonly string[]): Promise<Map<string, unknown>> {
    return getValues(keys);
  }

  async settings(projectKey: string): Promise<StoredSettings> {
    return parseSettings(await kvs.get(doraKeys.settings(projectKey)));
  }

  async saveSettings(projectKey: string, settings: DoraSettings, now: string): Promise<void> {
    const { defaultEnvironmentId, ...rest } = settings;
    await kvs.set(doraKeys.settings(projectKey), { schemaVersion: 1, settings: defaultEnvironmentId === null ? rest : settings, updatedAt: now });
  }

  async incidentsCheckedAt(projectKey: string): Promise<number | null> {
    const parsed = z.object({ at: z.number() }).safeParse(await kvs.get(doraKeys.incidentsCheckedAt(projectKey)));
    return parsed.success ? parsed.data.at : null;
  }

  async environments(projectKey: string): Promise<Environment[]> {
    return parseEnvironments(await kvs.get(doraKeys.environments(projectKey)));
  }

  async quarters(projectKey: string, environmentId: string, quarters: readonly string[]): Promise<Map<string, Quarter>> {
    const raw = await this.getRaw(quarters.map((q) => doraKeys.days(projectKey, environmentId, q)));
    return new Map(quarters.map((q) => [q, parseQuarter(raw.get(doraKeys.days(projectKey, environmentId, q)))]));
  }

  /** The write that brings a quarter to `days`: null when unchanged, a delete when no day is left. */
  planQuarter(projectKey: string, environmentId: string, quarter: string, before: Quarter, days: ReadonlyMap<string, DayFacts>, now: string): DoraWrite | null {
    const encode = (m: ReadonlyMap<string, DayFacts>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([day, f]) => [day, toDay(f)]));
    let next = encode(days);
    if (stableJson(encode(before.days)) === stableJson(next)) return null;
    // Exact lead times while they fit; a quarter of thousands of commits a day keeps them to 2%.
    if (JSON.stringify(next).length > MAX_QUARTER_CHARS) {
      next = encode(new Map([...days].map(([day, f]) => [day, { ...f, leadTimes: compactCounted(f.leadTimes, 0.02) }])));
      if (JSON.stringify(next).length > MAX_QUARTER_CHARS) throw new DoraRollupTooLarge(`The DORA rollup of ${projectKey} ${environmentId} ${quarter} would exceed ${MAX_QUARTER_CHARS} characters.`);
    }
    const key = doraKeys.days(projectKey, environmentId, quarter);
    return days.size === 0 ? { key, delete: true } : { key, value: { schemaVersion: 1, days: next, updatedAt: now } };
  }

  /** The write that adds environments to the project's list; null when none is new. */
  planEnvironments(projectKey: string, known: readonly Environment[], environments: readonly Environment[]): DoraWrite | null {
    const added = environments.filter((e, i) => !known.some((k) => k.id === e.id) && environments.findIndex((o) => o.id === e.id) === i);
    return added.length ? { key: doraKeys.environments(projectKey), value: { schemaVersion: 1, environments: [...known, ...added] } } : null;
  }

  planIncidentsCheckedAt(projectKey: string, at: number): DoraWrite {
    return { key: doraKeys.incidentsCheckedAt(projectKey), value: { at } };
  }

  /** Writes together: one transaction (one billed write) per 25, a lone write as itself. */
  async commit(writes: readonly DoraWrite[]): Promise<number> {
    let billed = 0;
    for (let i = 0; i < writes.length; i += 25) {
      const group = writes.slice(i, i + 25);
      const only = group.length === 1 ? group[0] : undefined;
      if (only) {
        if ('delete' in only) await kvs.delete(only.key);
        else await kvs.set(only.key, only.value);
      } else {
        const transaction = kvs.transact();
        for (const w of group) {
          if ('delete' in w) transaction.delete(w.key);
          else transaction.set(w.key, w.value);
        }
        await transaction.execute();
      }
      billed += 1;
    }
    return billed;
  }

  async ties(projectKey: string, quarters: readonly string[]): Promise<Map<string, Map<string, StoredTie>>> {
    const raw = await this.getRaw(quarters.map((q) => doraKeys.ties(projectKey, q)));
    return new Map(
      quarters.map((q) => {
        const parsed = tiesRecord.safeParse(raw.get(doraKeys.ties(projectKey, q)));
        return [q, new Map(parsed.success ? Object.entries(parsed.data.ties) : [])];
      }),
    );
  }

  async saveTies(projectKey: string, quarter: string, ties: ReadonlyMap<string, StoredTie>): Promise<void> {
    const stored = [...ties].map(([key, { resolvedAt, ...tie }]) => [key, resolvedAt === null ? tie : { ...tie, resolvedAt }] as const);
    await kvs.set(doraKeys.ties(projectKey, quarter), { schemaVersion: 1, ties: Object.fromEntries(stored) });
  }
}
