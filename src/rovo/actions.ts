import { buildLabel } from '../providers/jenkins/insight';
import { buildAnswer, logAnswer, queueAnswer, stagesAnswer } from './answers/builds';
import { jobDetailsAnswer, listingAnswer } from './answers/jobs';
import { defineAction } from './define-action';
import { buildInput, jobInput, listJobsInput, queueInput } from './inputs';
import { onReadableJob, readableDetails, readableListing, readableQueue } from './job-gate';

/**
 * The Rovo agent's actions (manifest.yml `action` modules), one per Jenkins capability. All
 * read-only: they GET from Jenkins and never change it, and each answer holds only jobs the
 * asking user may read (job-gate.ts).
 */

export const jenkinsListJobsAction = defineAction(listJobsInput, async (input, scope) =>
  listingAnswer(await readableListing(input.folder, scope), scope.connectionName),
);

export const jenkinsJobHealthAction = defineAction(jobInput, async (input, scope) =>
  jobDetailsAnswer(await onReadableJob(scope, input.job, async (job) => readableDetails(await scope.insight.jobDetails(job), scope)), scope.connectionName),
);

export const jenkinsBuildDetailsAction = defineAction(buildInput, async (input, scope) =>
  buildAnswer(await onReadableJob(scope, input.job, (job) => scope.insight.buildDetails(job, input.build)), scope.connectionName),
);

export const jenkinsBuildLogAction = defineAction(buildInput, async (input, scope) => {
  const excerpt = await onReadableJob(scope, input.job, (job) => scope.insight.buildLog(job, input.build));
  return logAnswer(excerpt, buildLabel(excerpt.jobId, input.build), scope.connectionName);
});

export const jenkinsQueueAction = defineAction(queueInput, async (_input, scope) =>
  queueAnswer(await readableQueue(await scope.insight.queue(), scope), scope.connectionName),
);

export const jenkinsPipelineStagesAction = defineAction(buildInput, async (input, scope) =>
  stagesAnswer(await onReadableJob(scope, input.job, (job) => scope.insight.pipelineRun(job, input.build)), scope.connectionName),
);
