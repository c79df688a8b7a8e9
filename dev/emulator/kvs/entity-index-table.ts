import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { EntityIndexer, SqlClause, SqlValue } from './entity-index';

/**
 * One row per (item, declared index) the item belongs to. The primary key is the index order
 * (partition, then range value, then key), so a query seeks to its partition and reads only its
 * page. `range_value` has no declared type on purpose: no affinity, so values keep their type.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS entity_index (
    ns TEXT NOT NULL,
    index_name TEXT NOT NULL,
    partition TEXT NOT NULL,
    range_value NOT NULL,
    item_key TEXT NOT NULL,
    PRIMARY KEY (ns, index_name, partition, range_value, item_key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS entity_index_item ON entity_index (ns, item_key);
  CREATE TABLE IF NOT EXISTS kvs_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`;

const SIGNATURE = 'entity_index_signature';
const itemRow = z.object({ ns: z.string(), key: z.string(), value: z.string() });
const signatureRow = z.object({ value: z.string() }).optional();
const planRow = z.looseObject({ detail: z.string() });

export interface IndexQuery {
  readonly ns: string;
  readonly index: string;
  readonly partition: string;
  readonly range: SqlClause | undefined;
  /** The position of the previous page's last entry; the page starts after it. */
  readonly after: { readonly range: SqlValue; readonly key: string } | undefined;
  readonly sort: 'ASC' | 'DESC';
  readonly limit: number;
}

/** The entries of the manifest's entity indexes, kept in the same SQLite transactions as the items. */
export class EntityIndexTable {
  private readonly statements: ReturnType<typeof prepare>;
  private readonly queries = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly indexer: EntityIndexer,
  ) {
    db.exec(SCHEMA);
    this.statements = prepare(db);
    this.rebuildIfStale();
  }

  /** Replaces the entries of one item by those of its new value. */
  replace(ns: string, key: string, value: unknown): void {
    if (!ns.startsWith('entity:')) return;
    this.statements.remove.run({ ns, key });
    for (const row of this.indexer.rowsFor(ns, value)) {
      this.statements.insert.run({ ns, index: row.index, partition: row.partition, range: row.range, key });
    }
  }

  remove(ns: string, key: string): void {
    if (ns.startsWith('entity:')) this.statements.remove.run({ ns, key });
  }

  /** Drops the entries of items about to be purged for their TTL. */
  purgeExpired(now: number): void {
    this.statements.purge.run({ now });
  }

  /** The live items of one page, in index order; `limit` counts entries before any filter, as Forge does. */
  page(query: IndexQuery, now: number): unknown[] {
    const { sql, params } = pageSql(query);
    return this.statement(sql).all({ ...params, now });
  }

  /** SQLite's plan for a page query, for tests that pin down that queries seek instead of scanning. */
  plan(query: IndexQuery): string[] {
    const { sql, params } = pageSql(query);
    return this.statement(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ ...params, now: 0 })
      .map((row) => planRow.parse(row).detail);
  }

  /**
   * Files written before this table existed, or under other index declarations, get their
   * entries (re)built from the stored items once, on open.
   */
  private rebuildIfStale(): void {
    if (signatureRow.parse(this.statements.signature.get())?.value === this.indexer.signature) return;
    this.db.transaction(() => {
      this.statements.clear.run();
      for (const raw of this.statements.entityItems.all()) {
        const { ns, key, value } = itemRow.parse(raw);
        this.replace(ns, key, JSON.parse(value));
      }
      this.statements.saveSignature.run({ name: SIGNATURE, value: this.indexer.signature });
    })();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }
}

function pageSql(query: IndexQuery): SqlClause {
  const order = query.sort === 'ASC' ? 'ASC' : 'DESC';
  const conditions = ['x.ns = @ns', 'x.index_name = @index', 'x.partition = @partition'];
  const params: Record<string, SqlValue> = { ns: query.ns, index: query.index, partition: query.partition, limit: query.limit };
  if (query.range) {
    conditions.push(query.range.sql);
    Object.assign(params, query.range.params);
  }
  if (query.after) {
    conditions.push(`(x.range_value, x.item_key) ${order === 'ASC' ? '>' : '<'} (@afterRange, @afterKey)`);
    Object.assign(params, { afterRange: query.after.range, afterKey: query.after.key });
  }
  const sql = `SELECT i.key, i.value, i.created_at, i.updated_at, i.expire_at
    FROM entity_index x JOIN items i ON i.ns = x.ns AND i.key = x.item_key
    WHERE ${conditions.join(' AND ')} AND (i.expire_at IS NULL OR i.expire_at > @now)
    ORDER BY x.range_value ${order}, x.item_key ${order} LIMIT @limit`;
  return { sql, params };
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      'INSERT INTO entity_index (ns, index_name, partition, range_value, item_key) VALUES (@ns, @index, @partition, @range, @key)',
    ),
    remove: db.prepare('DELETE FROM entity_index WHERE ns = @ns AND item_key = @key'),
    purge: db.prepare(
      `DELETE FROM entity_index WHERE (ns, item_key) IN
         (SELECT ns, key FROM items WHERE expire_at IS NOT NULL AND expire_at <= @now)`,
    ),
    clear: db.prepare('DELETE FROM entity_index'),
    entityItems: db.prepare(`SELECT ns, key, value FROM items WHERE ns GLOB 'entity:*'`),
    signature: db.prepare(`SELECT value FROM kvs_meta WHERE name = '${SIGNATURE}'`),
    saveSignature: db.prepare(
      'INSERT INTO kvs_meta (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    ),
  };
}
