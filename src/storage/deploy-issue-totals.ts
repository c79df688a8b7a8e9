import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import type { Deploy } from '../domain/deploy';
import { realDeployKey } from '../domain/deploy-identity';
import { deploySummarySchema, type DeploySummary } from './deploy-record';
import { digest, ENTITY, INDEX } from './keys';
import { queryAll, TRANSACTION_LIMIT, withNulls } from './kvs-records';

/**
 * How many real deploys (src/domain/deploy-identity.ts: one run seen through two connections is
 * one) mention an issue, per set of projects that recorded them, so the panel states a true total
 * from its first query page. A run that DEMO and OPS both record (each has a deploy source on the
 * same job) is one deploy: it counts once under "DEMO,OPS", and a viewer who sees either project
 * sees it once. The record sits in the issue's link index above every link (its range value is far
 * beyond any deploy's start), so it arrives first with no read of its own.
 *
 * Writers recount the issue's links after changing them rather than add to a counter: a recount
 * is right however often a run repeats its writes after dying half-way. Of two recounts the one
 * that started later saw every link the earlier one saw; a conditional set keeps that one, so a
 * slow writer never puts back an older count.
 */
const TOTALS_BASE = 1e14;
const TOTALS_MARKER = '#totals';
/** 2: counts per set of projects; version 1 (per project, a shared run in each) is read as sets of one. */
const TOTALS_SCHEMA_VERSION = 2;
/**
 * Far below Forge's 240 KiB per value, and 25 records to a transaction stay below its 4 MB. One
 * count per distinct set keeps a record of thousands of deploys in a few hundred bytes; only an
 * issue whose runs are recorded by many different mixes of projects could pass this.
 */
export const TOTALS_MAX_BYTES = 128 * 1024;
const SET_SEPARATOR = ',';
const TOO_MANY_SETS = 'too-many-project-sets';

const totalsKey = (issueKey: string) => `l:${digest(issueKey, 16)}:${TOTALS_MARKER}`;

/** Jira project keys hold no comma: a set is its sorted keys joined by commas. */
const projectKeySchema = z.string().regex(/^[^,]+$/);
const setKeySchema = z.string().regex(/^[^,]+(,[^,]+)*$/);
const countSchema = z.number().int().nonnegative();
const totalsV1Schema = z.object({ deployKey: z.literal(TOTALS_MARKER), schemaVersion: z.literal(1), summary: z.object({ byProject: z.record(projectKeySchema, countSchema) }) });
const totalsV2Schema = z.object({
  deployKey: z.literal(TOTALS_MARKER),
  schemaVersion: z.literal(TOTALS_SCHEMA_VERSION),
  summary: z.union([z.object({ bySet: z.record(setKeySchema, countSchema) }), z.object({ uncounted: z.literal(TOO_MANY_SETS) })]),
});
const linkSchema = z.object({ schemaVersion: z.literal(1), summary: z.unknown() });

/** Real deploys per set of recording projects: `{ DEMO: 40, "DEMO,OPS": 3 }`, each set sorted. */
export type IssueTotals = Readonly<Record<string, number>>;

const setKey = (projects: Iterable<string>) => [...new Set(projects)].sort().join(SET_SEPARATOR);
const projectsOf = (key: string) => key.split(SET_SEPARATOR);

/** The totals in a stored link-index value; undefined for a link, a damaged record or one too big to count. */
export function totalsIn(value: unknown): IssueTotals | undefined {
  const current = totalsV2Schema.safeParse(value);
  if (current.success) return 'bySet' in current.data.summary ? current.data.summary.bySet : undefined;
  // Version 1 counted a run once in each project that recorded it: read as sets of one until the next recount.
  const v1 = totalsV1Schema.safeParse(value);
  return v1.success ? v1.data.summary.byProject : undefined;
}

/** Every project the totals name: those whose visibility decides what a viewer's total is. */
export function projectsIn(totals: IssueTotals): string[] {
  return [...new Set(Object.keys(totals).flatMap(projectsOf))];
}

/** Real deploys a viewer sees: a run counts once when at least one project that recorded it is visible. */
export function visibleTotal(totals: IssueTotals, visible: ReadonlySet<string>): number {
  return Object.entries(totals).reduce((sum, [set, count]) => sum + (projectsOf(set).some((p) => visible.has(p)) ? count : 0), 0);
}

/** Real deploys per set of projects among the summaries: a run two projects recorded counts once, under both. */
export function countRealDeploys(summaries: readonly DeploySummary[]): IssueTotals {
  const projectsByRun = new Map<string, Set<string>>();
  for (const s of summaries) {
    const key = realDeployKey({ ...s, provider: s.provider ?? null });
    projectsByRun.set(key, (projectsByRun.get(key) ?? new Set()).add(s.projectKey));
  }
  const bySet = new Map<string, number>();
  for (const projects of projectsByRun.values()) {
    const key = setKey(projects);
    bySet.set(key, (bySet.get(key) ?? 0) + 1);
  }
  return Object.fromEntries(bySet);
}

