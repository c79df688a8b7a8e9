import path from 'node:path';
import Resolver from '@forge/resolver';
import { seedDemoSite, DEMO_USERS } from '../../../dev/demo/seed';
import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform } from '../../../dev/emulator/platform';
import { defineAppAccessResolvers } from '../../../src/resolvers/app-access';
import { defineConnectionResolvers } from '../../../src/resolvers/connections';
import { defineProjectSettingsResolvers } from '../../../src/resolvers/project-settings';
import { createTestPlatform } from '../../support/platform';

/**
 * Who the tests act as. The demo site's users (Ada: Jira admin and DEMO admin; Priya: DEMO admin
 * only; Uma: browses DEMO), and Otto, who administers OPS and nothing else.
 */
export const USERS = {
  ada: DEMO_USERS.admin.accountId,
  priya: DEMO_USERS.projectAdmin.accountId,
  uma: DEMO_USERS.user.accountId,
  otto: '712020:0770-0770-0770-000000000004',
} as const;
export type User = keyof typeof USERS;

export const ADMIN_MODULE = 'deploy-tracker-admin';
export const SETTINGS_MODULE = 'deploy-tracker-project-settings';

/**
 * An in-memory platform whose `ui-resolver` holds only the connection, project settings and app
 * access resolvers: the real resolvers, SDKs, permissions and storage, without the other screens' code.
 */
export function settingsPlatform(): Platform {
  const resolver = new Resolver();
  defineConnectionResolvers(resolver);
  defineProjectSettingsResolvers(resolver);
  defineAppAccessResolvers(resolver);
  const handler = resolver.getDefinitions() as AppHandler;
  const platform = createTestPlatform({
    appRoot: path.resolve(__dirname, '../../..'),
    loadHandler: (name) => {
      if (name !== 'index.uiResolver') throw new Error(`these tests load only index.uiResolver, not ${name}`);
      return handler;
    },
  });
  seedDemoSite(platform.site);
  platform.site.addUser({ accountId: USERS.otto, displayName: 'Otto Ops' });
  platform.site.grantRole(USERS.otto, 'OPS', 'administrator');
  return platform;
}

/** Where a call comes from: the admin page, or one project's settings page. */
export type Page = { readonly kind: 'admin' } | { readonly kind: 'project'; readonly projectKey: string };
export const ADMIN_PAGE: Page = { kind: 'admin' };
export const projectPage = (projectKey: string): Page => ({ kind: 'project', projectKey });

export interface Call {
  readonly as: User;
  readonly page: Page;
  readonly payload?: unknown;
}

/** Calls one resolver the way the page would, as that user; the page's project is Forge context. */
export function invoke(platform: Platform, functionKey: string, call: Call): Promise<unknown> {
  const base = { functionKey, payload: call.payload ?? {}, accountId: USERS[call.as] };
  if (call.page.kind === 'admin') return platform.app.invokeResolver({ ...base, moduleKey: ADMIN_MODULE });
  const project = platform.site.project(call.page.projectKey);
  if (!project) throw new Error(`the test site has no project ${call.page.projectKey}`);
  return platform.app.invokeResolver({ ...base, moduleKey: SETTINGS_MODULE, extension: { project: { key: project.key, id: project.id } } });
}
