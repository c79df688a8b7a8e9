/**
 * What the app knows about one CI build, whichever server it came from. Pure types and helpers:
 * providers map their wire JSON into these, and nothing past the provider layer sees wire JSON.
 */

export const PROVIDER_KINDS = ['jenkins', 'buildkite', 'circleci'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Jira's build states, so a Build can be sent on without a second mapping. */
export const BUILD_STATES = ['pending', 'in_progress', 'successful', 'failed', 'cancelled', 'unknown'] as const;
export type BuildState = (typeof BUILD_STATES)[number];

/** A Jenkins job, a Buildkite pipeline or a CircleCI project. */
export interface JobRef {
  /** Stable within a connection: Jenkins full name (`folder/job`), Buildkite pipeline slug, CircleCI project slug. */
  readonly id: string;
  readonly displayName: string;
  readonly url: string | null;
  /** Enclosing folders, outermost first (Jenkins folders, multibranch projects, organization folders). */
  readonly folderPath: readonly string[];
}

export interface Commit {
  /** Git SHA; for Subversion jobs on Jenkins, the revision number as text. */
  readonly sha: string;
  readonly message: string;
  readonly author: string | null;
  /** ISO 8601, or null when the provider does not say. */
  readonly timestamp: string | null;
}

export const CAUSE_KINDS = ['user', 'scm', 'schedule', 'upstream', 'api', 'webhook', 'retry', 'other'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

export interface TriggerCause {
  readonly kind: CauseKind;
  /** The provider's own words, e.g. "Started by an SCM change" or "webhook". */
  readonly description: string;
  readonly actor: string | null;
}

/**
 * Why a build was stopped before it ended on its own: a timeout, a person who aborted it, a newer
 * build that superseded it. Not a trigger: what started the build is its TriggerCause.
 */
export interface StopReason {
  /** The CI server's own words, e.g. "Timeout has been exceeded" or "Aborted by jane". */
  readonly description: string;
  readonly actor: string | null;
}

export type ParameterValue = string | number | boolean | null;

export interface BuildParameter {
  readonly name: string;
  readonly value: ParameterValue;
}

export interface Build {
  readonly provider: ProviderKind;
  readonly connectionId: string;
  readonly job: JobRef;
  /** Unique within the job: Jenkins and Buildkite build number, CircleCI pipeline number. */
  readonly number: number;
  readonly state: BuildState;
  /** What the server said, unchanged (Jenkins `result`, Buildkite `state`, CircleCI workflow statuses). */
  readonly rawState: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  /** The head commit that was built. */
  readonly sha: string | null;
  readonly branch: string | null;
  readonly tag: string | null;
  /** The commits the provider reports for this build (Jenkins change sets; the head commit elsewhere). */
  readonly commits: readonly Commit[];
  readonly causes: readonly TriggerCause[];
  readonly parameters: readonly BuildParameter[];
  readonly url: string | null;
  /** The repository's web address (src/domain/repository-url.ts), where the CI reports the remote it built. */
  readonly repositoryUrl?: string | null | undefined;
  /** Test counts, where the CI reports them with the build (Jenkins' test result action). */
  readonly tests?: TestCounts | null | undefined;
}

export interface TestCounts {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** One stage of a Jenkins Pipeline run (Pipeline Stage View REST API). */
export interface Stage {
  readonly id: string;
  readonly name: string;
  readonly state: BuildState;
  readonly rawState: string | null;
  readonly startedAt: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
}

/** A build waiting in a CI server's queue: it has no number yet. */
export interface QueuedBuild {
  readonly id: number;
  readonly jobName: string | null;
  readonly jobUrl: string | null;
  readonly why: string | null;
  readonly blocked: boolean;
  readonly stuck: boolean;
  readonly cancelled: boolean;
  readonly inQueueSince: string | null;
  /** Set once the item left the queue and became a build. */
  readonly buildNumber: number | null;
  readonly parameters: readonly BuildParameter[];
  readonly causes: readonly TriggerCause[];
}

/**
 * A build that may still change (queued, running, waiting for approval). An incremental sync keeps
 * looking at open builds until they settle; every other state is final for sync purposes.
 */
export function isOpen(state: BuildState): boolean {
  return state === 'pending' || state === 'in_progress';
}

/** Milliseconds since the epoch to ISO 8601; null for missing, zero or invalid inputs. */
export function isoFromMillis(millis: number | null | undefined): string | null {
  if (millis === null || millis === undefined || !Number.isFinite(millis) || millis <= 0) return null;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const LOOSE_DATE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 from the date formats CI servers send: RFC 3339, and git's `2017-07-14 10:55:20 +0100`
 * or `... GMT`. Empty strings and anything else give null rather than a guess.
 */
export function isoFromText(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = LOOSE_DATE.exec(text.trim());
  if (!match) return null;
  const [, day, time, zone] = match;
  let offset = 'Z';
  if (zone && !/^(Z|GMT|UTC)$/i.test(zone)) offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${day}T${time}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Duration between two ISO instants; null when either is missing or the end precedes the start. */
export function durationBetween(startedAt: string | null, finishedAt: string | null): number | null {
  if (!startedAt || !finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}