function linkSummary(value: unknown): DeploySummary | undefined {
  const link = linkSchema.safeParse(value);
  if (!link.success) return undefined;
  const summary = withNulls(deploySummarySchema, link.data.summary);
  return summary.success ? summary.data : undefined;
}

type TotalsSummary = { bySet: IssueTotals } | { uncounted: typeof TOO_MANY_SETS };

export interface TotalsWrite {
  readonly key: string;
  readonly value: { issueKey: string; startedAt: number; deployKey: string; schemaVersion: number; summary: TotalsSummary };
}

const utf8Bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The record a recount at `countedAt` stores. One too big to store says so instead: the panel then
 * states no total rather than a wrong one, and the write (and the sync that made it) still succeeds.
 */
export function totalsWrite(issueKey: string, countedAt: number, bySet: IssueTotals): TotalsWrite {
  const value = { issueKey, startedAt: TOTALS_BASE + countedAt, deployKey: TOTALS_MARKER, schemaVersion: TOTALS_SCHEMA_VERSION };
  const counted = { ...value, summary: { bySet } };
  return { key: totalsKey(issueKey), value: utf8Bytes(counted) <= TOTALS_MAX_BYTES ? counted : { ...value, summary: { uncounted: TOO_MANY_SETS } } };
}

/** One issue's totals as a recount that starts now finds them. */
async function recount(issueKey: string, now: () => number): Promise<TotalsWrite> {
  const countedAt = now();
  const query = kvs
    .entity<Record<string, unknown>>(ENTITY.issueDeploy)
    .query()
    .index(INDEX.linksByIssue, { partition: [issueKey] })
    .sort(Sort.DESC);
  return totalsWrite(issueKey, countedAt, countRealDeploys(await queryAll(query, linkSummary)));
}

const isConflict = (error: unknown) => error instanceof ForgeKvsAPIError && error.responseDetails.status === 409;

/** Stores each totals record unless a later recount is stored already; all-or-nothing per transaction. */
async function storeTotals(writes: readonly TotalsWrite[]): Promise<void> {
  const transaction = kvs.transact();
  for (const { key, value } of writes) {
    const olderOrNone = new Filter<TotalsWrite['value']>().or('startedAt', FilterConditions.lessThan(value.startedAt)).or('startedAt', FilterConditions.notExists());
    transaction.set(key, value, { entityName: ENTITY.issueDeploy, conditions: olderOrNone });
  }
  await transaction.execute();
}

/**
 * Stores one issue's totals. Refused, it leaves a later recount in place; but a recount stored in the
 * same millisecond (two saves in a row) may have seen less than this one, so the issue is counted
 * again, as starting after it. Returns the billed writes.
 */
async function storeOne(write: TotalsWrite, now: () => number): Promise<number> {
  try {
    await storeTotals([write]);
    return 1;
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
  const stored = z.object({ startedAt: z.number() }).safeParse(await kvs.entity(ENTITY.issueDeploy).get(write.key));
  if (!stored.success || stored.data.startedAt !== write.value.startedAt) return 1;
  const after = stored.data.startedAt - TOTALS_BASE + 1;
  const again = await recount(write.value.issueKey, () => Math.max(now(), after));
  await storeTotals([again]).catch((error: unknown) => {
    if (!isConflict(error)) throw error;
  });
  return 2;
}

/**
 * Recounts each issue once and stores the totals, 25 to a billed write. When another writer's later
 * recount of one of them is stored already, that group goes again one by one and the later count
 * stays: it counted everything this one did. Returns the billed writes.
 */
export async function recountIssues(issueKeys: Iterable<string>, now: () => number = Date.now): Promise<number> {
  const writes: TotalsWrite[] = [];
  for (const issueKey of new Set(issueKeys)) writes.push(await recount(issueKey, now));
  let billed = 0;
  for (let i = 0; i < writes.length; i += TRANSACTION_LIMIT) {
    const group = writes.slice(i, i + TRANSACTION_LIMIT);
    const [only] = group;
    if (group.length === 1 && only) {
      billed += await storeOne(only, now);
      continue;
    }
    billed += 1;
    try {
      await storeTotals(group);
      continue;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    for (const write of group) billed += await storeOne(write, now);
  }
  return billed;
}

/** The issues whose set of links a save changes: the ones to recount afterwards. */
export function issuesWithChangedLinks(deploy: Deploy, previous: Deploy | undefined): string[] {
  // A deploy whose identity changed (its URL arrived) may now be, or stop being, another record's run.
  const identity = (d: Deploy) => realDeployKey({ ...d, provider: d.origin.kind === 'ci' ? d.origin.provider : null });
  if (!previous || identity(previous) !== identity(deploy)) return [...new Set([...deploy.issueKeys, ...(previous?.issueKeys ?? [])])];
  const before = new Set(previous.issueKeys);
  const after = new Set(deploy.issueKeys);
  return [...deploy.issueKeys.filter((k) => !before.has(k)), ...previous.issueKeys.filter((k) => !after.has(k))];
}
