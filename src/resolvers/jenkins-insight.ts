import type Resolver from '@forge/resolver';
import { connectionsUsedBy } from '../domain/project-config';
import { DomainError } from '../domain/errors';
import { forgeProviderDeps } from '../forge/provider-deps';
import { ForbiddenError } from '../jira/errors';
import { requireIssueAccess } from '../jira/permissions';
import { JenkinsInsight } from '../providers/jenkins/insight';
import { JENKINS_INSIGHT_RESOLVERS, buildPayloadSchema, logTailPayloadSchema } from '../shared/contract/jenkins-insight';
import { ConnectionStore } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import type { CallerContext } from '../forge/caller';
import { defineResolver } from './define';

/** One drill-down makes 1 to 3 requests to Jenkins. */
const RESOLVER_REQUEST_BUDGET = 10;

export class NotOnAnIssue extends DomainError {
  override readonly name = 'NotOnAnIssue';
  constructor() {
    super('Build details open from an issue, and this view is not on one.', 'Open the issue in Jira and use its Deployments panel.');
  }
}

export class ConnectionGone extends DomainError {
  override readonly name = 'ConnectionGone';
  constructor() {
    super('The Jenkins connection of this build no longer exists, or has no saved credentials.', 'A Jira admin can add the connection again on the Deploy Tracker admin page.');
  }
}

/**
 * The issue panel's drill-down into a Jenkins build. The issue comes from the Forge context; the
 * viewer must be able to browse it, and the build's connection must be one the issue's project
 * uses (its configuration names it), so the payload can never point the app at another server.
 */
export function defineJenkinsInsightResolvers(resolver: Resolver): void {
  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.buildDetails, buildPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForIssue(caller, payload.connectionId);
    return insight.buildDetails(payload.jobId, payload.buildNumber);
  });

  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.stages, buildPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForIssue(caller, payload.connectionId);
    return insight.pipelineRun(payload.jobId, payload.buildNumber);
  });

  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.logTail, logTailPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForIssue(caller, payload.connectionId);
    return insight.buildLog(payload.jobId, payload.buildNumber, payload.tailLines ? { tailLines: payload.tailLines } : {});
  });
}

async function insightForIssue(caller: CallerContext, connectionId: string): Promise<JenkinsInsight> {
  const issueKey = caller.issueKey;
  if (!issueKey) throw new NotOnAnIssue();
  await requireIssueAccess(caller.accountId, issueKey);
  const projectKey = caller.projectKey ?? issueKey.slice(0, issueKey.lastIndexOf('-'));
  const notUsed = new ForbiddenError(`Project ${projectKey} does not use this Jenkins connection, so its builds cannot be opened from ${issueKey}.`);
  const config = await new ProjectConfigStore().get(projectKey);
  if (!config || !connectionsUsedBy(config).includes(connectionId)) throw notUsed;
  const stored = await new ConnectionStore().withSecret(connectionId);
  if (!stored || stored.connection.kind !== 'jenkins') throw new ConnectionGone();
  if (stored.entry.scope.kind === 'project' && stored.entry.scope.projectKey !== projectKey) throw notUsed;
  return new JenkinsInsight(stored.connection, stored.secret, forgeProviderDeps(RESOLVER_REQUEST_BUDGET));
}
