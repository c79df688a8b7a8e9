import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { ENTITY, keys } from './keys';
import { getEntities, getValues } from './kvs-records';

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
  /**
   * The last new record in write order (writers store deploys, then builds, each in order): when it
   * exists every write before it was made, so the claim counts whole for one look-up (a build, or a
   * deploy when no build is new); its keys are looked up one by one only when it is missing.
   */
  witness: z.union([z.object({ jobId: z.string(), number: z.number().int() }), z.object({ deployId: z.string() })]).optional(),
  /** New deploy ids, in write order. */
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
  const lastBuild = records.builds[records.builds.length - 1];
  const lastDeploy = records.deploys[records.deploys.length - 1];
  const witness = lastBuild ? { jobId: lastBuild.jobId, number: lastBuild.number } : lastDeploy ? { deployId: lastDeploy } : undefined;
  return { builds, ...(witness ? { witness } : {}), deploys: [...new Set(records.deploys)] };
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
    for (const value of (await getValues(connectionIds.map((id) => keys.syncStored(id)))).values()) {
      const parsed = storedCountSchema.safeParse(value);
      if (parsed.success) records.push(parsed.data);
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

  /**
   * The record's totals with its claims counted as far as their keys exist: one look-up of each
   * claim's witness, every key only for a run that died. Values are read to learn that a key
   * exists (KVS has no cheaper test), so whole deploys are read only in that rare case.
   * Known limit: a deploy storage refused (reported in the run's problems) before a witness that
   * was stored is counted.
   */
  private async settle(record: StoredCount): Promise<{ builds: number; deploys: number }> {
    const id = record.connectionId;
    const witnessOf = (c: Claim) => (!c.witness ? undefined : 'deployId' in c.witness ? { entity: ENTITY.deploy, key: keys.deploy(c.witness.deployId) } : { entity: ENTITY.build, key: keys.build(id, c.witness.jobId, c.witness.number) });
    const witnesses = record.claims.flatMap((c) => witnessOf(c) ?? []);
    const [builtWitnesses, deployWitnesses] = await Promise.all([
      getEntities(ENTITY.build, witnesses.filter((w) => w.entity === ENTITY.build).map((w) => w.key)),
      getEntities(ENTITY.deploy, witnesses.filter((w) => w.entity === ENTITY.deploy).map((w) => w.key)),
    ]);
    const builds = new Set<string>();
    const deploys = new Set<string>();
    const unsure = { builds: [] as string[], deploys: [] as string[] };
    for (const claim of record.claims) {
      const witness = witnessOf(claim);
      const done = witness !== undefined && (witness.entity === ENTITY.build ? builtWitnesses : deployWitnesses).has(witness.key);
      const buildKeys = buildKeysOf(id, claim);
      const deployKeys = claim.deploys.map(keys.deploy);
      if (done) {
        for (const k of buildKeys) builds.add(k);
        for (const k of deployKeys) deploys.add(k);
      } else {
        unsure.builds.push(...buildKeys);
        unsure.deploys.push(...deployKeys);
      }
    }
    const [foundBuilds, foundDeploys] = await Promise.all([
      getEntities(ENTITY.build, unsure.builds.filter((k) => !builds.has(k))),
      getEntities(ENTITY.deploy, unsure.deploys.filter((k) => !deploys.has(k))),
    ]);
    return { builds: record.builds + builds.size + foundBuilds.size, deploys: record.deploys + deploys.size + foundDeploys.size };
  }
}
