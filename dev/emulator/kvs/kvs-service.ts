/*
 * Fidelity of the emulated Forge KVS, which answers the real @forge/kvs 1.6.5 through __forge_fetch__.
 * Enforced with Forge's documented codes: keys (KEY_TOO_SHORT / entity EMPTY_KEY, KEY_TOO_LONG > 500, INVALID_KEY
 *   regex), values (MAX_SIZE > 240 KiB of UTF-8 JSON, MAX_DEPTH > 31), KEY_NOT_FOUND 404 (get() -> undefined), pages
 *   of 1..100 items, default 10 (LIST_QUERY_LIMIT_EXCEEDED, COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE), one beginsWith on
 *   the key, entity names/attributes/types (INVALID_ENTITY_*), declared indexes only, filter rules (INVALID_FILTER_*).
 * Also: plain keys, secrets and each entity in separate namespaces; TTL, keyPolicy, returnValue, metadata fields;
 *   batches of <= 25 items, transactions of <= 25 operations on distinct keys, all-or-nothing; 4 MB payloads;
 *   entity pages cut by `limit` before filters apply (DynamoDB semantics: loop on the cursor, not the page size).
 *   Index order as DynamoDB's: numbers numerically, strings by UTF-8 bytes, ties by key; entity queries seek in the
 *   SQLite table `entity_index` (entity-index-table.ts), so a page costs the same in a small or a huge entity.
 * Codes Forge does not document, chosen here: BAD_REQUEST 400 (null anywhere in a value, NaN/Infinity, malformed
 *   bodies, batch/transaction size or repeated keys); a refused conditional write (FAIL_IF_EXISTS on a live key, a
 *   transaction condition not met) answers 409 CONDITIONAL_CHECK_FAILED by default, configurable (`conflict`) so
 *   tests can show the app relies on no code (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs).
 *   Secrets are at most 128 KiB (MAX_SIZE).
 * Not enforced: rate limits and 10 KB quota units (only counted in `stats`), storage quotas, eventual consistency
 *   of queries, manifest limits (20 entities, 7 indexes: lint:forge checks them), the storage:app scope.
 */
import { z } from 'zod';
import type { ManifestEntity } from '../manifest';
import type { PlatformRequest, PlatformService } from '../types';
import { emptyResponse, jsonResponse } from '../types';
import { batchDelete, batchGet, batchSet } from './batch';
import { EntityCatalog } from './entities';
import { indexerFor } from './entity-index';
import { entityQuery } from './entity-query';
import { badRequest, DEFAULT_CONFLICT, KvsError, type ConflictAnswer } from './errors';
import { keyQuery } from './key-query';
import { deleteOne, getOne, setOne, type KvsAnswer, type KvsContext } from './operations';
import { StatsCounter, type KvsOperation, type KvsStats } from './stats';
import { SqliteStore } from './store';
import { transact } from './transaction';
import * as wire from './wire';

export type { KvsStats, KvsOperation } from './stats';

interface Route {
  readonly operation: KvsOperation;
  readonly run: (ctx: KvsContext, body: unknown, payloadBytes: number) => KvsAnswer;
}

function route<S extends z.ZodType>(
  operation: KvsOperation,
  schema: S,
  run: (ctx: KvsContext, body: z.infer<S>, payloadBytes: number) => KvsAnswer,
): Route {
  return {
    operation,
    run: (ctx, body, payloadBytes) => {
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw badRequest(`Provided request body is invalid: ${z.prettifyError(parsed.error)}`);
      return run(ctx, parsed.data, payloadBytes);
    },
  };
}

/** The paths `@forge/kvs` POSTs to (out/storage-api.js), each with the body it sends. */
const ROUTES: Readonly<Record<string, Route>> = {
  '/api/v1/get': route('get', wire.getRequest, (ctx, body) => getOne(ctx, 'kvs', body)),
  '/api/v1/set': route('set', wire.setRequest, (ctx, body) => setOne(ctx, 'kvs', body)),
  '/api/v1/delete': route('delete', wire.deleteRequest, (ctx, body) => deleteOne(ctx, 'kvs', body)),
  '/api/v1/secret/get': route('getSecret', wire.getRequest, (ctx, body) => getOne(ctx, 'secret', body)),
  '/api/v1/secret/set': route('setSecret', wire.setRequest, (ctx, body) => setOne(ctx, 'secret', body)),
  '/api/v1/secret/delete': route('deleteSecret', wire.deleteRequest, (ctx, body) => deleteOne(ctx, 'secret', body)),
  '/api/v1/entity/get': route('entityGet', wire.getRequest, (ctx, body) => getOne(ctx, 'entity', body)),
  '/api/v1/entity/set': route('entitySet', wire.setRequest, (ctx, body) => setOne(ctx, 'entity', body)),
  '/api/v1/entity/delete': route('entityDelete', wire.deleteRequest, (ctx, body) => deleteOne(ctx, 'entity', body)),
  '/api/v1/query': route('query', wire.queryRequest, keyQuery),
  '/api/v1/entity/query': route('entityQuery', wire.entityQueryRequest, entityQuery),
  '/api/v1/batch/get': route('batchGet', wire.batchGetRequest, batchGet),
  '/api/v1/batch/set': route('batchSet', wire.batchSetRequest, batchSet),
  '/api/v1/batch/delete': route('batchDelete', wire.batchDeleteRequest, batchDelete),
  '/api/v1/transaction': route('transact', wire.transactionRequest, transact),
};

