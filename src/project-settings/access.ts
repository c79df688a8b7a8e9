import { ForbiddenError } from '../jira/errors';
import { requireProjectAdmin } from '../jira/permissions';
import type { CallerContext } from '../forge/caller';

/**
 * The project whose settings page made the call, once Jira confirms the caller administers it.
 * Both come from the Forge context: a payload can never point these resolvers at another project.
 */
export async function requireSettingsProject(caller: CallerContext): Promise<string> {
  if (caller.moduleType !== 'jira:projectSettingsPage' || !caller.projectKey) {
    throw new ForbiddenError('Project settings can only be changed from the project settings page.');
  }
  await requireProjectAdmin(caller.accountId, caller.projectKey);
  return caller.projectKey;
}
