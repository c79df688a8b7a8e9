// zod/mini, as every contract (see contract/resolver.ts).
import * as z from 'zod/mini';
import { issuedId } from './ids';

/**
 * A connection's build webhook on the settings pages (src/resolvers/webhooks.ts): its URL, how
 * healthy it is, and the set-up text per provider. The secret travels to the browser only in
 * the answer of `rotate`, once; `get` shows its last four characters.
 */
export const WEBHOOK_RESOLVERS = {
  get: 'webhooks.get',
  rotate: 'webhooks.rotate',
  connectCircleCi: 'webhooks.connectCircleCi',
  disconnectCircleCi: 'webhooks.disconnectCircleCi',
} as const;

export const webhookPayloadSchema = z.strictObject({ id: issuedId(64) });

export const webhookViewSchema = z.object({
  connectionId: z.string(),
  kind: z.enum(['jenkins', 'buildkite', 'circleci']),
  mode: z.enum(['polled', 'pushed', 'both']),
  /** Null until a secret was made: the URL works only with one. */
  url: z.nullable(z.string()),
  secretHint: z.nullable(z.string()),
  health: z.enum(['not-pushed', 'waiting', 'healthy', 'quiet']),
  lastEventAt: z.nullable(z.string()),
  /** CircleCI projects whose webhook the app created through CircleCI's API. */
  circleCiProjects: z.array(z.string()),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;

/** The answer of `rotate`: the only time the secret is shown. */
export const webhookSecretSchema = z.object({ view: webhookViewSchema, secret: z.string() });
export type WebhookSecretAnswer = z.infer<typeof webhookSecretSchema>;
