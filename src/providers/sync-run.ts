import type { Build } from '../domain/build';
import {
  BudgetExhausted,
  DeadlineExceeded,
  InvalidResponse,
  NotFound,
  PermissionError,
  RateLimited,
  ResponseTooLarge,
  ServiceUnavailable,
  TimeoutError,
  UnreachableError,
  type DomainError,
} from '../domain/errors';
import type { RequestBudget } from './http/types';
import type { BuildPage, ProviderCursor, SyncProblem } from './provider';

/** The server or this run has had enough for now: keep what was read, continue next run. */
function isStop(error: unknown): error is DomainError {
  return [BudgetExhausted, DeadlineExceeded, RateLimited, ServiceUnavailable, TimeoutError, UnreachableError].some(
    (type) => error instanceof type,
  );
}

/** Only this job or pipeline is affected: note it and carry on with the others. */
function isLocal(error: unknown): error is DomainError {
  return [NotFound, PermissionError, InvalidResponse, ResponseTooLarge].some((type) => error instanceof type);
}

export type StepResult<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'skipped'; readonly error: DomainError } | { readonly kind: 'stopped' };

/**
 * Bookkeeping of one incremental sync: builds found, jobs that failed alone, and whether the run
 * stopped early. Authentication and unknown errors are re-thrown: they need a person.
 */
export class SyncRun {
  readonly builds: Build[] = [];
  readonly problems: SyncProblem[] = [];
  stoppedBy: DomainError | null = null;
  private readonly usedAtStart: number;

  constructor(private readonly budget: RequestBudget) {
    this.usedAtStart = budget.used;
  }

  get stopped(): boolean {
    return this.stoppedBy !== null;
  }

  async step<T>(jobId: string, work: () => Promise<T>): Promise<StepResult<T>> {
    if (this.stoppedBy) return { kind: 'stopped' };
    try {
      return { kind: 'done', value: await work() };
    } catch (error) {
      if (isStop(error)) {
        this.stoppedBy = error;
        return { kind: 'stopped' };
      }
      if (isLocal(error)) {
        this.problems.push({ jobId, error });
        return { kind: 'skipped', error };
      }
      throw error;
    }
  }

  page(cursor: ProviderCursor): BuildPage {
    return {
      builds: this.builds,
      cursor,
      complete: this.stoppedBy === null,
      stoppedBy: this.stoppedBy,
      problems: this.problems,
      requests: this.budget.used - this.usedAtStart,
    };
  }
}
