import { NotFound } from '../domain/errors';
import { buildLabel, type JenkinsInsight } from '../providers/jenkins/insight';
import { AgentRefusal } from './agent-connections';
import { buildAnswer, logAnswer, queueAnswer, stagesAnswer } from './answers/builds';
import { jobDetailsAnswer, listingAnswer } from './answers/jobs';
import { defineAction } from './define-action';
import { buildInput, jobInput, listJobsInput, queueInput } from './inputs';

/**
 * The Rovo agent's actions (manifest.yml `action` modules), one per Jenkins capability. All
 * read-only: they GET from Jenkins and never change it.
 */

export const jenkinsListJobsAction = defineAction(listJobsInput, async (input, { insight, connectionName }) =>
  listingAnswer(await insight.listJobs(input.folder), connectionName),
);

export const jenkinsJobHealthAction = defineAction(jobInput, async (input, { insight, connectionName }) =>
  jobDetailsAnswer(await withJobLookup(insight, input.job, (job) => insight.jobDetails(job)), connectionName),
);

export const jenkinsBuildDetailsAction = defineAction(buildInput, async (input, { insight, connectionName }) =>
  buildAnswer(await withJobLookup(insight, input.job, (job) => insight.buildDetails(job, input.build)), connectionName),
);

export const jenkinsBuildLogAction = defineAction(buildInput, async (input, { insight, connectionName }) => {
  const excerpt = await withJobLookup(insight, input.job, (job) => insight.buildLog(job, input.build));
  return logAnswer(excerpt, buildLabel(excerpt.jobId, input.build), connectionName);
});

export const jenkinsQueueAction = defineAction(queueInput, async (_input, { insight, connectionName }) =>
  queueAnswer(await insight.queue(), connectionName),
);

export const jenkinsPipelineStagesAction = defineAction(buildInput, async (input, { insight, connectionName }) =>
  stagesAnswer(await withJobLookup(insight, input.job, (job) => insight.pipelineRun(job, input.build)), connectionName),
);

/**
 * People name jobs by their short name ("api-server") while Jenkins wants the full name
 * ("services/api-server"). When a short name is not found at the top level, the job list is
 * searched once for items of that name; one match is used, several are listed back.
 */
async function withJobLookup<T>(insight: JenkinsInsight, jobId: string, call: (jobId: string) => Promise<T>): Promise<T> {
  try {
    return await call(jobId);
  } catch (error) {
    if (!(error instanceof NotFound) || jobId.includes('/')) throw error;
    const wanted = jobId.toLowerCase();
    const matches = (await insight.listJobs()).jobs.filter((j) => j.job.displayName.toLowerCase() === wanted || j.job.id.toLowerCase() === wanted);
    const match = matches[0];
    if (!match || matches.some((m) => m.job.id === jobId)) throw error;
    if (matches.length > 1) {
      throw new AgentRefusal(`Several jobs are named ${jobId}: ${matches.map((m) => m.job.id).join(', ')}.`, 'Ask again with the full name of the one you mean.');
    }
    return call(match.job.id);
  }
}
