import { historyOutcome, historySlot, OUTCOMES, type Outcome } from '../shared/periodic';
import { unit } from '../shared/random';
import { EXAMPLE_REMOTES, type GitRemotes } from '../shared/remotes';
import { Pending, Table } from '../shared/table';
import type { CiWorld, DeployEnvironment } from '../shared/world';

export type ProjectFeed =
  | { readonly kind: 'commits' }
  | { readonly kind: 'deploys'; readonly environment: DeployEnvironment }
  | { readonly kind: 'periodic'; readonly pipelines: number };

export interface ProjectSpec {
  /** As CircleCI shows it: `gh/org/repo`. */
  readonly slug: string;
  readonly feed: ProjectFeed;
}

export const TRIGGERS = ['webhook', 'api', 'scheduled_pipeline'] as const;
const COLUMNS = ['created', 'duration', 'outcome', 'commit', 'trigger'] as const;

export interface ProjectState {
  readonly index: number;
  readonly spec: ProjectSpec;
  /** Row i is pipeline number i + 1. */
  readonly pipelines: Table<(typeof COLUMNS)[number]>;
}

export interface WorkflowRun {
  readonly index: number;
  readonly name: string;
  readonly created: number;
  readonly stopped: number;
  readonly status: string;
}

export interface PipelineRun {
  readonly project: ProjectState;
  readonly number: number;
  readonly created: number;
  readonly commit: number;
  readonly trigger: (typeof TRIGGERS)[number];
  readonly workflows: readonly WorkflowRun[];
}

/** CircleCI projects: pipelines in columns; workflows and jobs derived from them on request. */
export class CircleCiModel {
  readonly projects: ProjectState[];
  private readonly pending = new Pending();
  private processed = 0;

  constructor(
    readonly world: CiWorld,
    specs: readonly ProjectSpec[],
    /** Where the projects' repositories live (EXAMPLE_REMOTES unless the demo's Git host runs). */
    readonly remotes: GitRemotes = EXAMPLE_REMOTES,
  ) {
    this.projects = specs.map((spec, index) => ({ index, spec, pipelines: new Table(COLUMNS) }));
    for (const project of this.projects) {
      const feed = project.spec.feed;
      if (feed.kind !== 'periodic') continue;
      for (let b = 0; b < feed.pipelines; b += 1) {
        const { time, commit } = historySlot(world, feed.pipelines, b, 'circleci', project.index);
        const r = (key: string) => unit(world.seed, 'cci', key, project.index, b);
        this.push(project, { created: time, duration: Math.round(world.unitOf(0) * (0.3 + 1.2 * r('d'))), outcome: historyOutcome(r('o')), commit, trigger: 0 });
      }
    }
    this.advance(world.start);
  }

  private push(project: ProjectState, row: { created: number; duration: number; outcome: Outcome; commit: number; trigger: number }): void {
    project.pipelines.push({ ...row, outcome: OUTCOMES.indexOf(row.outcome) });
  }

  advance(now: number = this.world.clock()): void {
    this.world.advance(now);
    for (; this.processed < this.world.commits.count; this.processed += 1) this.feed(this.processed);
    this.pending.runDue(now);
  }

  private feed(index: number): void {
    if (this.world.isManual(index) || !this.projects.some((p) => p.spec.feed.kind !== 'periodic')) return;
    const plan = this.world.plan(index);
    for (const project of this.projects) {
      const feed = project.spec.feed;
      const run = feed.kind === 'commits' ? plan.build : feed.kind === 'deploys' ? plan[feed.environment] : null;
      if (!run) continue;
      const seen = this.world.jitter(run, 'circleci', index);
      const created = Math.max(this.world.commits.time(index), seen.start - 500);
      this.pending.add(created, () => this.push(project, { created, duration: seen.duration, outcome: seen.ok ? 'passed' : 'failed', commit: index, trigger: feed.kind === 'deploys' ? 1 : 0 }));
    }
  }

