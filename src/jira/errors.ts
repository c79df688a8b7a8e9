import { DomainError } from '../domain/errors';

export class ForbiddenError extends DomainError {
  override readonly name = 'Forbidden';
  constructor(message: string) {
    super(message, 'Ask a Jira or project administrator if you need access.');
  }
}

export class JiraUnavailable extends DomainError {
  override readonly name = 'JiraUnavailable';
  constructor(message: string) {
    super(message, 'Jira did not answer as expected. Try again in a minute; if it persists, check status.atlassian.com.');
  }
}
