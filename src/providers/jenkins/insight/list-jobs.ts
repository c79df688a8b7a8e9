import type { JobListing, JobSummary } from '../../../domain/jenkins-insight';
import { InvalidJobReference } from '../../../domain/jenkins-insight';
import { NotFound, PermissionError } from '../../../domain/errors';
import type { JenkinsClient } from '../client';
import { itemName } from '../map-jobs';
import { TREE_LEVELS } from '../tree';
import type { WireJob } from '../wire';
import { summaryAt } from './map-summary';

export interface ListingLimits {
  /** Items listed before the listing stops (and says it is truncated). */
  readonly maxItems: number;
  /** Requests for folders nested deeper than one request reaches, or that did not list their items. */
  readonly maxFolderRequests: number;
}

export const DEFAULT_LISTING_LIMITS: ListingLimits = { maxItems: 1000, maxFolderRequests: 20 };

/** Guards against pathological nesting. */
const MAX_PATH_DEPTH = 25;

/**
 * Every item below a folder (the root when `folder` is empty), containers before their contents.
 * One request covers TREE_LEVELS levels of folders, multibranch projects and organization
 * folders; a container nested deeper, or one whose answer did not list its items, costs one more.
 */
export async function listJobs(client: JenkinsClient, folder: readonly string[], limits = DEFAULT_LISTING_LIMITS): Promise<JobListing> {
  const walk = new Walk(client, limits);
  const top = await client.listing(folder, TREE_LEVELS);
  if (folder.length && !Array.isArray(top.data.jobs)) {
    throw new InvalidJobReference(
      `${folder.join('/')} is a job, not a folder: it holds builds, not jobs.`,
      'Ask for the details of this job instead, or name the folder that contains it.',
    );
  }
  await walk.items(top.data.jobs ?? [], folder, 1);
  return { folder: folder.length ? folder.join('/') : null, jobs: walk.jobs, truncated: walk.truncated };
}

class Walk {
  readonly jobs: JobSummary[] = [];
  truncated = false;
  private folderRequests = 0;

  constructor(
    private readonly client: JenkinsClient,
    private readonly limits: ListingLimits,
  ) {}

  async items(items: readonly WireJob[], parent: readonly string[], level: number): Promise<void> {
    for (const item of items) {
      const name = itemName(item);
      if (!name) continue;
      if (this.jobs.length >= this.limits.maxItems) {
        this.truncated = true;
        return;
      }
      const path = [...parent, name];
      const summary = summaryAt(this.client.baseUrl, path, item);
      this.jobs.push(summary);
      if (!summary.isContainer) continue;
      const children = item.jobs;
      if (Array.isArray(children) && level < TREE_LEVELS) await this.items(children, path, level + 1);
      else if (!Array.isArray(children) || children.length > 0) await this.followUp(path);
    }
  }

  /** A container whose items the answer did not describe: ask it directly. */
  private async followUp(path: readonly string[]): Promise<void> {
    if (path.length > MAX_PATH_DEPTH) return;
    if (this.folderRequests >= this.limits.maxFolderRequests) {
      this.truncated = true;
      return;
    }
    this.folderRequests += 1;
    const answer = await this.client.listing(path, TREE_LEVELS).catch((error: unknown) => {
      // A folder the user may not read, or one deleted since its parent was listed, shows as empty.
      if (error instanceof NotFound || error instanceof PermissionError) return null;
      throw error;
    });
    if (answer) await this.items(answer.data.jobs ?? [], path, 1);
  }
}
