import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keys } from './keys';
import { getValues } from './kvs-records';

/**
 * What the last test of a connection's stored token learnt about it: scopes, creation and expiry
 * as the CI reported them, and when. Never the token: only its hint (the last four characters the
 * pages already show), so details of a token that was replaced since are not shown for the new one.
 * Removed with the connection (ConnectionStore.remove).
 */
const detailsSchema = z.object({
  schemaVersion: z.literal(1),
  connectionId: z.string(),
  tokenHint: z.string(),
  checkedAt: z.string(),
  scopes: z.array(z.string()).max(100),
  createdAt: z.string().optional(),
  expiry: z.discriminatedUnion('kind', [z.object({ kind: z.literal('at'), at: z.string() }), z.object({ kind: z.literal('never') }), z.object({ kind: z.literal('not-reported') })]),
});

export type TokenDetailsRecord = z.infer<typeof detailsSchema>;

export class TokenDetailsStore {
  /** The records of these connections, by connection id; a missing or damaged one is absent. */
  async many(connectionIds: readonly string[]): Promise<Map<string, TokenDetailsRecord>> {
    const found = new Map<string, TokenDetailsRecord>();
    for (const value of (await getValues(connectionIds.map((id) => keys.tokenDetails(id)))).values()) {
      const parsed = detailsSchema.safeParse(value);
      if (parsed.success) found.set(parsed.data.connectionId, parsed.data);
    }
    return found;
  }

  async save(record: TokenDetailsRecord): Promise<void> {
    await kvs.set(keys.tokenDetails(record.connectionId), detailsSchema.parse(record));
  }

  async forget(connectionId: string): Promise<void> {
    await kvs.delete(keys.tokenDetails(connectionId));
  }
}
