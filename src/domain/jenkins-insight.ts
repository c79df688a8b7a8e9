import type { Build, BuildState, JobRef, QueuedBuild, Stage, StopReason } from './build';
import { DomainError } from './errors';

/**
 * What the app can tell about a Jenkins server during an incident: jobs and their health, one
 * build's details, its log, the queue, and a Pipeline run's stages. Read-only views, built by
 * src/providers/jenkins/insight from the Jenkins JSON API.
 */

/** A build number, or one of Jenkins' permalinks. */
export type BuildSelector = number | 'last' | 'lastFailed' | 'lastSuccessful';

export const JOB_KINDS = [
  'pipeline',
  'freestyle',
  'maven',
  'matrix',
  'multibranch',
  'organization-folder',
  'folder',
  'other',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Jenkins' ball colour, read: `blue` success, `red` failed, `yellow` unstable; `_anime` while building. */
export const JOB_STATUSES = ['success', 'failed', 'unstable', 'aborted', 'disabled', 'not-built', 'unknown'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobColour {
  /** As Jenkins sent it, e.g. `red_anime`. */
  readonly raw: string;
  readonly status: JobStatus;
  readonly building: boolean;
}

/** The few facts about a build that lists carry. */
export interface BuildBrief {
  readonly number: number;
  readonly state: BuildState;
  /** Jenkins `result` unchanged (SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT), null while building. */
  readonly rawState: string | null;
  readonly startedAt: string | null;
  readonly durationMs: number | null;
  readonly url: string | null;
}

export interface JobSummary {
  readonly job: JobRef;
  readonly kind: JobKind;
  /** Jenkins `_class`; null on Jenkins 1.x. */
  readonly className: string | null;
  /** Folders, multibranch projects and organization folders hold jobs instead of builds. */
  readonly isContainer: boolean;
  /** Null for containers and for jobs Jenkins sent no colour for. */
  readonly colour: JobColour | null;
  readonly lastBuild: BuildBrief | null;
}

export interface JobListing {
  /** The folder listed (full name), or null for the root. */
  readonly folder: string | null;
  /** Containers and jobs, each container before its contents. */
  readonly jobs: readonly JobSummary[];
  /** True when the listing stopped early (too many items or folders); the rest exists but is not here. */
  readonly truncated: boolean;
}

export interface HealthReport {
  readonly score: number | null;
  readonly description: string;
}

export type Trend = 'improving' | 'stable' | 'degrading';

export interface JobDetails {
  readonly summary: JobSummary;
  readonly description: string | null;
  /** Jenkins' own health reports (build stability, tests...); `score` is the worst of them, as Jenkins' weather icon. */
  readonly health: { readonly score: number | null; readonly reports: readonly HealthReport[] };
  readonly lastBuild: BuildBrief | null;
  readonly lastSuccessfulBuild: BuildBrief | null;
  readonly lastFailedBuild: BuildBrief | null;
  /** Newest first. */
  readonly history: readonly BuildBrief[];
  /** Successful builds among the finished builds of `history` that passed or failed (0..1); null without any. */
  readonly successRate: number | null;
  /** Newer half of `history` against the older half; null when too few finished builds to tell. */
  readonly trend: Trend | null;
  /** Mean duration of the finished builds in `history`. */
  readonly averageDurationMs: number | null;
  /** The items of a folder, multibranch project or organization folder; empty for a job. */
  readonly children: readonly JobSummary[];
}

export interface BuildDetails {
  readonly build: Build;
  readonly displayName: string | null;
  readonly description: string | null;
  readonly building: boolean;
  /** Null when Jenkins sent no `_class` (1.x): then only the stages call can tell. */
  readonly isPipeline: boolean | null;
  readonly estimatedDurationMs: number | null;
  /** Why it was stopped (Jenkins' InterruptedBuildAction), kept apart from `build.causes`, which say what started it. */
  readonly stoppedBy: readonly StopReason[];
}

export interface LogSection {
  readonly kind: 'whole' | 'error-context' | 'tail';
  /** Lines of the part that was read but left out just before this section. */
  readonly skippedBefore: { readonly lines: number; readonly bytes: number };
  readonly lines: readonly string[];
}

export interface LogExcerpt {
  readonly jobId: string;
  readonly buildNumber: number;
  /** The log's size as Jenkins reported it (X-Text-Size). */
  readonly logBytes: number;
  /** Body bytes downloaded for this excerpt. */
  readonly bytesRead: number;
  /** Bytes at the start of the log that were never downloaded. */
  readonly notReadBytes: number;
  /** True when every line of the log is in `sections`. */
  readonly complete: boolean;
  /** Jenkins said more output is coming (X-More-Data): the build is still running. */
  readonly stillRunning: boolean;
  /** The first line that looks like an error (ERROR, FAILED, Exception, BUILD FAILURE, error:), if any was read. */
  readonly firstError: string | null;
  readonly sections: readonly LogSection[];
  /** The sections as one text, with a note wherever something was left out. */
  readonly text: string;
}

export const QUEUE_STATUSES = ['stuck', 'blocked', 'waiting-for-executor', 'quiet-period', 'waiting', 'left'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueItem extends QueuedBuild {
  readonly status: QueueStatus;
  /** How long it has waited, from `inQueueSince` to when the queue was read. */
  readonly waitingMs: number | null;
}

export interface QueueSnapshot {
  readonly checkedAt: string;
  /** Longest waiting first. */
  readonly items: readonly QueueItem[];
  readonly stuck: number;
  readonly blocked: number;
}

export interface PipelineRun {
  readonly jobId: string;
  readonly buildNumber: number;
  readonly name: string;
  readonly state: BuildState;
  /** Pipeline Stage View status unchanged (SUCCESS, FAILED, IN_PROGRESS, PAUSED_PENDING_INPUT...). */
  readonly rawState: string | null;
  readonly startedAt: string | null;
  readonly durationMs: number | null;
  readonly stages: readonly Stage[];
}

/** Why a run has no stages to show; every other capability still works for the build. */
export class StagesUnavailable extends DomainError {
  override readonly name = 'StagesUnavailable';
  constructor(
    readonly reason: 'not-a-pipeline' | 'no-stage-data',
    message: string,
    hint: string,
    cause?: unknown,
  ) {
    super(message, hint, cause);
  }
}

/** A job path or build given to a capability that cannot name a Jenkins job or build. */
export class InvalidJobReference extends DomainError {
  override readonly name = 'InvalidJobReference';
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}
