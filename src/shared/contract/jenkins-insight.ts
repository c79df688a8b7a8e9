import * as z from 'zod/mini';
import { BUILD_STATES } from '../../domain/build';
import { issuedId } from './ids';
import type { LogExcerpt, PipelineRun } from '../../domain/jenkins-insight';

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
  connectionId: issuedId(64),
  jobId: z.string().check(z.minLength(1), z.maxLength(1000)),
  buildNumber: z.int().check(z.positive(), z.maximum(1_000_000_000)),
});
export type BuildPayload = z.infer<typeof buildPayloadSchema>;

export const logTailPayloadSchema = z.extend(buildPayloadSchema, {
  /** Lines from the end of the log; 100 when absent. */
  tailLines: z.optional(z.int().check(z.minimum(10), z.maximum(1000))),
});
export type LogTailPayload = z.infer<typeof logTailPayloadSchema>;

/**
 * The parts of a PipelineRun the panel shows: its stages. Objects are not strict, so the panel
 * keeps working while the domain types grow; the checks below keep the schemas true to them.
 */
export const stagesAnswerSchema = z.object({
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
export type StagesAnswer = z.infer<typeof stagesAnswerSchema>;

/** The parts of a LogExcerpt the panel shows. */
export const logTailAnswerSchema = z.object({
  text: z.string(),
  logBytes: z.number(),
  complete: z.boolean(),
  stillRunning: z.boolean(),
  firstError: z.nullable(z.string()),
});
export type LogTailAnswer = z.infer<typeof logTailAnswerSchema>;

// The backend answers the domain types: these stop compiling if the schemas drift from them.
const stageFits: PipelineRun['stages'][number] extends StagesAnswer['stages'][number] ? true : never = true;
const logFits: LogExcerpt extends LogTailAnswer ? true : never = true;
void stageFits;
void logFits;

export type { BuildDetails, LogExcerpt, LogSection, PipelineRun } from '../../domain/jenkins-insight';
export type { Build, Commit, Stage } from '../../domain/build';
