import { webTrigger } from '@forge/api';
import type { ProviderKind } from '../domain/build';
import { modeOf } from '../domain/connection';
import { InvalidRequest } from '../domain/errors';
import { acceptsPush, pushHealth } from '../domain/webhook';
import { forgeRuntime } from '../forge/provider-deps';
import type { WebhookSecretAnswer, WebhookView } from '../shared/contract/webhooks';
import type { ConnectionEntry, ConnectionWithSecret } from '../storage/connection-store';
import { circleCiWebhookApi } from './push-circleci';
import { PushStore, type WebhookRecord } from './push-store';

/** The web trigger of each provider's build events (manifest.yml). */
export const BUILD_EVENT_TRIGGERS: Readonly<Record<ProviderKind, string>> = {
  buildkite: 'build-events-buildkite',
  circleci: 'build-events-circleci',
  jenkins: 'build-events-jenkins',
};

async function urlOf(kind: ProviderKind, record: WebhookRecord | undefined): Promise<string | null> {
  if (!record) return null;
  const url = new URL(await webTrigger.getUrl(BUILD_EVENT_TRIGGERS[kind]));
  url.searchParams.set('hook', record.hookId);
  return url.toString();
}

/**
 * Setting up a connection's webhook from its settings: the URL and the secret's hint, the secret
 * itself once per rotation, and for CircleCI the project webhooks created and removed through
 * CircleCI's API with the connection's token. Callers have checked the caller may manage it.
 */
export class WebhookSetup {
  constructor(
    private readonly store = new PushStore(),
    private readonly now: () => number = Date.now,
  ) {}

  async view(entry: ConnectionEntry, record?: WebhookRecord): Promise<WebhookView> {
    const { connection } = entry;
    const found = record ?? (await this.store.webhook(connection.id));
    const mode = modeOf(connection);
    const lastSeen = acceptsPush(mode) ? await this.store.lastSeen(connection.id) : undefined;
    return {
      connectionId: connection.id,
      kind: connection.kind,
      mode,
      url: await urlOf(connection.kind, found),
      secretHint: found?.secretHint ?? null,
      health: pushHealth(mode, lastSeen, this.now()),
      lastEventAt: lastSeen === undefined ? null : new Date(lastSeen).toISOString(),
      circleCiProjects: Object.keys(found?.circleciWebhooks ?? {}),
    };
  }

  /** A new secret, shown this once; the URL stays. A CircleCI webhook the app made must be made again with it. */
  async rotate(entry: ConnectionEntry): Promise<WebhookSecretAnswer> {
    if (!acceptsPush(modeOf(entry.connection))) throw new InvalidRequest('Choose "pushed" or "both" for this connection first, and save it.');
    const { record, secret } = await this.store.rotate(entry.connection.id, new Date(this.now()).toISOString());
    return { view: await this.view(entry, record), secret };
  }

  /** Creates the webhook in every project of the connection that has none from the app yet, signed with the current secret. */
  async connectCircleCi(found: ConnectionWithSecret): Promise<WebhookView> {
    const { connection } = found;
    if (connection.kind !== 'circleci') throw new InvalidRequest('Only CircleCI webhooks can be created by the app.');
    if (!(await this.store.webhook(connection.id))) await this.rotate(found.entry);
    const record = await this.store.webhook(connection.id);
    const secret = record ? await this.store.secretFor(record.hookId) : undefined;
    const url = await urlOf('circleci', record);
    if (!record || !secret || !url) throw new InvalidRequest('Create the webhook secret first.');
    const api = circleCiWebhookApi(connection, found.secret.apiToken, forgeRuntime().fetch);
    const created: Record<string, string> = { ...record.circleciWebhooks };
    try {
      for (const slug of connection.projectSlugs) {
        if (created[slug] === undefined) created[slug] = await api.create(slug, url, secret.secret);
      }
    } finally {
      // What was created is remembered even when a later project failed, so it can be removed.
      await this.store.saveCircleCiWebhooks(connection.id, created);
    }
    return this.view(found.entry);
  }

  async disconnectCircleCi(found: ConnectionWithSecret): Promise<WebhookView> {
    const { connection } = found;
    if (connection.kind !== 'circleci') throw new InvalidRequest('Only CircleCI webhooks can be removed by the app.');
    const record = await this.store.webhook(connection.id);
    const left: Record<string, string> = { ...(record?.circleciWebhooks ?? {}) };
    const api = circleCiWebhookApi(connection, found.secret.apiToken, forgeRuntime().fetch);
    try {
      for (const [slug, webhookId] of Object.entries(left)) {
        await api.remove(webhookId);
        delete left[slug];
      }
    } finally {
      await this.store.saveCircleCiWebhooks(connection.id, left);
    }
    return this.view(found.entry);
  }
}