  grow(percent: number, given?: readonly number[]): { builds: number; deploys: number; commits: readonly number[] } {
    this.advance();
    const total = this.projects.reduce((sum, p) => sum + p.pipelines.length, 0);
    const target = Math.max(1, Math.round((total * percent) / 100));
    const rounds = Math.ceil(target / Math.max(1, this.projects.length));
    const commits = given?.length ? given : this.world.appendCommits(Math.min(10, rounds));
    const now = this.world.clock();
    let deploys = 0;
    for (let n = 0; n < target; n += 1) {
      const project = this.projects[n % this.projects.length];
      if (!project) break;
      const round = Math.floor(n / this.projects.length);
      const ok = unit(this.world.seed, 'cci-grow', project.index, project.pipelines.length) < 0.9;
      const deploy = project.spec.feed.kind === 'deploys';
      const last = project.pipelines.length ? project.pipelines.get(project.pipelines.length - 1, 'created') : 0;
      this.push(project, { created: Math.max(last, now - 60_000 + Math.floor((n * 20_000) / target)), duration: 30_000, outcome: ok ? 'passed' : 'failed', commit: commits[Math.min(round, commits.length - 1)] ?? 0, trigger: deploy ? 1 : 0 });
      if (deploy) deploys += 1;
    }
    return { builds: target, deploys, commits };
  }

  project(slug: string): ProjectState | undefined {
    const wanted = normalizeSlug(slug);
    return this.projects.find((p) => normalizeSlug(p.spec.slug) === wanted);
  }

  /** Pipelines created by `now`, as a count: numbers 1..count are visible. */
  visible(project: ProjectState, now: number): number {
    let count = project.pipelines.length;
    while (count > 0 && project.pipelines.get(count - 1, 'created') > now) count -= 1;
    return count;
  }

  pipeline(project: ProjectState, number: number, now: number): PipelineRun | null {
    if (number < 1 || number > this.visible(project, now)) return null;
    const t = project.pipelines;
    const row = number - 1;
    const created = t.get(row, 'created');
    const duration = t.get(row, 'duration');
    const outcome = OUTCOMES[t.get(row, 'outcome')] ?? 'passed';
    const names = project.spec.feed.kind === 'deploys' ? ['deploy'] : number % 5 === 0 ? ['build-and-test', 'lint'] : ['build-and-test'];
    const workflows = names.map((name, index): WorkflowRun => {
      const start = created + 1000;
      const length = index === 0 ? duration : Math.round(duration * 0.3);
      const stopped = start + length;
      const status = now < stopped ? 'running' : index > 0 ? 'success' : { passed: 'success', failed: 'failed', canceled: 'canceled' }[outcome];
      return { index, name, created: start, stopped, status };
    });
    return { project, number, created, commit: t.get(row, 'commit'), trigger: TRIGGERS[t.get(row, 'trigger')] ?? 'webhook', workflows };
  }
}

/** CircleCI takes `gh/` and `github/` (`bb/`, `bitbucket/`) for the same project. */
export function normalizeSlug(slug: string): string {
  return slug.replace(/^github\//, 'gh/').replace(/^bitbucket\//, 'bb/');
}

export function demoProjects(): ProjectSpec[] {
  return [
    { slug: 'gh/demo-org/storefront', feed: { kind: 'commits' } },
    { slug: 'gh/demo-org/storefront-deploy', feed: { kind: 'deploys', environment: 'staging' } },
  ];
}

/** The bench's projects: 10 x 1,000 pipelines by default. */
export function scaleProjects(options: { projects?: number; pipelinesPerProject?: number } = {}): ProjectSpec[] {
  return Array.from({ length: options.projects ?? 10 }, (_, i) => ({
    slug: `gh/demo-org/service-${String(i).padStart(2, '0')}`,
    feed: { kind: 'periodic', pipelines: options.pipelinesPerProject ?? 1000 },
  }));
}
