/** Every route of the emulated KVS, named after the `@forge/kvs` call that reaches it. */
export const KVS_OPERATIONS = [
  'get',
  'set',
  'delete',
  'getSecret',
  'setSecret',
  'deleteSecret',
  'entityGet',
  'entitySet',
  'entityDelete',
  'query',
  'entityQuery',
  'batchGet',
  'batchSet',
  'batchDelete',
  'transact',
] as const;
export type KvsOperation = (typeof KVS_OPERATIONS)[number];

/**
 * What the app's storage use would cost on Forge, for benchmarks. Forge bills a transaction as
 * ONE write and each batch item as its own read or write; its quota counts requests in 10 KB
 * units (a 65 KB write is 7 units), which `readUnits`/`writeUnits` reproduce.
 */
export interface KvsStats {
  /** Billed reads: each get, each batchGet item, each query page. */
  readonly reads: number;
  /** Billed writes: each set or delete, each batchSet/batchDelete item, each transaction (once). */
  readonly writes: number;
  /** JSON bytes of the values returned. */
  readonly readBytes: number;
  /** JSON bytes of the values written. */
  readonly writtenBytes: number;
  /** JSON bytes of the largest single value written (Forge refuses values over 240 KiB). */
  readonly maxValueBytes: number;
  /** Query pages served (kvs.query and entity queries); also counted in `reads`. */
  readonly queries: number;
  /** Items returned by gets and queries. */
  readonly itemsRead: number;
  /** Items set or deleted, transactions counted per item. */
  readonly itemsWritten: number;
  /** Forge's rate-limit units: reads and writes rounded up to 10 KB each. */
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Requests refused with an error answer (not billed). */
  readonly rejected: number;
  /** Calls per route, refused ones included. */
  readonly operations: Readonly<Record<KvsOperation, number>>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const UNIT_BYTES = 10 * 1024;

export function unitsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}

/** The counters behind `KvsService.stats`. */
export class StatsCounter {
  private counts: Mutable<Omit<KvsStats, 'operations'>> = StatsCounter.zero();
  private operations: Record<KvsOperation, number> = StatsCounter.zeroOperations();

  called(operation: KvsOperation): void {
    this.operations[operation] += 1;
  }

  /** One billed read returning `items` values of `bytes` in total. */
  read(bytes: number, items: number): void {
    this.counts.reads += 1;
    this.counts.readBytes += bytes;
    this.counts.itemsRead += items;
    this.counts.readUnits += unitsOf(bytes);
  }

  query(bytes: number, items: number): void {
    this.counts.queries += 1;
    this.read(bytes, items);
  }

  /**
   * One billed write touching `items` items with `bytes` of values, the largest of them
   * `largestValueBytes` (a transaction writes several; a single write's value is all its bytes).
   */
  write(bytes: number, items: number, largestValueBytes = bytes): void {
    this.counts.writes += 1;
    this.counts.writtenBytes += bytes;
    this.counts.maxValueBytes = Math.max(this.counts.maxValueBytes, largestValueBytes);
    this.counts.itemsWritten += items;
    this.counts.writeUnits += unitsOf(bytes);
  }

  rejected(): void {
    this.counts.rejected += 1;
  }

  snapshot(): KvsStats {
    return { ...this.counts, operations: { ...this.operations } };
  }

  reset(): void {
    this.counts = StatsCounter.zero();
    this.operations = StatsCounter.zeroOperations();
  }

  private static zero(): Mutable<Omit<KvsStats, 'operations'>> {
    return {
      reads: 0,
      writes: 0,
      readBytes: 0,
      writtenBytes: 0,
      maxValueBytes: 0,
      queries: 0,
      itemsRead: 0,
      itemsWritten: 0,
      readUnits: 0,
      writeUnits: 0,
      rejected: 0,
    };
  }

  private static zeroOperations(): Record<KvsOperation, number> {
    return Object.fromEntries(KVS_OPERATIONS.map((op) => [op, 0])) as Record<KvsOperation, number>;
  }
}
