import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { ENTITY, keys } from './keys';
import { getEntities } from './kvs-records';

/**
 * How many builds and deploys are stored per connection, for the admin page's health hub.
 *
 * Why a claim, settled later: a build or deploy is counted when it is first stored, but the
 * counter and the records are separate KVS writes, and a run can die between them and run again.
 * Counting after the records would lose what a dead run wrote (the retry finds it stored, so not
 * new); counting before would count twice what the retry writes again. So each writer, under the
 * connection's lease, first writes this record once: the totals it settled from the previous
 * writer's claim (those of its keys that exist now), plus its own claim (the keys it is about to
 * store, that do not exist yet). A claim is settled by whoever reads the record next, the next
 * writer or the hub, by looking its keys up: a key written by a dead run counts once, a key it never
 * wrote counts when the retry claims it. One write per run that stores something new, none otherwise
 * (an idle run still writes nothing); deriving the count from the keys instead would read every
 * stored build on each page load.
 *
 * Two writers at once (only when two runs race through an expired lease, storage-state-store.ts):
 * the write swaps the value and returns the one it replaced; if that is not the one read, the other
 * writer's totals are taken and both claims kept, and the swap repeats, so no claim is lost.
 */

/** Inclusive ranges of build numbers: a run's new builds of one job are mostly consecutive. */
const rangesSchema = z.array(z.tuple([z.number().int(), z.number().int()]));
const claimSchema = z.object({
  /** The new builds, by job id. */
  builds: z.record(z.string(), rangesSchema),
  /** The last new build in write order: builds are written in order, so when it exists all do. */
  witness: z.object({ jobId: z.string(), number: z.number().int() }).optional(),
  /** New deploy ids; each is looked up, since a deploy storage refuses is skipped and the run goes on. */
  deploys: z.array(z.string()),
});
type Claim = z.infer<typeof claimSchema>;
const MAX_CLAIMS = 8;

const storedCountSchema = z.object({
  schemaVersion: z.literal(1),
  connectionId: z.string(),
  revision: z.number().int().nonnegative(),
  builds: z.number().int().nonnegative(),
  deploys: z.number().int().nonnegative(),
  /** When counting began. */
  since: z.string(),
  /** False when the connection had stored records before counting began: they are not in the totals. */
  complete: z.boolean(),
  claims: z.array(claimSchema).max(MAX_CLAIMS),
});
type StoredCount = z.infer<typeof storedCountSchema>;

export interface StoredCounts {
  readonly builds: number;
  readonly deploys: number;
  /** When counting began, for a connection that stored records before; null when every record is counted. */
  readonly since: string | null;
}

export interface NewRecords {
  /** In the order they will be written. */
  readonly builds: readonly { readonly jobId: string; readonly number: number }[];
  readonly deploys: readonly string[];
}

/** Forge batches at most 25 keys. */
const BATCH_LIMIT = 25;
/** A swap that keeps losing to other writers gives up: totals may then lag, never double. */
const MAX_SWAPS = 4;

function claimOf(records: NewRecords): Claim {
  const byJob = new Map<string, number[]>();
  for (const { jobId, number } of records.builds) byJob.set(jobId, [...(byJob.get(jobId) ?? []), number]);
  const builds: Record<string, [number, number][]> = {};
  for (const [jobId, numbers] of byJob) {
    const ranges: [number, number][] = [];
    for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] === n - 1) last[1] = n;
      else ranges.push([n, n]);
    }
    builds[jobId] = ranges;
  }
  const last = records.builds[records.builds.length - 1];
  return { builds, ...(last ? { witness: { jobId: last.jobId, number: last.number } } : {}), deploys: [...new Set(records.deploys)] };
}

function buildKeysOf(connectionId: string, claim: Claim): string[] {
  return Object.entries(claim.builds).flatMap(([jobId, ranges]) =>
    ranges.flatMap(([from, to]) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => keys.build(connectionId, jobId, from + i))),
  );
}

