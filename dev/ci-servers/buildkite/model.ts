import { historyOutcome, historySlot, OUTCOMES, type Outcome } from '../shared/periodic';
import { hash32, unit } from '../shared/random';
import { EXAMPLE_REMOTES, type GitRemotes } from '../shared/remotes';
import { Pending, Table } from '../shared/table';
import type { CiWorld, DeployEnvironment } from '../shared/world';

/** Where a pipeline's builds come from (see the Jenkins layout for the same three kinds). */
export type PipelineFeed =
  | { readonly kind: 'commits' }
  | { readonly kind: 'deploys'; readonly environment: DeployEnvironment }
  | { readonly kind: 'periodic'; readonly builds: number };

export interface PipelineSpec {
  readonly slug: string;
  readonly name: string;
  readonly feed: PipelineFeed;
  readonly description?: string;
}

export const SOURCES = ['webhook', 'api', 'schedule', 'ui'] as const;
const COLUMNS = ['pipeline', 'number', 'created', 'startDelay', 'duration', 'outcome', 'commit', 'source'] as const;

export interface BuildkiteBuild {
  readonly row: number;
  readonly pipeline: PipelineSpec;
  readonly number: number;
  readonly created: number;
  readonly started: number;
  readonly finished: number;
  readonly state: string;
  readonly commit: number;
  readonly source: (typeof SOURCES)[number];
  readonly outcome: Outcome;
}

interface NewBuild {
  readonly pipeline: number;
  readonly created: number;
  readonly startDelay: number;
  readonly duration: number;
  readonly outcome: Outcome;
  readonly commit: number;
  readonly source: number;
}

/** One Buildkite organisation: every build in one table, in creation order (the API lists newest first). */
export class BuildkiteModel {
  readonly builds = new Table(COLUMNS);
  private readonly counters: number[];
  private readonly pending = new Pending();
  private readonly blocked = new Set<number>();
  private processed = 0;

  constructor(
    readonly world: CiWorld,
    readonly pipelines: readonly PipelineSpec[],
    /** The repository the pipelines build (EXAMPLE_REMOTES unless the demo's Git host runs). */
    readonly remotes: GitRemotes = EXAMPLE_REMOTES,
  ) {
    this.counters = pipelines.map(() => 0);
    const history: NewBuild[] = [];
    pipelines.forEach((spec, p) => {
      if (spec.feed.kind !== 'periodic') return;
      for (let b = 0; b < spec.feed.builds; b += 1) {
        const { time, commit } = historySlot(world, spec.feed.builds, b, 'buildkite', p);
        const r = (key: string) => unit(world.seed, 'bk', key, p, b);
        const u = world.unitOf(0);
        history.push({ pipeline: p, created: time, startDelay: 2000 + Math.round(r('wait') * 20_000), duration: Math.round(u * (0.3 + 1.2 * r('d'))), outcome: historyOutcome(r('o')), commit, source: 0 });
      }
    });
    history.sort((a, b) => a.created - b.created);
    for (const build of history) this.push(build);
    this.advance(world.start);
  }

  private push(build: NewBuild): void {
    const number = (this.counters[build.pipeline] ?? 0) + 1;
    this.counters[build.pipeline] = number;
    this.builds.push({ ...build, number, outcome: OUTCOMES.indexOf(build.outcome) });
  }

  advance(now: number = this.world.clock()): void {
    this.world.advance(now);
    for (; this.processed < this.world.commits.count; this.processed += 1) this.feed(this.processed);
    this.pending.runDue(now);
  }

  private feed(index: number): void {
    if (this.world.isManual(index) || !this.pipelines.some((spec) => spec.feed.kind !== 'periodic')) return;
    const plan = this.world.plan(index);
    this.pipelines.forEach((spec, p) => {
      const run = spec.feed.kind === 'commits' ? plan.build : spec.feed.kind === 'deploys' ? plan[spec.feed.environment] : null;
      if (!run) return;
      const seen = this.world.jitter(run, 'buildkite', index);
      const source = spec.feed.kind === 'deploys' ? 1 : 0;
      // Created when the commit is pushed (or the deploy is asked for); an agent picks it up a moment later.
      const created = Math.max(this.world.commits.time(index), seen.start - 1000);
      this.pending.add(created, () =>
        this.push({ pipeline: p, created, startDelay: 1000, duration: seen.duration, outcome: seen.ok ? 'passed' : 'failed', commit: index, source }),
      );
    });
  }

