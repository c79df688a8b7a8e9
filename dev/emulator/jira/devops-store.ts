import { z } from 'zod';

/**
 * What the emulated Jira accepted through the devops APIs (deployments and builds), per site, as
 * Jira would show it: only the newest update of each entity (by `updateSequenceNumber`), the issues
 * it is stored against, and the request's `properties` for delete by property.
 */

export const DEPLOYMENT_STATES = ['unknown', 'pending', 'in_progress', 'cancelled', 'failed', 'rolled_back', 'successful'] as const;
export const BUILD_STATES = ['pending', 'in_progress', 'successful', 'failed', 'cancelled', 'unknown'] as const;

// What the emulator reads of a submission that already passed the documented schema.
export const deploymentData = z.looseObject({
  deploymentSequenceNumber: z.number().int(),
  updateSequenceNumber: z.number().int(),
  displayName: z.string(),
  url: z.string(),
  description: z.string(),
  lastUpdated: z.string(),
  label: z.string().optional(),
  state: z.enum(DEPLOYMENT_STATES),
  pipeline: z.looseObject({ id: z.string(), displayName: z.string(), url: z.string() }),
  environment: z.looseObject({ id: z.string(), displayName: z.string(), type: z.string() }),
});
export type DeploymentData = z.infer<typeof deploymentData>;

export const buildData = z.looseObject({
  pipelineId: z.string(),
  buildNumber: z.number().int(),
  updateSequenceNumber: z.number().int(),
  displayName: z.string(),
  url: z.string(),
  state: z.enum(BUILD_STATES),
  lastUpdated: z.string(),
  label: z.string().optional(),
  description: z.string().optional(),
});
export type BuildData = z.infer<typeof buildData>;

export interface Stored<T> {
  /** The entity as submitted (the request's properties are not part of it, as Jira never returns them). */
  readonly data: T;
  readonly properties: Readonly<Record<string, string>>;
  /** Keys of the site's issues it is stored against. */
  readonly issueKeys: readonly string[];
}

/** A failure the next devops calls answer with, for clients' retry tests (Jira's rate limits, maintenance). */
export interface DevopsFault {
  readonly status: 429 | 500 | 502 | 503 | 504;
  /** Sent as `Retry-After` when given. */
  readonly retryAfterSeconds?: number;
  /** How many calls answer with it (1 by default). */
  readonly times?: number;
  /** Only calls to this API (both by default). */
  readonly api?: DevopsApi;
}

export type DevopsApi = 'deployments' | 'builds';

export function deploymentId(pipelineId: string, environmentId: string, sequence: number): string {
  return JSON.stringify([pipelineId, environmentId, sequence]);
}

export function buildId(pipelineId: string, buildNumber: number): string {
  return JSON.stringify([pipelineId, buildNumber]);
}

export class DevopsStore {
  private readonly deploymentsById = new Map<string, Stored<DeploymentData>>();
  private readonly buildsById = new Map<string, Stored<BuildData>>();
  private readonly faults: { fault: DevopsFault; left: number }[] = [];

  /** The next calls to the devops APIs answer `fault.status` (with `Retry-After` when given) and change nothing. */
  failNext(fault: DevopsFault): this {
    this.faults.push({ fault, left: fault.times ?? 1 });
    return this;
  }

  /** Consumes and returns the fault this call answers with, if one is pending for its API. */
  takeFault(api: DevopsApi): DevopsFault | undefined {
    const pending = this.faults.find((f) => f.left > 0 && (f.fault.api === undefined || f.fault.api === api));
    if (!pending) return undefined;
    pending.left -= 1;
    if (pending.left === 0) this.faults.splice(this.faults.indexOf(pending), 1);
    return pending.fault;
  }

  deployment(id: string): Stored<DeploymentData> | undefined {
    return this.deploymentsById.get(id);
  }

  build(id: string): Stored<BuildData> | undefined {
    return this.buildsById.get(id);
  }

  /** Stores the deployment unless what is stored has an equal or higher `updateSequenceNumber`; says whether it did. */
  putDeployment(id: string, entity: Stored<DeploymentData>): boolean {
    return put(this.deploymentsById, id, entity);
  }

  putBuild(id: string, entity: Stored<BuildData>): boolean {
    return put(this.buildsById, id, entity);
  }

  deleteDeployment(id: string): void {
    this.deploymentsById.delete(id);
  }

  deleteBuild(id: string): void {
    this.buildsById.delete(id);
  }

  /** Deletes every deployment whose properties hold all of `match` (Jira's AND); returns how many. */
  deleteDeploymentsByProperties(match: Readonly<Record<string, string>>): number {
    return deleteMatching(this.deploymentsById, match);
  }

  deleteBuildsByProperties(match: Readonly<Record<string, string>>): number {
    return deleteMatching(this.buildsById, match);
  }

  deployments(): Stored<DeploymentData>[] {
    return [...this.deploymentsById.values()];
  }

  builds(): Stored<BuildData>[] {
    return [...this.buildsById.values()];
  }

  /** The deployments stored against the issue, newest `lastUpdated` first. */
  deploymentsOf(issueKey: string): DeploymentData[] {
    return newestFirst(this.deployments(), issueKey);
  }

  /** The builds stored against the issue, newest `lastUpdated` first. */
  buildsOf(issueKey: string): BuildData[] {
    return newestFirst(this.builds(), issueKey);
  }
}

function put<T extends { updateSequenceNumber: number }>(map: Map<string, Stored<T>>, id: string, entity: Stored<T>): boolean {
  const current = map.get(id);
  // Jira: an update whose updateSequenceNumber is not above the stored one is ignored, and still reported as accepted.
  if (current && current.data.updateSequenceNumber >= entity.data.updateSequenceNumber) return false;
  map.set(id, entity);
  return true;
}

function deleteMatching<T>(map: Map<string, Stored<T>>, match: Readonly<Record<string, string>>): number {
  let deleted = 0;
  for (const [id, entity] of map) {
    if (Object.entries(match).every(([k, v]) => entity.properties[k] === v)) {
      map.delete(id);
      deleted += 1;
    }
  }
  return deleted;
}

function newestFirst<T extends { lastUpdated: string }>(entities: Stored<T>[], issueKey: string): T[] {
  const key = issueKey.toUpperCase();
  return entities
    .filter((e) => e.issueKeys.includes(key))
    .map((e) => e.data)
    .sort((a, b) => Date.parse(b.lastUpdated) - Date.parse(a.lastUpdated));
}
