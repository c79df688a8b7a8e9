import { DomainError } from '../../domain/errors';

/** A sync or import round of this connection is writing at this moment. */
export class HistoryBusy extends DomainError {
  override readonly name = 'HistoryBusy';
  constructor() {
    super('This connection is saving builds right now.', 'Try again in a minute: the write takes seconds.');
  }
}