  /** `grow(percent)`: finished builds of new main commits, round-robin over the pipelines. */
  grow(percent: number, given?: readonly number[]): { builds: number; deploys: number; commits: readonly number[] } {
    this.advance();
    const target = Math.max(1, Math.round((this.builds.length * percent) / 100));
    const rounds = Math.ceil(target / Math.max(1, this.pipelines.length));
    const commits = given?.length ? given : this.world.appendCommits(Math.min(10, rounds));
    const now = this.world.clock();
    const offset = hash32(this.world.seed, 'bk-grow', this.builds.length) % Math.max(1, this.pipelines.length);
    let deploys = 0;
    // Never before the newest build: the table stays in creation order (lists stop scanning there).
    const last = this.builds.length ? this.builds.get(this.builds.length - 1, 'created') : 0;
    for (let n = 0; n < target; n += 1) {
      const p = (offset + n) % this.pipelines.length;
      const round = Math.floor(n / this.pipelines.length);
      const ok = unit(this.world.seed, 'bk-grow-ok', this.builds.length) < 0.9;
      this.push({ pipeline: p, created: Math.max(last, now - 60_000 + Math.floor((n * 20_000) / target)), startDelay: 2000, duration: 30_000, outcome: ok ? 'passed' : 'failed', commit: commits[Math.min(round, commits.length - 1)] ?? 0, source: 0 });
      if (this.pipelines[p]?.feed.kind === 'deploys' || this.pipelines[p]?.slug === 'deploy') deploys += 1;
    }
    return { builds: target, deploys, commits };
  }

  build(row: number, now: number): BuildkiteBuild | null {
    const t = this.builds;
    const pipeline = this.pipelines[t.get(row, 'pipeline')];
    if (!pipeline || row < 0 || row >= t.length) return null;
    const created = t.get(row, 'created');
    const started = created + t.get(row, 'startDelay');
    const finished = started + t.get(row, 'duration');
    const outcome = OUTCOMES[t.get(row, 'outcome')] ?? 'passed';
    const done = this.blocked.has(row) ? 'blocked' : outcome;
    const state = now < started ? 'scheduled' : now < finished ? (outcome === 'failed' && now > started + (finished - started) * 0.7 ? 'failing' : 'running') : done;
    return { row, pipeline, number: t.get(row, 'number'), created, started, finished, state, commit: t.get(row, 'commit'), source: SOURCES[t.get(row, 'source')] ?? 'webhook', outcome };
  }

  /**
   * Stops the `count` newest builds finished before `before` at a block step: from then on they are
   * `blocked` (finished for Buildkite, waiting for a person) and stay so. Returns their rows.
   */
  block(count: number, before: number = this.world.clock()): number[] {
    const rows: number[] = [];
    const t = this.builds;
    for (let row = t.length - 1; row >= 0 && rows.length < count; row -= 1) {
      const finished = t.get(row, 'created') + t.get(row, 'startDelay') + t.get(row, 'duration');
      if (finished < before && !this.blocked.has(row)) rows.push(row);
    }
    for (const row of rows) this.blocked.add(row);
    return rows;
  }

  /** The row of a pipeline's build by number, or -1. */
  find(slug: string, number: number): number {
    const p = this.pipelines.findIndex((spec) => spec.slug === slug);
    for (let row = this.builds.length - 1; row >= 0; row -= 1) {
      if (this.builds.get(row, 'pipeline') === p && this.builds.get(row, 'number') === number) return row;
    }
    return -1;
  }
}

export function demoPipelines(): PipelineSpec[] {
  return [
    { slug: 'storefront', name: 'Storefront', feed: { kind: 'commits' }, description: 'Builds every push' },
    { slug: 'deploy', name: 'Deploy', feed: { kind: 'deploys', environment: 'production' }, description: 'Deploys main to production' },
    { slug: 'payments-api', name: 'Payments API', feed: { kind: 'periodic', builds: 40 } },
    { slug: 'docs-site', name: 'Docs site', feed: { kind: 'periodic', builds: 15 } },
  ];
}

/** The bench's organisation: 20,000 builds by default (40 pipelines of 500, `deploy` among them). */
export function scalePipelines(options: { pipelines?: number; buildsPerPipeline?: number } = {}): PipelineSpec[] {
  const count = options.pipelines ?? 40;
  const builds = options.buildsPerPipeline ?? 500;
  const services = Array.from({ length: count - 1 }, (_, i): PipelineSpec => ({ slug: `service-${String(i).padStart(2, '0')}`, name: `Service ${i}`, feed: { kind: 'periodic', builds } }));
  return [{ slug: 'deploy', name: 'Deploy', feed: { kind: 'periodic', builds } }, ...services];
}
