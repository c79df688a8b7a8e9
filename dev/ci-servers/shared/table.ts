/**
 * Builds as columns of numbers, not objects: 100,000 builds cost a few megabytes, and answers
 * are rendered from them on request.
 */
export class Table<K extends string> {
  private readonly columns: Record<K, number[]>;
  private rows = 0;

  constructor(private readonly names: readonly K[]) {
    const columns = {} as Record<K, number[]>;
    for (const name of names) columns[name] = [];
    this.columns = columns;
  }

  get length(): number {
    return this.rows;
  }

  push(row: Readonly<Record<K, number>>): number {
    for (const name of this.names) this.columns[name].push(row[name]);
    this.rows += 1;
    return this.rows - 1;
  }

  get(index: number, name: K): number {
    return this.columns[name][index] ?? 0;
  }

  set(index: number, name: K, value: number): void {
    if (index >= 0 && index < this.rows) this.columns[name][index] = value;
  }
}

/**
 * Rows that exist from a time on (a build that starts in ten seconds). They are applied in time
 * order once due, so numbering does not depend on when a request happened to come in.
 */
export class Pending {
  private items: { at: number; seq: number; apply: () => void }[] = [];
  private seq = 0;

  add(at: number, apply: () => void): void {
    this.items.push({ at, seq: (this.seq += 1), apply });
  }

  get size(): number {
    return this.items.length;
  }

  runDue(now: number): void {
    const due = this.items.filter((item) => item.at <= now);
    if (due.length === 0) return;
    this.items = this.items.filter((item) => item.at > now);
    due.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const item of due) item.apply();
  }
}
