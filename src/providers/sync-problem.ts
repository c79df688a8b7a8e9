import type { DomainError } from '../domain/errors';

/** A job or pipeline that could not be read this run, while the others were. */
export interface SyncProblem {
  readonly jobId: string;
  readonly error: DomainError;
}
