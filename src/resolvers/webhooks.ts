import type Resolver from '@forge/resolver';
import { pageOf, requirePageAdmin } from '../connections/access';
import { requireOwnSecrets, savedSecrets } from '../connections/drafts';
import { currentUrlRules } from '../connections/url-rules';
import { Connections } from '../connections/use-cases';
import type { CallerContext } from '../forge/caller';
import { WEBHOOK_RESOLVERS as KEYS, webhookPayloadSchema } from '../shared/contract/webhooks';
import { ConnectionStore } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import { WebhookSetup } from '../sync/push-setup';
import { defineResolver } from './define';

/** The connection, once Jira confirms the caller administers this page and the page may manage it. */
async function manageable(caller: CallerContext, id: string) {
  const page = pageOf(caller);
  await requirePageAdmin(caller, page);
  return new Connections(new ConnectionStore(), new ProjectConfigStore(), currentUrlRules()).manageable(id, page);
}

/** As `manageable`, for calls that send the stored token to the CI: on a project page, only its author's. */
async function sendingStoredToken(caller: CallerContext, id: string, action: string) {
  const page = pageOf(caller);
  const accountId = await requirePageAdmin(caller, page);
  const found = await new Connections(new ConnectionStore(), new ProjectConfigStore(), currentUrlRules()).manageable(id, page);
  if (page.kind === 'project') requireOwnSecrets(found.enteredBy, accountId, savedSecrets(found), action);
  return found;
}

/**
 * A connection's build webhook, for those who may manage the connection: even its URL is for
 * admins, and the secret leaves the backend only in the answer of a rotation.
 */
export function defineWebhookResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.get, webhookPayloadSchema, async ({ payload, caller }) => new WebhookSetup().view((await manageable(caller, payload.id)).entry));
  defineResolver(resolver, KEYS.rotate, webhookPayloadSchema, async ({ payload, caller }) => new WebhookSetup().rotate((await manageable(caller, payload.id)).entry));
  defineResolver(resolver, KEYS.connectCircleCi, webhookPayloadSchema, async ({ payload, caller }) => new WebhookSetup().connectCircleCi(await sendingStoredToken(caller, payload.id, 'create its CircleCI webhook')));
  defineResolver(resolver, KEYS.disconnectCircleCi, webhookPayloadSchema, async ({ payload, caller }) => new WebhookSetup().disconnectCircleCi(await sendingStoredToken(caller, payload.id, 'remove its CircleCI webhook')));
}
