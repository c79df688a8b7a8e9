import type Resolver from '@forge/resolver';
import { pageOf, requirePageAdmin } from '../connections/access';
import { projectVisibility, UNSEEN_PROJECT_HINT } from '../jira/app-visibility';
import { isJiraAdmin } from '../jira/permissions';
import { APP_ACCESS_RESOLVERS as KEYS, type AppAccess } from '../shared/contract/app-access';
import { emptyPayloadSchema } from '../shared/contract/resolver';
import { ConnectionStore } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import { defineResolver } from './define';

/** Projects with Deploy Tracker settings or a connection of their own: those the app must see. */
async function configuredProjects(): Promise<string[]> {
  const [configs, connections] = await Promise.all([new ProjectConfigStore().list(), new ConnectionStore().list()]);
  const keys = [...configs.map((c) => c.projectKey), ...connections.flatMap((e) => (e.scope.kind === 'project' ? [e.scope.projectKey] : []))];
  return [...new Set(keys)].sort();
}

/**
 * The app's access as the page's admin needs to know it. The settings page asks about its own
 * project, the admin page about every configured one; both only after Jira confirms the caller
 * administers the page.
 */
export function defineAppAccessResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.get, emptyPayloadSchema, async ({ caller }): Promise<AppAccess> => {
    const page = pageOf(caller);
    await requirePageAdmin(caller, page);
    const [siteAdmin, visibility] = await Promise.all([
      page.kind === 'site' ? Promise.resolve(true) : isJiraAdmin(),
      projectVisibility(page.kind === 'project' ? [page.projectKey] : await configuredProjects()),
    ]);
    return { siteAdmin, projectsReady: visibility.ready, unseenProjects: visibility.unseen, hint: UNSEEN_PROJECT_HINT };
  });
}
