import { z } from 'zod';
import type { Build, JobRef, ProviderKind } from '../domain/build';
import type { DomainError } from '../domain/errors';
import { buildkiteCursorSchema } from './buildkite/cursor';
import { circleCiCursorSchema } from './circleci/cursor';
import type { HistoryPage, HistoryPosition, HistoryRequest } from './history';
import type { SyncProblem } from './sync-problem';
import { jenkinsCursorSchema } from './jenkins/cursor';

export interface ConnectionTestResult {
  readonly provider: ProviderKind;
  readonly serverVersion: string | null;
  /** Who the credentials belong to, as the server names them. */
  readonly user: string | null;
  /** Things that work but deserve attention: missing optional scopes, no visible jobs, anonymous access. */
  readonly warnings: readonly string[];
  /** The token's scopes, where the CI reports them (Buildkite); absent where it does not. */
  readonly scopes?: readonly string[];
  /** What the CI reports about the token (Buildkite), never the token: ISO times, null when not reported. */
  readonly token?: TokenFacts;
}

export interface TokenFacts {
  readonly scopes: readonly string[];
  readonly createdAt: string | null;
  /** `never` only when the CI says so; `not-reported` when its answer names no expiry. */
  readonly expiry: { readonly kind: 'at'; readonly at: string } | { readonly kind: 'never' } | { readonly kind: 'not-reported' };
}

export type { SyncProblem } from './sync-problem';

export interface BuildPage {
  /** New builds, and builds that were open at the last sync and have changed since. */
  readonly builds: readonly Build[];
  /** Store it and pass it to the next call. */
  readonly cursor: ProviderCursor;
  /** False when the run stopped early (request budget, deadline, rate limit); the cursor covers what was read. */
  readonly complete: boolean;
  readonly stoppedBy: DomainError | null;
  readonly problems: readonly SyncProblem[];
  /** Requests this call made, retries included. */
  readonly requests: number;
}

/**
 * One CI connection. Every method throws the typed errors of src/domain/errors.ts, whose hints
 * are meant to be shown to the person as they are.
 */
export interface Provider {
  readonly kind: ProviderKind;
  readonly connectionId: string;
  /** Checks URL, credentials and permissions with as few requests as possible. */
  testConnection(): Promise<ConnectionTestResult>;
  /** Jenkins jobs (through folders), Buildkite pipelines, CircleCI projects. */
  listJobs(): Promise<JobRef[]>;
  /** Builds changed since `cursor` (undefined: first sync, recent builds only). */
  listBuildsSince(cursor: ProviderCursor | undefined): Promise<BuildPage>;
  /** History, newest first, from `position` (undefined: a new import, from now) back to `request.until`; see history.ts. */
  listBuildsBefore(position: HistoryPosition | undefined, request: HistoryRequest): Promise<HistoryPage>;
  /** One build by job id (`JobRef.id`) and number (Jenkins and Buildkite build number, CircleCI pipeline number). */
  getBuild(jobId: string, number: number): Promise<Build>;
}

export const providerCursorSchema = z.discriminatedUnion('provider', [
  jenkinsCursorSchema,
  buildkiteCursorSchema,
  circleCiCursorSchema,
]);
export type ProviderCursor = z.infer<typeof providerCursorSchema>;

/** A cursor read back from storage; null when it is missing, from an older format, or damaged (the next sync starts afresh). */
export function parseCursor(stored: unknown): ProviderCursor | null {
  const parsed = providerCursorSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