export class StoredCountStore {
  /** Each connection's stored builds and deploys, its claims settled; absent for one never counted. */
  async counts(connectionIds: readonly string[]): Promise<Map<string, StoredCounts>> {
    const records: StoredCount[] = [];
    for (let i = 0; i < connectionIds.length; i += BATCH_LIMIT) {
      const result = await kvs.batchGet<unknown>(connectionIds.slice(i, i + BATCH_LIMIT).map((id) => ({ key: keys.syncStored(id) })));
      for (const item of result.successfulKeys) {
        const parsed = storedCountSchema.safeParse(item.value);
        if (parsed.success) records.push(parsed.data);
      }
    }
    const settled = await Promise.all(records.map(async (r) => [r.connectionId, { ...(await this.settle(r)), since: r.complete ? null : r.since }] as const));
    return new Map(settled);
  }

  /** Those of the given records not stored now (reads only). */
  async unstored(connectionId: string, records: NewRecords): Promise<NewRecords> {
    const buildKey = (b: { jobId: string; number: number }) => keys.build(connectionId, b.jobId, b.number);
    const [builds, deploys] = await Promise.all([getEntities(ENTITY.build, records.builds.map(buildKey)), getEntities(ENTITY.deploy, records.deploys.map(keys.deploy))]);
    return { builds: records.builds.filter((b) => !builds.has(buildKey(b))), deploys: records.deploys.filter((id) => !deploys.has(keys.deploy(id))) };
  }

  /**
   * Settles the record's claims and adds the caller's, before the caller stores those records.
   * `firstCountComplete` says, when there is no record yet, whether the connection has stored
   * nothing before. Returns the billed writes (1, more only when another writer raced this one).
   */
  async claim(connectionId: string, records: NewRecords, now: string, firstCountComplete: () => Promise<boolean>): Promise<number> {
    const key = keys.syncStored(connectionId);
    const mine = claimOf(records);
    let read = await this.read(connectionId);
    let next: StoredCount;
    if (read) {
      const settled = await this.settle(read);
      next = { ...read, revision: read.revision + 1, ...settled, claims: [mine] };
    } else {
      next = { schemaVersion: 1, connectionId, revision: 1, builds: 0, deploys: 0, since: now, complete: await firstCountComplete(), claims: [mine] };
    }
    for (let swaps = 1; ; swaps++) {
      const replaced = await kvs.set(key, storedCountSchema.parse(next), { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
      const previous = replaced ? storedCountSchema.safeParse(replaced.value) : undefined;
      const other = previous?.success ? previous.data : undefined;
      if (other === undefined ? read === undefined : other.revision === read?.revision) return swaps;
      if (other === undefined || swaps >= MAX_SWAPS) {
        console.warn(`[stored] connection ${connectionId}: the count record changed under another writer ${swaps} times; totals may lag`);
        return swaps;
      }
      // Another writer's record was replaced: its totals stand, and its claims join ours unsettled (it may still be writing).
      read = other;
      next = { ...other, revision: other.revision + 1, claims: [...next.claims, ...other.claims].slice(-MAX_CLAIMS) };
    }
  }

  async forget(connectionId: string): Promise<void> {
    await kvs.delete(keys.syncStored(connectionId));
  }

  private async read(connectionId: string): Promise<StoredCount | undefined> {
    const parsed = storedCountSchema.safeParse(await kvs.get(keys.syncStored(connectionId)));
    return parsed.success ? parsed.data : undefined;
  }

  /** The record's totals with its claims counted as far as their keys exist: the witness first, every key only for a run that died. */
  private async settle(record: StoredCount): Promise<{ builds: number; deploys: number }> {
    const id = record.connectionId;
    const witnesses = record.claims.flatMap((c) => (c.witness ? [keys.build(id, c.witness.jobId, c.witness.number)] : []));
    const deployKeys = [...new Set(record.claims.flatMap((c) => c.deploys.map(keys.deploy)))];
    const [foundWitnesses, foundDeploys] = await Promise.all([getEntities(ENTITY.build, witnesses), getEntities(ENTITY.deploy, deployKeys)]);
    const complete = new Set<string>();
    const unsure: string[] = [];
    for (const claim of record.claims) {
      const done = claim.witness !== undefined && foundWitnesses.has(keys.build(id, claim.witness.jobId, claim.witness.number));
      if (done) for (const k of buildKeysOf(id, claim)) complete.add(k);
      else unsure.push(...buildKeysOf(id, claim));
    }
    const found = await getEntities(ENTITY.build, unsure.filter((k) => !complete.has(k)));
    return { builds: record.builds + complete.size + found.size, deploys: record.deploys + foundDeploys.size };
  }
}
