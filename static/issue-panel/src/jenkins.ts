import * as z from 'zod/mini';
import { BUILD_STATES } from '../../../src/domain/build';
import type { BuildPayload, LogExcerpt, PipelineRun } from '../../../src/shared/contract/jenkins-insight';
import { callResolver } from './api';

/**
 * The Jenkins insight resolvers the drill-down calls (src/shared/contract/jenkins-insight.ts).
 * That contract is written with full zod; importing its values would put full zod in this
 * bundle, so the keys are repeated here and only its types are imported. Only the fields shown
 * are checked, so the panel keeps working while that contract grows.
 */
export const JENKINS_RESOLVERS = { stages: 'jenkins.stages', logTail: 'jenkins.logTail' } as const;
/** The stages call's failure for a freestyle build or a Jenkins without the Stage View plugin. */
export const STAGES_UNAVAILABLE = 'StagesUnavailable';

const stagesSchema = z.object({
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.enum(BUILD_STATES),
      rawState: z.nullable(z.string()),
      startedAt: z.nullable(z.string()),
      durationMs: z.nullable(z.number()),
      error: z.nullable(z.string()),
    }),
  ),
});

const logSchema = z.object({
  text: z.string(),
  logBytes: z.number(),
  complete: z.boolean(),
  stillRunning: z.boolean(),
  firstError: z.nullable(z.string()),
});

export type JenkinsStages = PipelineRun['stages'];
export type JenkinsLog = Pick<LogExcerpt, 'text' | 'logBytes' | 'complete' | 'stillRunning' | 'firstError'>;

export async function loadStages(build: BuildPayload): Promise<JenkinsStages> {
  const run = await callResolver(JENKINS_RESOLVERS.stages, { ...build }, stagesSchema);
  return run.stages;
}

export async function loadLogTail(build: BuildPayload): Promise<JenkinsLog> {
  return callResolver(JENKINS_RESOLVERS.logTail, { ...build }, logSchema);
}
