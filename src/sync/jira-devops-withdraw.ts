import { PROPERTY, type JiraProperties } from '../domain/jira-devops-batch';
import { forgeRuntime } from '../forge/provider-deps';
import { JiraDevopsClient, type DevopsDeps } from '../jira/devops/client';

/**
 * Deletes from Jira what the app sent, by the properties every request carried (src/sync/jira-devops):
 * Jira deletes what matches all of them, so one property reaches everything of a connection, or of
 * a project, and nothing else.
 */
export async function withdrawFromJira(properties: JiraProperties, deps: DevopsDeps = forgeRuntime()): Promise<void> {
  const client = new JiraDevopsClient(deps);
  await client.deleteDeployments(properties);
  await client.deleteBuilds(properties);
}

/** A removed connection's deployments and builds, in every project that sent them. */
export function withdrawConnection(connectionId: string, deps?: DevopsDeps): Promise<void> {
  return withdrawFromJira({ [PROPERTY.connection]: connectionId }, deps);
}

/** A project that stopped using Jira as its issue integration: everything it sent, from any connection. */
export function withdrawProject(projectKey: string, deps?: DevopsDeps): Promise<void> {
  return withdrawFromJira({ [PROPERTY.project]: projectKey }, deps);
}
