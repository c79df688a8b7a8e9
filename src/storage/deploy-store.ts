import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Deploy } from '../domain/deploy';
import { withNulls, withoutNulls } from './build-record';
import { deploySchema, deploySummarySchema, summaryOf, type DeploySummary } from './deploy-record';
import { ENTITY, INDEX, keys, partitions } from './keys';
import { getEntities, PAGE_LIMIT, stableJson, TRANSACTION_LIMIT, writeEntities, type EntityWrite } from './kvs-helpers';

export const DEPLOY_SCHEMA_VERSION = 1;
const storedSchema = z.object({ schemaVersion: z.number(), record: z.unknown() });
const storedLinkSchema = z.object({ schemaVersion: z.number(), issueKey: z.string(), summary: z.unknown() });

function toEntity(deploy: Deploy): Record<string, unknown> {
  return {
    projectKey: deploy.projectKey,
    environmentKey: partitions.environment(deploy.projectKey, deploy.environment.id),
    sha: partitions.sha(deploy.sha),
    startedAt: Date.parse(deploy.startedAt),
    state: deploy.state,
    schemaVersion: DEPLOY_SCHEMA_VERSION,
    record: withoutNulls(deploy),
  };
}

function fromEntity(value: unknown): Deploy | undefined {
  const stored = storedSchema.safeParse(value);
  if (!stored.success || stored.data.schemaVersion !== DEPLOY_SCHEMA_VERSION) return undefined;
  const deploy = withNulls(deploySchema, stored.data.record);
  return deploy.success ? deploy.data : undefined;
}

function linkEntity(issueKey: string, deploy: Deploy): Record<string, unknown> {
  return {
    issueKey,
    startedAt: Date.parse(deploy.startedAt),
    deployKey: keys.deploy(deploy.id),
    schemaVersion: DEPLOY_SCHEMA_VERSION,
    summary: withoutNulls(summaryOf(deploy)),
  };
}

export interface DeploySaveResult {
  readonly written: boolean;
  readonly billedWrites: number;
}

export interface IssueDeployPage {
  readonly deploys: DeploySummary[];
  readonly cursor: string | undefined;
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
    const next = toEntity(deploy);
    if (previous && stableJson(toEntity(previous)) === stableJson(next)) return { written: false, billedWrites: 0 };
    const summaryChanged = !previous || stableJson(summaryOf(previous)) !== stableJson(summaryOf(deploy));
    const linkKeys = summaryChanged ? deploy.issueKeys : deploy.issueKeys.filter((k) => !previous.issueKeys.includes(k));
    // Links first, the deploy last: if the run dies in between, the deploy still looks unsaved
    // and the next run writes everything again, so no link is ever lost.
    const writes: EntityWrite[] = [
      ...linkKeys.map((issueKey) => ({
        entityName: ENTITY.issueDeploy,
        key: keys.issueDeploy(issueKey, deploy.id),
        value: linkEntity(issueKey, deploy),
      })),
      { entityName: ENTITY.deploy, key: keys.deploy(deploy.id), value: next },
    ];
    const billedWrites = await writeEntities(writes);
    const dropped = previous ? previous.issueKeys.filter((k) => !deploy.issueKeys.includes(k)) : [];
    for (let i = 0; i < dropped.length; i += TRANSACTION_LIMIT) {
      const transaction = kvs.transact();
      for (const issueKey of dropped.slice(i, i + TRANSACTION_LIMIT)) {
        transaction.delete(keys.issueDeploy(issueKey, deploy.id), { entityName: ENTITY.issueDeploy });
      }
      await transaction.execute();
    }
    return { written: true, billedWrites: billedWrites + Math.ceil(dropped.length / TRANSACTION_LIMIT) };
  }

  /** The latest deploy to an environment that started before `beforeMillis`. */
  async previousTo(projectKey: string, environmentId: string, beforeMillis: number): Promise<Deploy | undefined> {
    const page = await kvs
      .entity<Record<string, unknown>>(ENTITY.deploy)
      .query()
      .index(INDEX.deploysByEnvironment, { partition: [partitions.environment(projectKey, environmentId)] })
      .where(WhereConditions.lessThan(beforeMillis))
      .sort(Sort.DESC)
      .limit(1)
      .getMany();
    const first = page.results[0];
    return first ? fromEntity(first.value) : undefined;
  }

  /** Deploys of one commit, oldest first. */
  async bySha(sha: string): Promise<Deploy[]> {
    const page = await kvs
      .entity<Record<string, unknown>>(ENTITY.deploy)
      .query()
      .index(INDEX.deploysBySha, { partition: [partitions.sha(sha)] })
      .sort(Sort.ASC)
      .limit(PAGE_LIMIT)
      .getMany();
    return page.results.map((r) => fromEntity(r.value)).filter((d): d is Deploy => d !== undefined);
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
    const page = await query.getMany();
    const deploys: DeploySummary[] = [];
    for (const result of page.results) {
      const link = storedLinkSchema.safeParse(result.value);
      if (!link.success || link.data.schemaVersion !== DEPLOY_SCHEMA_VERSION) continue;
      const summary = withNulls(deploySummarySchema, link.data.summary);
      if (summary.success) deploys.push(summary.data);
    }
    return { deploys, cursor: page.nextCursor };
  }
}
