import { randomBytes } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { keys } from '../storage/keys';
import { queryAll } from '../storage/kvs-records';

/**
 * A connection's build webhook. The URL carries only `hook`, a random id that says nothing about
 * the site or the connection; the secret record, found by that id in one read, names the
 * connection. Secrets live in Forge secret storage and are shown once, when made.
 */
const webhookSchema = z.object({
  schemaVersion: z.literal(1),
  hookId: z.string(),
  secretHint: z.string(),
  createdAt: z.string(),
  /** Webhooks the app created in CircleCI through its API, per project slug, so it can remove them. */
  circleciWebhooks: z.record(z.string(), z.string()).default({}),
});
export type WebhookRecord = z.infer<typeof webhookSchema>;

const secretSchema = z.object({ connectionId: z.string(), secret: z.string().min(1) });
export type WebhookSecret = z.infer<typeof secretSchema>;

const seenSchema = z.object({ connectionId: z.string(), at: z.number() });

/** Rewrites the last-event time at most this often: health needs minutes, not every event. */
const SEEN_RESOLUTION_MS = 5 * 60_000;

/** 32 random bytes in hex: HMAC keys as long as the hash, and safe inside curl and shell quotes. */
const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

export class PushStore {
  async webhook(connectionId: string): Promise<WebhookRecord | undefined> {
    const parsed = webhookSchema.safeParse(await kvs.get(keys.webhook(connectionId)));
    return parsed.success ? parsed.data : undefined;
  }

  /** The one read an authenticated-looking request costs: the secret and its connection, by the URL's id. */
  async secretFor(hookId: string): Promise<WebhookSecret | undefined> {
    const parsed = secretSchema.safeParse(await kvs.getSecret(keys.webhookSecret(hookId)));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * A new secret, returned once. The URL's id is kept across rotations (the CI's webhook keeps its
   * URL; only the secret is re-entered), made on first use. The secret is written before the record.
   */
  async rotate(connectionId: string, now: string): Promise<{ record: WebhookRecord; secret: string }> {
    const existing = await this.webhook(connectionId);
    const secret = randomHex(32);
    const record: WebhookRecord = {
      schemaVersion: 1,
      hookId: existing?.hookId ?? randomHex(16),
      secretHint: `••••${secret.slice(-4)}`,
      createdAt: now,
      circleciWebhooks: existing?.circleciWebhooks ?? {},
    };
    await kvs.setSecret(keys.webhookSecret(record.hookId), { connectionId, secret });
    await kvs.set(keys.webhook(connectionId), record);
    return { record, secret };
  }

  async saveCircleCiWebhooks(connectionId: string, webhooks: Readonly<Record<string, string>>): Promise<void> {
    const existing = await this.webhook(connectionId);
    if (existing) await kvs.set(keys.webhook(connectionId), { ...existing, circleciWebhooks: webhooks });
  }

  /** Removes the webhook: its URL stops working at once. */
  async remove(connectionId: string): Promise<void> {
    const existing = await this.webhook(connectionId);
    if (existing) await kvs.deleteSecret(keys.webhookSecret(existing.hookId));
    await kvs.delete(keys.webhook(connectionId));
    await kvs.delete(keys.webhookSeen(connectionId));
  }

  /** Records that an event arrived, unless a recent one already said so. */
  async markSeen(connectionId: string, now: number, lastSeen: number | undefined): Promise<boolean> {
    if (lastSeen !== undefined && now - lastSeen < SEEN_RESOLUTION_MS) return false;
    await kvs.set(keys.webhookSeen(connectionId), { connectionId, at: now });
    return true;
  }

  async lastSeen(connectionId: string): Promise<number | undefined> {
    const parsed = seenSchema.safeParse(await kvs.get(keys.webhookSeen(connectionId)));
    return parsed.success ? parsed.data.at : undefined;
  }

  /** Every connection's last event, one read per 100 connections. */
  async allSeen(): Promise<Map<string, number>> {
    const found = await queryAll(kvs.query().where('key', WhereConditions.beginsWith(keys.webhookSeenPrefix)), (value) => {
      const parsed = seenSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    return new Map(found.map((s) => [s.connectionId, s.at]));
  }
}
