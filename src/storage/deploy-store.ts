import { ForgeKvsAPIError, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Deploy } from '../domain/deploy';
import { InvalidRequest } from '../domain/errors';
import { issuesWithChangedLinks, recountIssues, totalsIn, type IssueTotals } from './deploy-issue-totals';
import { decodeCommits, encodeCommits, storedCommitsSchema } from './deploy-commit-codec';
import { deploySchema, deploySummarySchema, linkSummaryOf, summaryOf, type DeploySummary } from './deploy-record';
import { ENTITY, INDEX, keys, partitions } from './keys';
import { getEntities, PAGE_LIMIT, queryAll, stableJson, TRANSACTION_LIMIT, withNulls, withoutNulls, writeEntities, type EntityWrite } from './kvs-records';

/** 2: commits stored as rows (deploy-commit-codec.ts); version 1 records (commits as objects) are still read. */
export const DEPLOY_SCHEMA_VERSION = 2;
const LINK_SCHEMA_VERSION = 1;
const storedSchema = z.object({ schemaVersion: z.number(), record: z.unknown() });
const commitRowsSchema = z.object({ commitRows: storedCommitsSchema }).loose();
const storedLinkSchema = z.object({ schemaVersion: z.number(), issueKey: z.string(), summary: z.unknown() });

function toEntity(deploy: Deploy): Record<string, unknown> {
  const { commits, ...rest } = deploy;
  return {
    projectKey: deploy.projectKey,
    environmentKey: partitions.environment(deploy.projectKey, deploy.environment.id),
    sha: partitions.sha(deploy.sha),
    startedAt: Date.parse(deploy.startedAt),
    state: deploy.state,
    schemaVersion: DEPLOY_SCHEMA_VERSION,
    record: { ...(withoutNulls(rest) as Record<string, unknown>), commitRows: encodeCommits(commits) },
  };
}

/** A stored deploy entity's value as a Deploy, or undefined for a damaged or unknown record. */
export function fromEntity(value: unknown): Deploy | undefined {
  const stored = storedSchema.safeParse(value);
  if (!stored.success) return undefined;
  let record = stored.data.record;
  if (stored.data.schemaVersion === DEPLOY_SCHEMA_VERSION) {
    const rows = commitRowsSchema.safeParse(record);
    const commits = rows.success ? decodeCommits(rows.data.commitRows) : undefined;
    if (!rows.success || !commits) return undefined;
    const { commitRows: _rows, ...rest } = rows.data;
    record = { ...rest, commits };
  } else if (stored.data.schemaVersion !== 1) {
    return undefined;
  }
  const deploy = withNulls(deploySchema, record);
  return deploy.success ? deploy.data : undefined;
}

function linkEntity(issueKey: string, deploy: Deploy): Record<string, unknown> {
  return {
    issueKey,
    startedAt: Date.parse(deploy.startedAt),
    deployKey: keys.deploy(deploy.id),
    schemaVersion: LINK_SCHEMA_VERSION,
    summary: withoutNulls(linkSummaryOf(deploy, issueKey)),
  };
}

/** Below Forge's 4 MB per transaction, with room for the request around the values. */
const MAX_GROUP_BYTES = 3 * 1024 * 1024;

interface DeployChange {
  readonly writes: EntityWrite[];
  readonly dropped: string[];
}

/** What saving `deploy` over `previous` writes: its links (changed ones only) then itself; null when unchanged. */
function changeOf(deploy: Deploy, previous: Deploy | undefined): DeployChange | null {
  const next = toEntity(deploy);
  if (previous && stableJson(toEntity(previous)) === stableJson(next)) return null;
  const summaryChanged = !previous || stableJson(summaryOf(previous)) !== stableJson(summaryOf(deploy));
  const linkKeys = summaryChanged ? deploy.issueKeys : deploy.issueKeys.filter((k) => !previous.issueKeys.includes(k));
  // Links first, the deploy last: if the run dies in between, the deploy still looks unsaved
  // and the next run writes everything again, so no link is ever lost.
  const writes: EntityWrite[] = [
    ...linkKeys.map((issueKey) => ({ entityName: ENTITY.issueDeploy, key: keys.issueDeploy(issueKey, deploy.id), value: linkEntity(issueKey, deploy) })),
    { entityName: ENTITY.deploy, key: keys.deploy(deploy.id), value: next },
  ];
  const dropped = previous ? previous.issueKeys.filter((k) => !deploy.issueKeys.includes(k)) : [];
  return { writes, dropped };
}

async function deleteLinks(deployId: string, issueKeys: readonly string[]): Promise<number> {
  for (let i = 0; i < issueKeys.length; i += TRANSACTION_LIMIT) {
    const transaction = kvs.transact();
    for (const issueKey of issueKeys.slice(i, i + TRANSACTION_LIMIT)) {
      transaction.delete(keys.issueDeploy(issueKey, deployId), { entityName: ENTITY.issueDeploy });
    }
    await transaction.execute();
  }
  return Math.ceil(issueKeys.length / TRANSACTION_LIMIT);
}

export interface DeploySaveAllResult {
  readonly written: string[];
  readonly billedWrites: number;
}

export interface DeploySaveResult {
  readonly written: boolean;
  readonly billedWrites: number;
}

export interface IssueDeployPage {
  readonly deploys: DeploySummary[];
  readonly cursor: string | undefined;
  /** Real deploys per recording project, from the first page; undefined before the issue was last recounted. */
  readonly totals?: IssueTotals;
}

/**
 * Deploys by project, environment and commit, and the links that attach them to issues.
 * A deploy and its links are written together: one write for the deploy (inside the first
 * transaction) and one per 25 links; nothing is written when the deploy is unchanged.
 */
