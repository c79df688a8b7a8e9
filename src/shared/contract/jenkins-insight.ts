import { z } from 'zod';

/**
 * The issue panel's drill-down into one Jenkins build of a deploy snapshot, shared by the backend
 * (src/resolvers/jenkins-insight.ts) and the panel. The issue is never in the payload: the
 * backend takes it from the Forge context, checks the viewer may browse it, and accepts only a
 * connection that the project uses. Each resolver answers `{ok: true, data}` or
 * `{ok: false, error: {name, message, hint}}` (src/resolvers/define.ts); show `message` and `hint`
 * as they are.
 */
export const JENKINS_INSIGHT_RESOLVERS = {
  /** BuildDetails: result, duration, commits, parameters, cause, SHA and branch. */
  buildDetails: 'jenkins.buildDetails',
  /** PipelineRun: the stages; fails with `StagesUnavailable` for a freestyle build or without the Stage View plugin. */
  stages: 'jenkins.stages',
  /** LogExcerpt: the log's tail and the lines around its first error, at most 64 KiB downloaded. */
  logTail: 'jenkins.logTail',
} as const;

/** Error names the drill-down may want to tell apart; any other failure is shown the same way. */
export const JENKINS_INSIGHT_FAILURES = {
  /** Not a Pipeline run, or no Stage View plugin: show it in the stages section only. */
  stagesUnavailable: 'StagesUnavailable',
  /** The viewer may not browse the issue, or the project does not use the connection. */
  forbidden: 'Forbidden',
} as const;

/** A build as a snapshot names it: `SnapshotBuild.connectionId`, `.job.id` and `.number`. */
export const buildPayloadSchema = z.strictObject({
  connectionId: z.string().min(1).max(64),
  jobId: z.string().min(1).max(1000),
  buildNumber: z.number().int().positive().max(1_000_000_000),
});
export type BuildPayload = z.infer<typeof buildPayloadSchema>;

export const logTailPayloadSchema = buildPayloadSchema.extend({
  /** Lines from the end of the log; 100 when absent. */
  tailLines: z.number().int().min(10).max(1000).optional(),
});
export type LogTailPayload = z.infer<typeof logTailPayloadSchema>;

export type { BuildDetails, LogExcerpt, LogSection, PipelineRun } from '../../domain/jenkins-insight';
export type { Build, Commit, Stage } from '../../domain/build';
