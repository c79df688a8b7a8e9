import type { JobDetails, JobListing, JobSummary, QueueSnapshot } from '../domain/jenkins-insight';
import { NotFound } from '../domain/errors';
import { AgentRefusal } from './agent-connections';
import type { ActionScope } from './define-action';
import { jobIdFromText } from './inputs';

/**
 * Every answer of the agent cut to the jobs the asking user may read (agent-connections.ts says
 * which). A job they may not read is never asked of Jenkins, and is refused in the same words as a
 * job that does not exist, so the answer does not tell one from the other.
 */

export function notReadable(jobId: string, connectionName: string): AgentRefusal {
  return new AgentRefusal(
    `There is no job "${jobId.slice(0, 200)}" on Jenkins "${connectionName}" that you may read.`,
    'The agent reads only jobs of projects you may browse in Jira (their deploy sources or build selection). Ask for the list of jobs to see which you may read.',
  );
}

/** Containers stay when they are readable themselves or hold a readable job of the listing. */
async function readableSummaries(jobs: readonly JobSummary[], scope: ActionScope): Promise<JobSummary[]> {
  if (scope.jobs.readableByAll) return [...jobs];
  const leaves = new Set<string>();
  for (const job of jobs) if (!job.isContainer && (await scope.jobs.mayReadJob(job.job.id))) leaves.add(job.job.id);
  const kept: JobSummary[] = [];
  for (const job of jobs) {
    const holdsOne = job.isContainer && [...leaves].some((id) => id.startsWith(`${job.job.id}/`));
    if (leaves.has(job.job.id) || holdsOne || (job.isContainer && (await scope.jobs.mayReadJob(job.job.id)))) kept.push(job);
  }
  return kept;
}

/** The listing with only what the user may read; a folder that does not exist reads as an empty one. */
export async function readableListing(folder: string, scope: ActionScope): Promise<JobListing> {
  let listing: JobListing;
  try {
    listing = await scope.insight.listJobs(folder);
  } catch (error) {
    if (!(error instanceof NotFound) || scope.jobs.readableByAll) throw error;
    return { folder: folder || null, jobs: [], truncated: false };
  }
  return { ...listing, jobs: await readableSummaries(listing.jobs, scope) };
}

/** A folder's details name only the children the user may read. */
export async function readableDetails(details: JobDetails, scope: ActionScope): Promise<JobDetails> {
  return { ...details, children: await readableSummaries(details.children, scope) };
}

/** Queue items of readable jobs only; an item Jenkins names no job for is shown only when every job is readable. */
export async function readableQueue(queue: QueueSnapshot, scope: ActionScope): Promise<QueueSnapshot> {
  if (scope.jobs.readableByAll) return queue;
  const items = [];
  for (const item of queue.items) {
    const jobId = item.jobUrl ? jobIdFromText(item.jobUrl) : '';
    if (jobId && (await scope.jobs.mayReadJob(jobId))) items.push(item);
  }
  return {
    ...queue,
    items,
    stuck: items.filter((i) => i.status === 'stuck').length,
    blocked: items.filter((i) => i.status === 'blocked').length,
  };
}

/**
 * Runs `call` on the job if the user may read it. People name jobs by their short name
 * ("api-server") while Jenkins wants the full name ("services/api-server"): a short name that is
 * not readable or not found at the top level is looked up once among the readable jobs of the
 * listing; one match is used, several are listed back.
 */
export async function onReadableJob<T>(scope: ActionScope, jobId: string, call: (jobId: string) => Promise<T>): Promise<T> {
  let notFound: NotFound | undefined;
  if (await scope.jobs.mayReadJob(jobId)) {
    try {
      return await call(jobId);
    } catch (error) {
      if (!(error instanceof NotFound) || jobId.includes('/')) throw error;
      notFound = error;
    }
  } else if (jobId.includes('/')) {
    throw notReadable(jobId, scope.connectionName);
  }
  const wanted = jobId.toLowerCase();
  const listing = await readableListing('', scope);
  const matches = listing.jobs.filter((j) => j.job.id !== jobId && (j.job.displayName.toLowerCase() === wanted || j.job.id.toLowerCase() === wanted));
  const match = matches[0];
  if (!match) throw notFound ?? notReadable(jobId, scope.connectionName);
  if (matches.length > 1) {
    throw new AgentRefusal(`Several jobs are named ${jobId}: ${matches.map((m) => m.job.id).join(', ')}.`, 'Ask again with the full name of the one you mean.');
  }
  return call(match.job.id);
}
