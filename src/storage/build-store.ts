import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Build } from '../domain/build';
import { regresses } from '../domain/webhook';
import { buildSchema } from './build-record';
import { ENTITY, INDEX, keys, partitions } from './keys';
import { getEntities, PAGE_LIMIT, queryAll, stableJson, withNulls, withoutNulls, writeEntities } from './kvs-records';

export const BUILD_SCHEMA_VERSION = 1;

const storedBuildSchema = z.object({
  schemaVersion: z.number(),
  record: z.unknown(),
});

/** Time attributes are epoch milliseconds as floats: Forge's integer attributes are 32-bit. */
function millis(iso: string | null): number {
  return iso ? Date.parse(iso) : 0;
}

function toEntity(build: Build): Record<string, unknown> {
  return {
    connectionId: build.connectionId,
    jobKey: partitions.job(build.connectionId, build.job.id),
    number: build.number,
    sha: partitions.sha(build.sha),
    branchKey: partitions.branch(build.connectionId, build.branch),
    startedAt: millis(build.startedAt),
    state: build.state,
    schemaVersion: BUILD_SCHEMA_VERSION,
    record: withoutNulls(build),
  };
}

function fromEntity(value: unknown): Build | undefined {
  const stored = storedBuildSchema.safeParse(value);
  if (!stored.success || stored.data.schemaVersion !== BUILD_SCHEMA_VERSION) return undefined;
  const build = withNulls(buildSchema, stored.data.record);
  return build.success ? build.data : undefined;
}

export const buildKey = (build: Pick<Build, 'connectionId' | 'job' | 'number'>) =>
  keys.build(build.connectionId, build.job.id, build.number);

/** Builds by job, commit and branch. One entity value per build; unchanged builds are never rewritten. */
export class BuildStore {
  /** Keys `changed` last found not stored: a run's store lives for that run only (RunContext). */
  private readonly unstoredKeys = new Set<string>();

  /** The builds that are new or differ from what is stored, never one that moves backwards (reads only; the last of duplicates wins). */
  async changed(builds: readonly Build[]): Promise<Build[]> {
    const latest = new Map<string, Build>();
    for (const build of builds) latest.set(buildKey(build), build);
    const existing = await getEntities(ENTITY.build, [...latest.keys()]);
    const changed: Build[] = [];
    for (const [key, build] of latest) {
      const before = existing.get(key);
      if (before === undefined) this.unstoredKeys.add(key);
      else this.unstoredKeys.delete(key);
      if (before !== undefined && stableJson(before) === stableJson(toEntity(build))) continue;
      // A poll that read a build before its webhook arrived must not reopen it (src/domain/webhook.ts).
      const stored = before === undefined ? undefined : fromEntity(before);
      if (stored && regresses(stored, build)) continue;
      changed.push(build);
    }
    return changed;
  }

  /** Those of `builds` that were not stored when `changed` last read them, in their order: the ones a write adds. */
  added(builds: readonly Build[]): Build[] {
    return builds.filter((build) => this.unstoredKeys.has(buildKey(build)));
  }

  /** Writes builds as they are, 25 to a billed write (in order, each group all-or-nothing); returns the billed writes. */
  async write(builds: readonly Build[]): Promise<number> {
    return writeEntities(builds.map((build) => ({ entityName: ENTITY.build, key: buildKey(build), value: toEntity(build) })));
  }

  async get(connectionId: string, jobId: string, number: number): Promise<Build | undefined> {
    return fromEntity(await kvs.entity(ENTITY.build).get(keys.build(connectionId, jobId, number)));
  }

  /** Builds of one commit, oldest first, every page. */
  async bySha(sha: string): Promise<Build[]> {
    const query = kvs
      .entity<Record<string, unknown>>(ENTITY.build)
      .query()
      .index(INDEX.buildsBySha, { partition: [partitions.sha(sha)] })
      .sort(Sort.ASC);
    return queryAll(query, fromEntity);
  }

  /** The latest builds of one job, newest first (a page of at most 100). */
  async byJob(connectionId: string, jobId: string, limit = 20): Promise<Build[]> {
    const page = await kvs
      .entity<Record<string, unknown>>(ENTITY.build)
      .query()
      .index(INDEX.buildsByJob, { partition: [partitions.job(connectionId, jobId)] })
      .sort(Sort.DESC)
      .limit(Math.min(limit, PAGE_LIMIT))
      .getMany();
    return page.results.map((r) => fromEntity(r.value)).filter((b): b is Build => b !== undefined);
  }

  /** Builds on a branch of one connection that started in (from, to], oldest first. */
  async onBranch(connectionId: string, branch: string, fromExclusive: number, toInclusive: number, max = 500): Promise<Build[]> {
    const query = kvs
      .entity<Record<string, unknown>>(ENTITY.build)
      .query()
      .index(INDEX.buildsByBranch, { partition: [partitions.branch(connectionId, branch)] })
      .where(WhereConditions.between(fromExclusive, toInclusive))
      .sort(Sort.ASC);
    // `between` includes its lower bound; the range starts just after it.
    const after = (value: unknown) => {
      const build = fromEntity(value);
      return build && millis(build.startedAt) > fromExclusive ? build : undefined;
    };
    return queryAll(query, after, max);
  }
}
