import { DomainError } from '../../domain/errors';

/** Jira's devops API stayed busy or down (429, 5xx) beyond what this run could wait for. */
export class JiraDevopsUnavailable extends DomainError {
  override readonly name = 'JiraDevopsUnavailable';
  readonly retryAfterMs: number | null;
  constructor(message: string, retryAfterMs: number | null) {
    super(message, "Nothing to fix: Jira's Development panel catches up with the next run that finds something new.");
    this.retryAfterMs = retryAfterMs;
  }
}

/** Jira refused the request as a whole (not one deployment or build in it). */
export class JiraDevopsRefused extends DomainError {
  override readonly name = 'JiraDevopsRefused';
  readonly status: number;
  constructor(status: number, message: string) {
    super(
      message,
      status === 401 || status === 403
        ? 'The app may not send deployments or builds to this site: reinstall or upgrade it so that Jira grants its deployment and build info scopes.'
        : 'The app sent something Jira does not accept. Report it to the app vendor with the message above.',
    );
    this.status = status;
  }
}
