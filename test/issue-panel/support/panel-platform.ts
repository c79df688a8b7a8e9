import path from 'node:path';
import Resolver from '@forge/resolver';
import type { AppHandler } from '../../../dev/emulator/functions';
import * as z from 'zod/mini';
import type { Platform } from '../../../dev/emulator/platform';
import { resultSchema } from '../../../src/shared/contract/resolver';
import { defineIssuePanelResolvers } from '../../../src/resolvers/issue-panel';
import { createTestPlatform } from '../../support/platform';

/** Accounts of the panel tests: what each may do in Jira decides what the panel shows them. */
export const USERS = {
  admin: 'acc-admin',
  viewer: 'acc-viewer',
  outsider: 'acc-outsider',
} as const;

export const PANEL_MODULE = 'deploy-tracker-issue-panel';

/**
 * An in-memory platform whose `ui-resolver` function holds only the issue panel's resolvers, so
 * these tests run the real resolver, SDKs and storage without loading every screen's code.
 * DEMO has issues DEMO-1..5; the viewer may browse it, the outsider nothing.
 */
export function panelPlatform(): Platform {
  const resolver = new Resolver();
  defineIssuePanelResolvers(resolver);
  const handler = resolver.getDefinitions() as AppHandler;
  const platform = createTestPlatform({
    appRoot: path.resolve(__dirname, '../../..'),
    loadHandler: (name) => {
      if (name !== 'index.uiResolver') throw new Error(`the panel tests load only index.uiResolver, not ${name}`);
      return handler;
    },
  });
  const { site } = platform;
  site.addUser({ accountId: USERS.admin, displayName: 'Ada Admin', admin: true });
  site.addUser({ accountId: USERS.viewer, displayName: 'Vic Viewer' });
  site.addUser({ accountId: USERS.outsider, displayName: 'Olga Outsider' });
  site.addProject({ key: 'DEMO', lead: USERS.admin, roles: { [USERS.admin]: 'administrator', [USERS.viewer]: 'viewer' } });
  site.addIssues('DEMO', 5);
  site.addProject({ key: 'OPS', lead: USERS.admin, roles: { [USERS.admin]: 'administrator', [USERS.viewer]: 'viewer' } });
  site.addIssues('OPS', 2);
  return platform;
}

export interface PanelCall {
  readonly as?: string;
  readonly issueKey?: string;
  readonly payload?: unknown;
  readonly moduleKey?: string;
}

/** Calls one panel resolver the way the panel on `issueKey` would, as `as`. */
export function invokePanel(platform: Platform, functionKey: string, call: PanelCall = {}): Promise<unknown> {
  const issueKey = call.issueKey ?? 'DEMO-1';
  const projectKey = issueKey.slice(0, issueKey.lastIndexOf('-'));
  return platform.app.invokeResolver({
    moduleKey: call.moduleKey ?? PANEL_MODULE,
    functionKey,
    payload: call.payload ?? {},
    accountId: call.as ?? USERS.viewer,
    extension: { issue: { key: issueKey, id: '10001' }, project: { key: projectKey, id: '10000' } },
  });
}

/** A panel resolver's answer, checked against the contract the panel relies on. */
export async function callPanel<T extends z.ZodMiniType>(platform: Platform, key: string, schema: T, options: PanelCall = {}) {
  const raw = await invokePanel(platform, key, options);
  const parsed = z.safeParse(resultSchema(schema), raw);
  if (!parsed.success) throw new Error(`${key} answered outside its contract: ${JSON.stringify(raw)}`);
  return { result: parsed.data, raw };
}
