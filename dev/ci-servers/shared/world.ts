import { CommitStream, MAIN } from './commits';
import { unit } from './random';

/**
 * What the three stand-ins share: a seed, a clock, the commit stream, and the plan of what
 * happens to each commit (its build passes or fails; a main commit may then deploy to staging
 * and production). Each server renders the plan its own way, at the same times, so a deploy on
 * Jenkins has builds of its SHA on Buildkite and CircleCI too.
 */

export interface CiWorldOptions {
  readonly seed?: number;
  /** Milliseconds since the epoch; `Date.now` unless a test drives time. */
  readonly clock?: () => number;
  /** Commits made before the world starts (all their builds and deploys are finished). */
  readonly historyCommits?: number;
  readonly historySpacingMs?: number;
  /** New commits keep arriving while the servers run. */
  readonly growing?: boolean | { readonly commitEveryMs?: number };
  readonly featureBranches?: readonly string[];
  readonly issueProject?: string;
  readonly issueCount?: number;
}

export interface Run {
  readonly start: number;
  readonly duration: number;
  readonly ok: boolean;
}

export interface CommitPlan {
  readonly build: Run;
  readonly staging: Run | null;
  readonly production: Run | null;
}

export type DeployEnvironment = 'staging' | 'production';

export const DEMO_FEATURE_BRANCHES = ['feature/DEMO-7-dark-mode', 'feature/DEMO-12-search-language', 'bugfix/DEMO-3-session-timeout'];

export class CiWorld {
  readonly seed: number;
  readonly clock: () => number;
  /** When the world began: history lies before it, growth after it. */
  readonly start: number;
  readonly commits: CommitStream;
  readonly commitEveryMs: number | null;
  private readonly historyUnit: number;
  private readonly historyCount: number;
  private readonly manual = new Set<number>();

  constructor(options: CiWorldOptions = {}) {
    this.seed = options.seed ?? 1;
    this.clock = options.clock ?? Date.now;
    this.start = this.clock();
    const spacing = options.historySpacingMs ?? 15 * 60_000;
    this.historyCount = options.historyCommits ?? 60;
    this.historyUnit = spacing * 0.4;
    const growing = options.growing;
    this.commitEveryMs = growing ? ((typeof growing === 'object' ? growing.commitEveryMs : undefined) ?? 20_000) : null;
    this.commits = new CommitStream({
      seed: this.seed,
      historyCommits: this.historyCount,
      historySpacingMs: spacing,
      // Two spacings of quiet before the start: every history build and deploy has finished.
      historyEnd: this.start - 2 * spacing,
      featureBranches: options.featureBranches ?? DEMO_FEATURE_BRANCHES,
      featureShare: 0.2,
      issueProject: options.issueProject ?? 'DEMO',
      issueCount: options.issueCount ?? 30,
    });
  }

  get growing(): boolean {
    return this.commitEveryMs !== null;
  }

  /** Adds the growth commits due by `now`. */
  advance(now: number = this.clock()): void {
    if (this.commitEveryMs === null) return;
    for (;;) {
      const next = this.start + (this.commits.count - this.historyCount + 1) * this.commitEveryMs;
      if (next > now) return;
      this.commits.append(next);
    }
  }

  /** Commits to main made on demand (`grow()`), a minute before `now`; returns their indices. */
  appendCommits(count: number, now: number = this.clock()): number[] {
    const out: number[] = [];
    for (let i = 0; i < count; i += 1) out.push(this.commits.append(now - 60_000 + Math.floor((i * 1000) / Math.max(1, count)), MAIN));
    for (const index of out) this.manual.add(index);
    return out;
  }

  /** Commits from `appendCommits`: `grow()` builds them; the growth plan does not. */
  isManual(index: number): boolean {
    return this.manual.has(index);
  }

  /** The pace of a commit's pipeline: minutes in history, seconds while growing. */
  unitOf(index: number): number {
    return index < this.historyCount || this.commitEveryMs === null ? this.historyUnit : this.commitEveryMs * 0.8;
  }

  /**
   * A commit's build, then for main commits whose build passed, maybe a staging deploy and,
   * after a good staging deploy, maybe a production deploy. Commits mentioning the demo's
   * busiest issue always pass and go all the way.
   */
  plan(index: number): CommitPlan {
    const u = this.unitOf(index);
    const r = (key: string) => unit(this.seed, key, index);
    const favourite = index % 4 === 0;
    const buildStart = this.commits.time(index) + 0.05 * u;
    const build: Run = { start: buildStart, duration: Math.round(u * (0.5 + 0.5 * r('build-duration'))), ok: favourite || r('build-ok') < 0.85 };
    if (this.commits.branch(index) !== MAIN || !build.ok || (!favourite && r('staging') >= 0.6)) return { build, staging: null, production: null };
    const staging: Run = { start: build.start + build.duration + 0.05 * u, duration: Math.round(0.3 * u), ok: favourite || r('staging-ok') < 0.95 };
    if (!staging.ok || (!favourite && r('production') >= 0.5)) return { build, staging, production: null };
    const production: Run = { start: staging.start + staging.duration + 0.1 * u, duration: Math.round(0.3 * u), ok: favourite || r('production-ok') < 0.95 };
    return { build, staging, production };
  }

  /** A run as one server sees it: same start, its own duration within ±10%. */
  jitter(run: Run, server: string, index: number): Run {
    const factor = 0.9 + 0.2 * unit(this.seed, 'jitter', server, index);
    return { ...run, duration: Math.max(1000, Math.round(run.duration * factor)) };
  }
}

/** A world option, or a world already shared with other stand-ins. */
export function worldOf(world: CiWorld | CiWorldOptions | undefined): CiWorld {
  return world instanceof CiWorld ? world : new CiWorld(world);
}
