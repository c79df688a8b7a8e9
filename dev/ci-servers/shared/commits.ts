import { AUTHORS, commitText, type Author } from './messages';
import { hex, pick, unit } from './random';

/**
 * The one commit history the three stand-ins build from, so the same SHAs show up on Jenkins,
 * Buildkite and CircleCI. History commits are a pure function of their index (nothing stored);
 * commits added later (growth, `grow()`) only store their time.
 */

export interface Commit {
  readonly index: number;
  readonly sha: string;
  readonly branch: string;
  readonly subject: string;
  readonly body: string;
  /** Subject and body as git stores them. */
  readonly message: string;
  readonly author: Author;
  readonly time: number;
}

export interface CommitStreamOptions {
  readonly seed: number;
  readonly historyCommits: number;
  readonly historySpacingMs: number;
  /** Time of the last history commit. */
  readonly historyEnd: number;
  readonly featureBranches: readonly string[];
  /** Share of commits made on a feature branch rather than main. */
  readonly featureShare: number;
  readonly issueProject: string;
  readonly issueCount: number;
}

export const MAIN = 'main';

export class CommitStream {
  private readonly later: number[] = [];
  private readonly laterBranch = new Map<number, string>();
  private readonly cache = new Map<number, Commit>();

  constructor(readonly options: CommitStreamOptions) {}

  get count(): number {
    return this.options.historyCommits + this.later.length;
  }

  get lastTime(): number {
    return this.count ? this.time(this.count - 1) : Number.NEGATIVE_INFINITY;
  }

  time(index: number): number {
    const { historyCommits, historyEnd, historySpacingMs } = this.options;
    if (index < historyCommits) return historyEnd - (historyCommits - 1 - index) * historySpacingMs;
    const time = this.later[index - historyCommits];
    if (time === undefined) throw new RangeError(`commit ${index} does not exist yet`);
    return time;
  }

  branch(index: number): string {
    const { seed, featureBranches, featureShare } = this.options;
    const fixed = this.laterBranch.get(index);
    if (fixed !== undefined) return fixed;
    // Every fourth commit mentions the demo's busiest issue: keep those on main so they deploy.
    if (index % 4 === 0 || featureBranches.length === 0 || unit(seed, 'feature', index) >= featureShare) return MAIN;
    return pick(featureBranches, seed, 'branch', index);
  }

  /** Appends a commit no earlier than the last one (on `branch`, else as the stream decides); returns its index. */
  append(time: number, branch?: string): number {
    this.later.push(Math.max(time, this.lastTime));
    if (branch !== undefined) this.laterBranch.set(this.count - 1, branch);
    return this.count - 1;
  }

  get(index: number): Commit {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const { seed, issueProject, issueCount } = this.options;
    const text = commitText(seed, index, issueProject, issueCount);
    const commit: Commit = {
      index,
      sha: hex(40, seed, 'sha', index),
      branch: this.branch(index),
      subject: text.subject,
      body: text.body,
      message: text.body ? `${text.subject}\n\n${text.body}` : text.subject,
      author: pick(AUTHORS, seed, 'author', index),
      time: this.time(index),
    };
    // Bounded: scale runs touch tens of thousands of commits, most of them once.
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(index, commit);
    return commit;
  }

  /** The newest commit made at or before `time`, or -1. */
  indexAt(time: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.time(mid) <= time) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The newest commit on `branch` at or before index `from`, or -1 (looks back at most `reach` commits). */
  latestOn(branch: string, from: number, reach = 500): number {
    for (let i = from; i >= 0 && i > from - reach; i -= 1) if (this.branch(i) === branch) return i;
    return -1;
  }

  /** Commits on `branch` after `after` up to and including `upTo`, oldest first, at most `max` (the newest). */
  between(branch: string, after: number, upTo: number, max = 20): number[] {
    const out: number[] = [];
    for (let i = upTo; i > after && out.length < max; i -= 1) if (this.branch(i) === branch) out.push(i);
    return out.reverse();
  }
}
