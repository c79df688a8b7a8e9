import type Resolver from '@forge/resolver';
import { pageOf, requirePageAdmin } from '../connections/access';
import { currentUrlRules } from '../connections/url-rules';
import { Connections } from '../connections/use-cases';
import { connectionHealth } from '../connections/health';
import { SyncStateStore } from '../storage/sync-state-store';
import {
  CONNECTION_RESOLVERS as KEYS,
  connectionIdPayloadSchema,
  savePayloadSchema,
  testDraftPayloadSchema,
} from '../shared/contract/connections';
import { ConnectionStore } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import type { CallerContext } from '../forge/caller';
import { emptyPayloadSchema } from '../shared/contract/resolver';
import { defineResolver } from './define';
import { ForbiddenError } from '../jira/errors';

/** Resolves the page from the Forge context and checks, with Jira, that the caller administers it. */
async function authorized(caller: CallerContext) {
  const page = pageOf(caller);
  // The account from the Forge context, never the payload: it decides whose typed secrets the caller may send.
  const accountId = await requirePageAdmin(caller, page);
  // Built per call: warm processes serve several sites, so nothing per-site lives at module level.
  return { page, accountId, connections: new Connections(new ConnectionStore(), new ProjectConfigStore(), currentUrlRules()) };
}

/**
 * CI connections, on the admin page (site-wide, Jira admins) and on project settings pages
 * (project-scoped, project admins). Every resolver, reads included, checks the caller first:
 * even connection names and URLs are for admins only.
 */
export function defineConnectionResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.list, emptyPayloadSchema, async ({ caller }) => {
    const { page, connections } = await authorized(caller);
    return connections.list(page);
  });

  defineResolver(resolver, KEYS.validate, testDraftPayloadSchema, async ({ payload, caller }) => {
    const { page, accountId, connections } = await authorized(caller);
    return connections.validate(payload.draft, payload.id, page, accountId);
  });

  defineResolver(resolver, KEYS.testDraft, testDraftPayloadSchema, async ({ payload, caller }) => {
    const { page, accountId, connections } = await authorized(caller);
    return connections.testDraft(payload.draft, payload.id, page, accountId);
  });

  defineResolver(resolver, KEYS.testSaved, connectionIdPayloadSchema, async ({ payload, caller }) => {
    const { page, accountId, connections } = await authorized(caller);
    return connections.testSaved(payload.id, page, accountId);
  });

  defineResolver(resolver, KEYS.save, savePayloadSchema, async ({ payload, caller }) => {
    const { page, accountId, connections } = await authorized(caller);
    const input = { draft: payload.draft, id: payload.id, agentEnabled: payload.agentEnabled, agentReadableByAll: payload.agentReadableByAll };
    return connections.save(input, page, accountId);
  });

  defineResolver(resolver, KEYS.usage, connectionIdPayloadSchema, async ({ payload, caller }) => {
    const { page, connections } = await authorized(caller);
    return connections.usage(payload.id, page);
  });

  // The health hub is the admin page's: every connection of the site, so Jira admins only.
  defineResolver(resolver, KEYS.health, emptyPayloadSchema, async ({ caller }) => {
    const { page } = await authorized(caller);
    if (page.kind !== 'site') throw new ForbiddenError('Connection health is shown on the Deploy Tracker admin page.');
    return connectionHealth(new ConnectionStore(), new ProjectConfigStore(), new SyncStateStore());
  });

  defineResolver(resolver, KEYS.remove, connectionIdPayloadSchema, async ({ payload, caller }) => {
    const { page, connections } = await authorized(caller);
    return connections.remove(payload.id, page);
  });
}
