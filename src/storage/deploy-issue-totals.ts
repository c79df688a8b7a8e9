import { Filter, FilterConditions, ForgeKvsAPIError, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import type { Deploy } from '../domain/deploy';
import { realDeployKey } from '../domain/deploy-identity';
import { deploySummarySchema, type DeploySummary } from './deploy-record';
import { digest, ENTITY, INDEX } from './keys';
import { queryAll, TRANSACTION_LIMIT, withNulls } from './kvs-records';

/**
 * How many real deploys (src/domain/deploy-identity.ts: one run seen through two connections is
 * one) mention an issue, per project that recorded them, so the panel states a true total from
 * its first query page. The record sits in the issue's link index above every link (its range
 * value is far beyond any deploy's start), so it arrives first with no read of its own.
 *
 * Writers recount the issue's links after changing them rather than add to a counter: a recount
 * is right however often a run repeats its writes after dying half-way. Of two recounts the one
 * that started later saw every link the earlier one saw; a conditional set keeps that one, so a
 * slow writer never puts back an older count.
 */
const TOTALS_BASE = 1e14;
const TOTALS_MARKER = '#totals';
const TOTALS_SCHEMA_VERSION = 1;

const totalsKey = (issueKey: string) => `l:${digest(issueKey, 16)}:${TOTALS_MARKER}`;
const totalsSchema = z.object({ deployKey: z.literal(TOTALS_MARKER), schemaVersion: z.literal(TOTALS_SCHEMA_VERSION), summary: z.object({ byProject: z.record(z.string(), z.number()) }) });
const linkSchema = z.object({ schemaVersion: z.literal(1), summary: z.unknown() });

/** Real deploys per project, as the issue's totals record holds them. */
export type IssueTotals = Readonly<Record<string, number>>;

/** The totals in a stored link-index value; undefined for a link (or a damaged record). */
export function totalsIn(value: unknown): IssueTotals | undefined {
  const parsed = totalsSchema.safeParse(value);
  return parsed.success ? parsed.data.summary.byProject : undefined;
}

/** Real deploys per project among the summaries: a run two projects recorded counts in each. */
export function countRealDeploys(summaries: readonly DeploySummary[]): IssueTotals {
  const byProject = new Map<string, Set<string>>();
  for (const s of summaries) {
    const key = realDeployKey({ ...s, provider: s.provider ?? null });
    byProject.set(s.projectKey, (byProject.get(s.projectKey) ?? new Set()).add(key));
  }
  return Object.fromEntries([...byProject].map(([project, runs]) => [project, runs.size]));
}

function linkSummary(value: unknown): DeploySummary | undefined {
  const link = linkSchema.safeParse(value);
  if (!link.success) return undefined;
  const summary = withNulls(deploySummarySchema, link.data.summary);
  return summary.success ? summary.data : undefined;
}

interface TotalsWrite {
  readonly key: string;
  readonly value: { issueKey: string; startedAt: number; deployKey: string; schemaVersion: number; summary: { byProject: IssueTotals } };
}

/** One issue's totals as a recount that starts now finds them. */
async function recount(issueKey: string, now: () => number): Promise<TotalsWrite> {
  const countedAt = now();
  const query = kvs
    .entity<Record<string, unknown>>(ENTITY.issueDeploy)
    .query()
    .index(INDEX.linksByIssue, { partition: [issueKey] })
    .sort(Sort.DESC);
  const byProject = countRealDeploys(await queryAll(query, linkSummary));
  return { key: totalsKey(issueKey), value: { issueKey, startedAt: TOTALS_BASE + countedAt, deployKey: TOTALS_MARKER, schemaVersion: TOTALS_SCHEMA_VERSION, summary: { byProject } } };
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
    billed += 1;
    try {
      await storeTotals(group);
      continue;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    if (group.length === 1) continue;
    for (const write of group) {
      billed += 1;
      await storeTotals([write]).catch((error: unknown) => {
        if (!isConflict(error)) throw error;
      });
    }
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