export class DeployStore {
  async get(deployId: string): Promise<Deploy | undefined> {
    return fromEntity(await kvs.entity(ENTITY.deploy).get(keys.deploy(deployId)));
  }

  async getMany(deployIds: readonly string[]): Promise<Deploy[]> {
    const found = await getEntities(ENTITY.deploy, deployIds.map(keys.deploy));
    return [...found.values()].map(fromEntity).filter((d): d is Deploy => d !== undefined);
  }

  async save(deploy: Deploy, previous: Deploy | undefined): Promise<DeploySaveResult> {
    const change = changeOf(deploy, previous);
    if (!change) return { written: false, billedWrites: 0 };
    const billedWrites = await writeEntities(change.writes);
    const deleted = await deleteLinks(deploy.id, change.dropped);
    return { written: true, billedWrites: billedWrites + deleted + (await recountIssues(issuesWithChangedLinks(deploy, previous))) };
  }

  /**
   * Several deploys at once, their values packed into transactions of 25 operations (one billed
   * write each) in order, each deploy's links before the deploy: a run that dies half-way leaves
   * every deploy it had not finished looking unsaved, as `save` does. Returns the ids written.
   */
  async saveAll(items: readonly { readonly deploy: Deploy; readonly previous: Deploy | undefined }[]): Promise<DeploySaveAllResult> {
    const written: string[] = [];
    const groups: EntityWrite[][] = [[]];
    let groupBytes = 0;
    const dropped: { deployId: string; issueKeys: string[] }[] = [];
    for (const { deploy, previous } of items) {
      const change = changeOf(deploy, previous);
      if (!change) continue;
      written.push(deploy.id);
      if (change.dropped.length) dropped.push({ deployId: deploy.id, issueKeys: change.dropped });
      // Forge refuses a transaction over 4 MB: a deploy with long commit lists starts a new group.
      const bytes = JSON.stringify(change.writes).length;
      if (groupBytes + bytes > MAX_GROUP_BYTES) {
        groups.push([]);
        groupBytes = 0;
      }
      groups[groups.length - 1]?.push(...change.writes);
      groupBytes += bytes;
    }
    let billedWrites = 0;
    for (const group of groups) billedWrites += await writeEntities(group);
    for (const { deployId, issueKeys } of dropped) billedWrites += await deleteLinks(deployId, issueKeys);
    const saved = new Set(written);
    billedWrites += await recountIssues(items.filter((i) => saved.has(i.deploy.id)).flatMap((i) => issuesWithChangedLinks(i.deploy, i.previous)));
    return { written, billedWrites };
  }

  /** The latest `limit` deploys to an environment that started before `beforeMillis`, newest first. */
  async recentTo(projectKey: string, environmentId: string, beforeMillis: number, limit: number): Promise<Deploy[]> {
    const page = await kvs
      .entity<Record<string, unknown>>(ENTITY.deploy)
      .query()
      .index(INDEX.deploysByEnvironment, { partition: [partitions.environment(projectKey, environmentId)] })
      .where(WhereConditions.lessThan(beforeMillis))
      .sort(Sort.DESC)
      .limit(Math.min(Math.max(1, limit), PAGE_LIMIT))
      .getMany();
    return page.results.map((r) => fromEntity(r.value)).filter((d): d is Deploy => d !== undefined);
  }

  /** A project's deploys that started at or after `fromMillis`, oldest first, every page. */
  async byProjectSince(projectKey: string, fromMillis: number): Promise<Deploy[]> {
    const query = kvs
      .entity<Record<string, unknown>>(ENTITY.deploy)
      .query()
      .index(INDEX.deploysByProject, { partition: [projectKey] })
      .where(WhereConditions.greaterThanEqualTo(fromMillis))
      .sort(Sort.ASC);
    return queryAll(query, fromEntity);
  }

  /** Deploys of one commit, oldest first, every page. */
  async bySha(sha: string): Promise<Deploy[]> {
    const query = kvs
      .entity<Record<string, unknown>>(ENTITY.deploy)
      .query()
      .index(INDEX.deploysBySha, { partition: [partitions.sha(sha)] })
      .sort(Sort.ASC);
    return queryAll(query, fromEntity);
  }

  /** One issue's deploys, newest first, from its links alone: one storage query per page. */
  async forIssue(issueKey: string, cursor?: string, limit = PAGE_LIMIT): Promise<IssueDeployPage> {
    let query = kvs
      .entity<Record<string, unknown>>(ENTITY.issueDeploy)
      .query()
      .index(INDEX.linksByIssue, { partition: [issueKey] })
      .sort(Sort.DESC)
      .limit(limit);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany().catch((error: unknown) => {
      // A cursor comes back from the browser: one the storage refuses is a bad request, not an outage.
      if (cursor && error instanceof ForgeKvsAPIError && error.responseDetails.status >= 400 && error.responseDetails.status < 429) {
        throw new InvalidRequest('cursor: is not a paging cursor this list handed out; reload the panel to start from the first page.');
      }
      throw error;
    });
    const deploys: DeploySummary[] = [];
    let totals: IssueTotals | undefined;
    for (const result of page.results) {
      totals ??= totalsIn(result.value);
      const link = storedLinkSchema.safeParse(result.value);
      if (!link.success || link.data.schemaVersion !== LINK_SCHEMA_VERSION) continue;
      const summary = withNulls(deploySummarySchema, link.data.summary);
      if (summary.success) deploys.push(summary.data);
    }
    return { deploys, cursor: page.nextCursor, ...(totals ? { totals } : {}) };
  }
}
