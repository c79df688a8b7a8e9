import type Resolver from '@forge/resolver';
import { readConfigsUsing } from '../connections/usage';
import { DomainError } from '../domain/errors';
import { forgeProviderDeps } from '../forge/provider-deps';
import { ForbiddenError } from '../jira/errors';
import { requireIssueAccess } from '../jira/permissions';
import { Visibility } from '../jira/visibility';
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
 * The issue panel's drill-down into a Jenkins build. The issue comes from the Forge context and the
 * viewer must be able to browse it; the job must belong to a project whose development information
 * the viewer may see (src/domain/access-rules.ts, src/jira/visibility.ts), so neither the payload's
 * connection nor its job can reach builds of another project. A job nobody may read, on a
 * connection that does not exist or one that does, gets the same refusal, before Jenkins is asked.
 */
export function defineJenkinsInsightResolvers(resolver: Resolver): void {
  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.buildDetails, buildPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForJob(caller, payload.connectionId, payload.jobId);
    return insight.buildDetails(payload.jobId, payload.buildNumber);
  });

  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.stages, buildPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForJob(caller, payload.connectionId, payload.jobId);
    return insight.pipelineRun(payload.jobId, payload.buildNumber);
  });

  defineResolver(resolver, JENKINS_INSIGHT_RESOLVERS.logTail, logTailPayloadSchema, async ({ payload, caller }) => {
    const insight = await insightForJob(caller, payload.connectionId, payload.jobId);
    return insight.buildLog(payload.jobId, payload.buildNumber, payload.tailLines ? { tailLines: payload.tailLines } : {});
  });
}

export const JOB_REFUSED =
  'You cannot open builds of this job: it belongs to no project whose development information (Browse Projects and View Development Tools) you have.';

async function insightForJob(caller: CallerContext, connectionId: string, jobId: string): Promise<JenkinsInsight> {
  const issueKey = caller.issueKey;
  if (!issueKey) throw new NotOnAnIssue();
  await requireIssueAccess(caller.accountId, issueKey);
  const connections = new ConnectionStore();
  const entry = await connections.get(connectionId);
  if (!entry) throw new ForbiddenError(JOB_REFUSED);
  const configs = await readConfigsUsing(entry, new ProjectConfigStore());
  const scoped = { id: entry.connection.id, scope: entry.scope };
  if (!(await new Visibility(caller.accountId).mayReadJob(configs, scoped, jobId))) throw new ForbiddenError(JOB_REFUSED);
  const stored = await connections.withSecret(connectionId);
  if (!stored || stored.connection.kind !== 'jenkins') throw new ConnectionGone();
  return new JenkinsInsight(stored.connection, stored.secret, forgeProviderDeps(RESOLVER_REQUEST_BUDGET));
}
