import type { Commit } from '../shared/commits';
import type { Author } from '../shared/messages';
import type { Reply, StandInRequest } from '../shared/reply';
import { CAUSE, pushBuild, type JenkinsModel, type Result } from './model';

/**
 * The stand-in's hook for tests that need a Jenkins in an exact state rather than the world's
 * generated history: builds stated outright (their commits, times, result), renames and deletions
 * between syncs, per-request overrides (answers a fault kind cannot express, or none at all), and
 * a log of what was asked. Everything still renders through the stand-in's own `tree=` export.
 */

export interface ScriptedCommit {
  readonly sha: string;
  readonly message: string;
}

export interface ScriptedBuild {
  /** What changed since the job's previous build, oldest first; the last is the commit it built. */
  readonly commits: readonly ScriptedCommit[];
  /** Start time; by default 2026-11-01 10:00 UTC plus ten minutes per earlier build of the job. */
  readonly timestamp?: number;
  readonly duration?: number;
  /** `null`: still running, whatever the clock says. */
  readonly result?: Result | null;
  readonly branch?: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

/** Replaces the answer to a request (`hang`: never answers); `undefined` lets it through. */
export type Override = (request: StandInRequest) => Reply | 'hang' | undefined;

const FIRST_BUILD = Date.parse('2026-11-01T10:00:00Z');
const SPACING_MS = 10 * 60_000;
const LOG_LIMIT = 10_000;
const AUTHOR: Author = { name: 'Dev', login: 'dev', email: 'dev@example.com' };

export class JenkinsScript {
  /** Tried in order on every request below the context path, before authentication. */
  overrides: Override[] = [];
  /** Requests below the context path, oldest first (the last 10,000); paths as sent, still percent-encoded. */
  readonly requests: StandInRequest[] = [];

  constructor(private readonly model: JenkinsModel) {}

  /** Adds the next build of a job, making the job (a pipeline) and its folders when missing; returns its number. */
  addBuild(fullName: string, build: ScriptedBuild): number {
    const job = this.model.ensureJob(fullName);
    const start = build.timestamp ?? FIRST_BUILD + (job.builds.length - job.deletedCount) * SPACING_MS;
    const result = build.result === undefined ? 'SUCCESS' : build.result;
    const number = pushBuild(job, { start, duration: build.duration ?? 120_000, result: result ?? 'SUCCESS', commit: 0, cause: CAUSE.scm }) + 1;
    const branch = build.branch ?? 'main';
    job.scripted.set(number, {
      changes: build.commits.map((commit) => commitOf(commit, branch, start)),
      branch,
      parameters: build.parameters ?? {},
      running: result === null,
    });
    return number;
  }

  /** Renames a job or folder (`shop/deploy-production` to `deploy-prod`): its URL and full name change. */
  rename(fullName: string, newName: string): void {
    this.model.rename(fullName, newName);
  }

  /** Deletes a build; Jenkins never reuses its number. */
  deleteBuild(fullName: string, number: number): void {
    this.model.deleteBuild(fullName, number);
  }

  /** Records the request and answers it when an override does. */
  intercept(request: StandInRequest): Reply | 'hang' | undefined {
    this.requests.push(request);
    if (this.requests.length > LOG_LIMIT + 1000) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    for (const override of this.overrides) {
      const reply = override(request);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }
}

function commitOf({ sha, message }: ScriptedCommit, branch: string, buildStart: number): Commit {
  const [subject = '', ...body] = message.split('\n');
  return { index: -1, sha, branch, subject, body: body.join('\n').trim(), message, author: AUTHOR, time: buildStart - 60_000 };
}
