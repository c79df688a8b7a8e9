import type Resolver from '@forge/resolver';
import { APP_INFO_RESOLVERS, type AppInfo } from '../shared/contract/app-info';
import { emptyPayloadSchema } from '../shared/contract/resolver';
import { defineResolver } from './define';

/**
 * What the module is looking at, taken from the Forge context (never from the payload). Every
 * page shows it while its data views load; it reads nothing, so it asks no permission of Jira.
 */
export function defineAppInfoResolvers(resolver: Resolver): void {
  defineResolver(resolver, APP_INFO_RESOLVERS.get, emptyPayloadSchema, async ({ caller }): Promise<AppInfo> => {
    return { module: caller.moduleType, issueKey: caller.issueKey ?? null, projectKey: caller.projectKey ?? null };
  });
}
