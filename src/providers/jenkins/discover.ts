import { NotFound, PermissionError } from '../../domain/errors';
import type { JenkinsClient } from './client';
import { walkJobs, type JenkinsJob, type JobWalk } from './map-jobs';
import { TREE_LEVELS } from './tree';

/** Guards against pathological nesting: a folder this deep is not followed. */
const MAX_PATH_DEPTH = 25;

/**
 * Past this many jobs (as the last run counted them), the whole tree in one answer passes a
 * megabyte (about 235 bytes a job with 100-character names): seconds for Jenkins to render, and
 * beyond one request's timeout around 20,000 jobs. Such instances are read a level and a page at
 * a time. Below it, one answer keeps a run with nothing new at one request.
 */
export const STEPWISE_JOBS = 5_000;
/** Items of one folder per request when reading step by step: about 500 KB with long names. */
export const LEVEL_PAGE = 2_000;

export interface DiscoverOptions {
  /** A level and a page at a time (big or unknown instances) rather than TREE_LEVELS in one answer. */
  readonly stepwise?: boolean;
}

type Folder = JobWalk['deeper'][number];

/** A folder the user may not read, or one deleted since its parent was listed, holds no jobs for us. */
function absentAsNull(error: unknown): null {
  if (error instanceof NotFound || error instanceof PermissionError) return null;
  throw error;
}

/**
 * Every buildable job with its last build number. By default one request covers TREE_LEVELS
 * levels of folders, multibranch projects and organization folders; only folders nested deeper
 * cost one more request each. Stepwise, each request reads one page of one folder's items, and
 * each folder found is read in turn: the requests grow with the folders, no answer with the server.
 */
export async function discoverJobs(client: JenkinsClient, options: DiscoverOptions = {}): Promise<JenkinsJob[]> {
  const read = options.stepwise ? readLevel : readLevels;
  const first = await read(client, { path: [], className: null });
  if (!first) return [];
  const jobs = [...first.jobs];
  const pending = [...first.deeper];
  for (let folder = pending.shift(); folder; folder = pending.shift()) {
    if (folder.path.length > MAX_PATH_DEPTH) continue;
    const walk = await read(client, folder);
    if (!walk) continue;
    jobs.push(...walk.jobs);
    pending.push(...walk.deeper);
  }
  return jobs;
}

async function readLevels(client: JenkinsClient, folder: Folder): Promise<JobWalk | null> {
  const answer = folder.path.length ? await client.jobTree(folder.path, TREE_LEVELS).catch(absentAsNull) : await client.jobTree([], TREE_LEVELS);
  if (!answer) return null;
  const at = { baseUrl: client.baseUrl, level: 1, maxLevel: TREE_LEVELS, parentPath: folder.path, parentClassName: folder.className };
  return walkJobs(answer.data.jobs ?? [], at);
}

/** One folder's items, page by page until a page comes back short. */
async function readLevel(client: JenkinsClient, folder: Folder): Promise<JobWalk | null> {
  const at = { baseUrl: client.baseUrl, level: 1, maxLevel: 1, parentPath: folder.path, parentClassName: folder.className };
  const walk: JobWalk = { jobs: [], deeper: [] };
  for (let from = 0; ; from += LEVEL_PAGE) {
    const request = client.jobLevel(folder.path, from, from + LEVEL_PAGE);
    const answer = folder.path.length ? await request.catch(absentAsNull) : await request;
    if (!answer) return from === 0 ? null : walk;
    const items = answer.data.jobs ?? [];
    const page = walkJobs(items, at);
    walk.jobs.push(...page.jobs);
    walk.deeper.push(...page.deeper);
    if (items.length < LEVEL_PAGE) return walk;
  }
}
