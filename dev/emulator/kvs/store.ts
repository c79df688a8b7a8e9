import Database from 'better-sqlite3';
import { z } from 'zod';
import type { EntityIndexer } from './entity-index';
import { EntityIndexTable, type IndexQuery } from './entity-index-table';

/** One stored value. Times are epoch milliseconds; the wire format converts them. */
export interface StoredItem {
  readonly key: string;
  readonly value: unknown;
  readonly bytes: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireAt: number | undefined;
}

/** Plain keys, secrets and each custom entity live apart, as on Forge. */
export type Namespace = 'kvs' | 'secret' | `entity:${string}`;

const rowSchema = z.object({
  key: z.string(),
  value: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  expire_at: z.number().nullable(),
});

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS items (
    ns TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expire_at INTEGER,
    PRIMARY KEY (ns, key)
  ) WITHOUT ROWID`;

const LIVE = '(expire_at IS NULL OR expire_at > @now)';

/**
 * The SQLite file behind the emulated KVS (or ':memory:' for tests). better-sqlite3 commits
 * synchronously, so a write is on disk before its HTTP answer exists: with WAL and
 * synchronous=FULL an acknowledged write survives `kill -9` (and power loss), and WAL recovery
 * keeps the file consistent whenever the process dies.
 */
export class SqliteStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly indexes: EntityIndexTable;
  private rowsRead = 0;

  constructor(file: string | undefined, indexer: EntityIndexer = NO_INDEXES) {
    this.db = new Database(file ?? ':memory:');
    if (file) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
    }
    this.db.exec(SCHEMA);
    this.statements = prepare(this.db);
    this.indexes = new EntityIndexTable(this.db, indexer);
  }

  /** Item rows SQLite handed back since the store opened: what a query cost, for tests that pin it down. */
  get itemRowsRead(): number {
    return this.rowsRead;
  }

  get(ns: Namespace, key: string, now: number): StoredItem | undefined {
    const row = this.statements.get.get({ ns, key, now });
    return row === undefined ? undefined : this.toItem(row);
  }

  /** Writes a value and returns what it replaced (an expired value counts as absent). */
  put(ns: Namespace, key: string, value: unknown, now: number, expireAt: number | undefined): { previous?: StoredItem; item: StoredItem } {
    return this.atomically(() => {
      const previous = this.get(ns, key, now);
      const json = JSON.stringify(value);
      const createdAt = previous?.createdAt ?? now;
      this.statements.upsert.run({ ns, key, value: json, createdAt, now, expireAt: expireAt ?? null });
      this.indexes.replace(ns, key, value);
      const item: StoredItem = { key, value, bytes: Buffer.byteLength(json), createdAt, updatedAt: now, expireAt };
      return previous ? { previous, item } : { item };
    });
  }

  /** Removes a key and returns the live value it held, if any. */
  delete(ns: Namespace, key: string, now: number): StoredItem | undefined {
    return this.atomically(() => {
      const previous = this.get(ns, key, now);
      this.statements.delete.run({ ns, key });
      this.indexes.remove(ns, key);
      return previous;
    });
  }

  /** Live items in key order, after `after`, whose key begins with `prefix`. */
  scan(ns: Namespace, options: { prefix: string; after: string; limit: number }, now: number): StoredItem[] {
    const pattern = `${escapeGlob(options.prefix)}*`;
    return this.statements.scan.all({ ns, after: options.after, pattern, limit: options.limit, now }).map((row) => this.toItem(row));
  }

  /** One page of an entity index, read through `entity_index`: only the page's rows are visited. */
  indexPage(query: IndexQuery, now: number): StoredItem[] {
    return this.indexes.page(query, now).map((row) => this.toItem(row));
  }

  indexPlan(query: IndexQuery): string[] {
    return this.indexes.plan(query);
  }

  /** Runs `fn` in one SQLite transaction: everything it wrote is rolled back if it throws. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  purgeExpired(now: number): number {
    return this.atomically(() => {
      this.indexes.purgeExpired(now);
      return this.statements.purge.run({ now }).changes;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private toItem(raw: unknown): StoredItem {
    this.rowsRead += 1;
    return toItem(raw);
  }
}

const NO_INDEXES: EntityIndexer = { signature: '[]', rowsFor: () => [] };

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    get: db.prepare(`SELECT key, value, created_at, updated_at, expire_at FROM items WHERE ns = @ns AND key = @key AND ${LIVE}`),
    upsert: db.prepare(
      `INSERT INTO items (ns, key, value, created_at, updated_at, expire_at) VALUES (@ns, @key, @value, @createdAt, @now, @expireAt)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    ),
    delete: db.prepare('DELETE FROM items WHERE ns = @ns AND key = @key'),
    scan: db.prepare(
      `SELECT key, value, created_at, updated_at, expire_at FROM items
       WHERE ns = @ns AND key > @after AND key GLOB @pattern AND ${LIVE} ORDER BY key LIMIT @limit`,
    ),
    purge: db.prepare('DELETE FROM items WHERE expire_at IS NOT NULL AND expire_at <= @now'),
  };
}

function toItem(raw: unknown): StoredItem {
  const row = rowSchema.parse(raw);
  const parsed: unknown = JSON.parse(row.value);
  return {
    key: row.key,
    value: parsed,
    bytes: Buffer.byteLength(row.value),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expireAt: row.expire_at ?? undefined,
  };
}

/** GLOB is case-sensitive and uses the primary key index for a literal prefix; its wildcards are escaped. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[]/g, (c) => `[${c}]`);
}