export interface KvsServiceOptions {
  /** SQLite file that survives restarts and `kill -9`; undefined keeps everything in memory (tests). */
  readonly file: string | undefined;
  /** `app.storage.entities` of manifest.yml. */
  readonly entities: ManifestEntity[];
  readonly clock: () => number;
  /** The answer to a refused conditional write; Forge documents none (errors.ts). */
  readonly conflict?: ConflictAnswer | undefined;
  /**
   * Concurrency mode: each call waits this long (ms) before and after it touches storage, as a
   * network round trip would, so invocations running at once interleave between their calls.
   * 0 still yields to other invocations. Undefined (default) answers at once.
   */
  readonly latencyMs?: number | (() => number) | undefined;
}

/** The Forge Key-Value Store and Custom Entity Store of the local platform. */
export class KvsService implements PlatformService {
  private readonly store: SqliteStore;
  private readonly catalog: EntityCatalog;
  private readonly clock: () => number;
  private readonly counter = new StatsCounter();
  private readonly conflict: ConflictAnswer;
  private readonly latencyMs: (() => number) | undefined;

  constructor(options: KvsServiceOptions) {
    this.catalog = new EntityCatalog(options.entities);
    this.clock = options.clock;
    this.conflict = options.conflict ?? DEFAULT_CONFLICT;
    const latency = options.latencyMs;
    this.latencyMs = typeof latency === 'number' ? () => latency : latency;
    this.store = new SqliteStore(options.file, indexerFor(this.catalog.all()));
    this.store.purgeExpired(this.clock());
  }

  /** A snapshot of the counters since creation or the last `resetStats()`. */
  get stats(): KvsStats {
    return this.counter.snapshot();
  }

  resetStats(): void {
    this.counter.reset();
  }

  /** Item rows the SQLite store has read since it opened (not billed; shows what a query really visits). */
  get itemRowsRead(): number {
    return this.store.itemRowsRead;
  }

  async handle(request: PlatformRequest): Promise<Response> {
    if (!this.latencyMs) return this.answer(request);
    await pause(this.latencyMs());
    // Forge may stop the function while the call is on its way: it then never lands.
    if (request.invocation?.timedOut) throw new Error(`Invocation ${request.invocation.id} has timed out: Forge has already stopped this function`);
    const response = this.answer(request);
    await pause(this.latencyMs());
    return response;
  }

  private answer(request: PlatformRequest): Response {
    const target = ROUTES[request.path];
    if (!target) {
      return jsonResponse(404, {
        code: 'NOT_FOUND',
        message: `The emulated Forge KVS has no route ${request.path}; add it in dev/emulator/kvs/kvs-service.ts`,
      });
    }
    this.counter.called(target.operation);
    try {
      if (request.method !== 'POST') throw new KvsError(405, 'METHOD_NOT_ALLOWED', `${request.path} takes POST, not ${request.method}`);
      const raw = request.body ?? '';
      const ctx: KvsContext = { store: this.store, catalog: this.catalog, stats: this.counter, now: this.clock(), conflict: this.conflict };
      const answer = target.run(ctx, parseJson(raw), Buffer.byteLength(raw));
      return answer.body === undefined ? emptyResponse(answer.status) : jsonResponse(answer.status, answer.body);
    } catch (error) {
      if (!(error instanceof KvsError)) throw error;
      if (error.code !== 'KEY_NOT_FOUND') this.counter.rejected();
      return jsonResponse(error.status, { code: error.code, message: error.message });
    }
  }

  close(): void {
    this.store.close();
  }
}

/** Half a round trip; a macrotask hop at 0 ms, so other invocations get their turn. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / 2));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('Provided request body is not valid JSON');
  }
}
