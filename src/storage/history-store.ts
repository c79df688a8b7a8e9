import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keys } from './keys';
import { getValues, withoutNulls } from './kvs-records';

const iso = z.iso.datetime({ offset: true });
const failureSchema = z.object({ name: z.string().max(100), message: z.string().max(2000), hint: z.string().max(2000) });

/**
 * A connection's history import: the target date, the provider's position (how far back it has
 * read), the counts so far, and a revision that each round moves on by one. Events name the
 * revision they were queued for, so a duplicate or retried event for a round already done finds
 * another revision and changes nothing. Small: the provider positions are a few hundred bytes.
 */
export const historyImportSchema = z.object({
  schemaVersion: z.literal(1),
  connectionId: z.string(),
  /** Builds that started before this are not imported. */
  until: iso,
  requestedAt: iso,
  state: z.enum(['running', 'done', 'failed']),
  revision: z.number().int().nonnegative(),
  /** The provider's own (src/providers/history.ts); absent before the first round. */
  position: z.unknown().optional(),
  builds: z.number().int().nonnegative(),
  deploys: z.number().int().nonnegative(),
  rounds: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  /** The oldest start time of a build the import has read. */
  reachedBack: iso.optional(),
  fractionDone: z.number().min(0).max(1),
  updatedAt: iso,
  finishedAt: iso.optional(),
  error: failureSchema.optional(),
  problems: z.number().int().nonnegative(),
});
export type HistoryImport = z.infer<typeof historyImportSchema>;

export class HistoryStore {
  async get(connectionId: string): Promise<HistoryImport | undefined> {
    const parsed = historyImportSchema.safeParse(await kvs.get(keys.syncHistory(connectionId)));
    return parsed.success ? parsed.data : undefined;
  }

  async getMany(connectionIds: readonly string[]): Promise<HistoryImport[]> {
    const found: HistoryImport[] = [];
    for (const value of (await getValues(connectionIds.map((id) => keys.syncHistory(id)))).values()) {
      const parsed = historyImportSchema.safeParse(value);
      if (parsed.success) found.push(parsed.data);
    }
    return found;
  }

  async save(record: HistoryImport): Promise<void> {
    await kvs.set(keys.syncHistory(record.connectionId), withoutNulls(historyImportSchema.parse(record)));
  }

  /** Forgets a removed connection's import. */
  async forget(connectionId: string): Promise<void> {
    await kvs.delete(keys.syncHistory(connectionId));
  }
}
