import { NotFound, PermissionError } from '../../domain/errors';
import type { JenkinsClient } from './client';
import { walkJobs, type JenkinsJob } from './map-jobs';
import { TREE_LEVELS } from './tree';

/** Guards against pathological nesting: a folder this deep is not followed. */
const MAX_PATH_DEPTH = 25;

/**
 * Every buildable job with its last build number. One request covers TREE_LEVELS levels of
 * folders, multibranch projects and organization folders; only folders nested deeper than that
 * cost one more request each.
 */
export async function discoverJobs(client: JenkinsClient): Promise<JenkinsJob[]> {
  const at = { baseUrl: client.baseUrl, level: 1, maxLevel: TREE_LEVELS };
  const root = await client.jobTree([], TREE_LEVELS);
  const first = walkJobs(root.data.jobs ?? [], { ...at, parentPath: [], parentClassName: null });
  const jobs = [...first.jobs];
  const pending = [...first.deeper];
  for (let folder = pending.shift(); folder; folder = pending.shift()) {
    if (folder.path.length > MAX_PATH_DEPTH) continue;
    const answer = await client.jobTree(folder.path, TREE_LEVELS).catch((error: unknown) => {
      // A folder the user may not read, or one deleted since the parent was listed, holds no jobs for us.
      if (error instanceof NotFound || error instanceof PermissionError) return null;
      throw error;
    });
    if (!answer) continue;
    const walk = walkJobs(answer.data.jobs ?? [], { ...at, parentPath: folder.path, parentClassName: folder.className });
    jobs.push(...walk.jobs);
    pending.push(...walk.deeper);
  }
  return jobs;
}
