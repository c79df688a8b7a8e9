import { DomainError } from '../domain/errors';

export class NotOnIssue extends DomainError {
  override readonly name = 'NotOnIssue';
  constructor() {
    super('The deployments panel only works on an issue.', 'Open the issue in Jira and look for the Deployments panel there.');
  }
}

export class DeployNotFound extends DomainError {
  override readonly name = 'DeployNotFound';
  constructor(issueKey: string) {
    super(
      `This deploy no longer mentions ${issueKey}, or it was removed.`,
      'Reload the panel to see the deploys that mention this issue now.',
    );
  }
}
