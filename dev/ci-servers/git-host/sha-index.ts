import type { Commit, CommitStream } from '../shared/commits';

/** A 7 to 40 hex prefix, as GitHub takes an abbreviated SHA in a commit URL. */
const SHA = /^[0-9a-f]{7,40}$/;

/**
 * The world's commits by SHA. Commits are a function of their index, so this only remembers
 * which index has which SHA, extended as the stream grows.
 */
export class ShaIndex {
  private readonly byFull = new Map<string, number>();
  private indexed = 0;

  constructor(private readonly commits: CommitStream) {}

  /** The commit a full or unambiguous abbreviated SHA names; null when none or several do. */
  find(raw: string): Commit | null {
    const sha = raw.toLowerCase();
    if (!SHA.test(sha)) return null;
    this.catchUp();
    if (sha.length === 40) {
      const index = this.byFull.get(sha);
      return index === undefined ? null : this.commits.get(index);
    }
    const found = [...this.byFull].filter(([full]) => full.startsWith(sha));
    const only = found.length === 1 ? found[0] : undefined;
    return only ? this.commits.get(only[1]) : null;
  }

  /** The newest `count` commits, newest first. */
  newest(count: number): Commit[] {
    const out: Commit[] = [];
    for (let i = this.commits.count - 1; i >= 0 && out.length < count; i -= 1) out.push(this.commits.get(i));
    return out;
  }

  private catchUp(): void {
    for (; this.indexed < this.commits.count; this.indexed += 1) this.byFull.set(this.commits.get(this.indexed).sha, this.indexed);
  }
}
