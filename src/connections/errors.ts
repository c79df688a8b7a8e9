import { DomainError } from '../domain/errors';

export class ConnectionNotFound extends DomainError {
  override readonly name = 'ConnectionNotFound';
  constructor() {
    super(
      'This connection does not exist, or it belongs to another project.',
      'Reload the page: someone may have removed it in the meantime.',
    );
  }
}
