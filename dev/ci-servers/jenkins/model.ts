import type { Commit } from '../shared/commits';
import { Pending, Table } from '../shared/table';
import { EXAMPLE_REMOTES, type GitRemotes } from '../shared/remotes';
import type { CiWorld } from '../shared/world';
import { feedCommit, fillPeriodic, growJobs, type GrowResult } from './history';
import { FOLDER_CLASS, HUGE_LOG_BYTES, type FolderSpec, type ItemSpec, type JobSpec } from './layout';

export const RESULTS = ['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT'] as const;
export type Result = (typeof RESULTS)[number];

export const CAUSE = { scm: 0, branchEvent: 1, timer: 2, user: 3, upstream: 4, branchIndexing: 5 } as const;

const COLUMNS = ['start', 'duration', 'result', 'commit', 'cause', 'upstream', 'deleted'] as const;
export type BuildTable = Table<(typeof COLUMNS)[number]>;

export interface FolderState {
  readonly kind: 'folder';
  readonly spec: FolderSpec;
  name: string;
  readonly parent: FolderState | null;
  readonly children: Item[];
}

export interface JobState {
  readonly kind: 'job';
  readonly spec: JobSpec;
  /** Position in `JenkinsModel.jobs`; part of queue ids. */
  readonly index: number;
  name: string;
  readonly parent: FolderState | null;
  /** Row i is build number i + 1. */
  readonly builds: BuildTable;
  deletedCount: number;
  /** Builds a test stated outright (`JenkinsScript.addBuild`), by number. */
  readonly scripted: Map<number, ScriptedRun>;
}

/** What a test stated about one build instead of the world: its changes, branch, parameters, and whether it still runs. */
export interface ScriptedRun {
  /** Oldest first; the last is the commit the build checked out. */
  readonly changes: readonly Commit[];
  readonly branch: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly running: boolean;
}

export type Item = FolderState | JobState;

/** A build as the routes see it. */
export interface BuildRow {
  readonly job: JobState;
  readonly row: number;
  readonly number: number;
  readonly start: number;
  readonly duration: number;
  readonly building: boolean;
  readonly result: Result | null;
  readonly commit: number;
  readonly cause: number;
  readonly upstream: number;
  readonly scripted: ScriptedRun | null;
}

export function pathOf(item: Item): string[] {
  const names: string[] = [];
  for (let at: Item | null = item; at; at = at.parent) names.unshift(at.name);
  return names;
}

export function classOf(item: Item): string {
  if (item.kind === 'folder') return FOLDER_CLASS[item.spec.type === 'folder' ? 'folder' : item.spec.type];
  return item.spec.pipeline ? 'org.jenkinsci.plugins.workflow.job.WorkflowJob' : 'hudson.model.FreeStyleProject';
}

export interface JenkinsModelOptions {
  readonly hugeLogBytes?: number;
  /** The repositories builds check out (EXAMPLE_REMOTES unless the demo's Git host runs). */
  readonly remotes?: GitRemotes;
}

/** A Jenkins' jobs and builds, advanced lazily to the world's clock on each request. */
export class JenkinsModel {
  readonly root: FolderState = { kind: 'folder', spec: { type: 'folder', name: '', children: [] }, name: '', parent: null, children: [] };
  readonly jobs: JobState[] = [];
  readonly hugeLogBytes: number;
  readonly remotes: GitRemotes;
  private readonly pending = new Pending();
  private processed = 0;

  constructor(
    readonly world: CiWorld,
    layout: readonly ItemSpec[],
    options: JenkinsModelOptions = {},
  ) {
    this.hugeLogBytes = options.hugeLogBytes ?? HUGE_LOG_BYTES;
    this.remotes = options.remotes ?? EXAMPLE_REMOTES;
    for (const spec of layout) this.add(spec, this.root);
    for (const job of this.jobs) if (job.spec.feed.kind === 'periodic') fillPeriodic(this, job);
    this.advance(world.start);
  }

  private add(spec: ItemSpec, parent: FolderState): Item {
    if (spec.type === 'job') {
      const job: JobState = { kind: 'job', spec, index: this.jobs.length, name: spec.name, parent: parent === this.root ? null : parent, builds: new Table(COLUMNS), deletedCount: 0, scripted: new Map() };
      this.jobs.push(job);
      parent.children.push(job);
      return job;
    }
    const folder: FolderState = { kind: 'folder', spec, name: spec.name, parent: parent === this.root ? null : parent, children: [] };
    parent.children.push(folder);
    for (const child of spec.children) this.add(child, folder);
    return folder;
  }

  /** A job by its full name, made (a pipeline, in plain folders) when missing: for builds a test adds. */
  ensureJob(fullName: string): JobState {
    const names = fullName.split('/');
    let parent = this.root;
    for (const [depth, name] of names.entries()) {
      const last = depth === names.length - 1;
      const item = parent.children.find((child) => child.name === name) ?? this.add(last ? { type: 'job', name, pipeline: true, feed: { kind: 'scripted' } } : { type: 'folder', name, children: [] }, parent);
      if (last && item.kind === 'job') return item;
      if (item.kind !== 'folder') break;
      parent = item;
    }
    throw new Error(`"${fullName}" is not a job path on the Jenkins stand-in: one of its names is taken by a folder or a job`);
  }

  /** Brings history up to `now`: growth commits, their builds and deploys as they start. */
  advance(now: number = this.world.clock()): void {
    this.world.advance(now);
    for (; this.processed < this.world.commits.count; this.processed += 1) feedCommit(this, this.processed, this.pending);
    this.pending.runDue(now);
  }

  /** Adds about `percent` % new finished builds (on new commits), spread over the jobs. */
  grow(percent: number, commits?: readonly number[]): GrowResult {
    this.advance();
    return growJobs(this, percent, commits);
  }

  get totalBuilds(): number {
    return this.jobs.reduce((sum, job) => sum + job.builds.length - job.deletedCount, 0);
  }

  /** A job by its full name (`shop/storefront/main`), names as Jenkins stores them. */
  find(path: readonly string[]): Item | null {
    let items: readonly Item[] = this.root.children;
    let found: Item | null = null;
    for (const name of path) {
      found = items.find((item) => item.name === name) ?? null;
      if (!found) return null;
      items = found.kind === 'folder' ? found.children : [];
    }
    return found;
  }

  job(fullName: string): JobState {
    const item = this.find(fullName.split('/'));
    if (!item || item.kind !== 'job') throw new Error(`no job "${fullName}" on the Jenkins stand-in`);
    return item;
  }

  /** Starts a build now that runs for `durationMs` (it is `building` until then). */
  startBuild(fullName: string, options: { durationMs?: number; result?: Result } = {}): number {
    const job = this.job(fullName);
    const now = this.world.clock();
    const commit = this.world.commits.latestOn('main', this.world.commits.indexAt(now));
    const row = pushBuild(job, { start: now, duration: options.durationMs ?? 10 * 60_000, result: options.result ?? 'SUCCESS', commit, cause: CAUSE.user });
    return row + 1;
  }

  deleteBuild(fullName: string, number: number): void {
    const job = this.job(fullName);
    if (number < 1 || number > job.builds.length || job.builds.get(number - 1, 'deleted')) return;
    job.builds.set(number - 1, 'deleted', 1);
    job.deletedCount += 1;
  }

  /** Renames a job or folder, as "Rename" in Jenkins does (its URL and full name change). */
  rename(fullName: string, newName: string): void {
    const item = this.find(fullName.split('/'));
    if (!item) throw new Error(`no item "${fullName}" on the Jenkins stand-in`);
    item.name = newName;
  }

  build(job: JobState, number: number, now: number = this.world.clock()): BuildRow | null {
    const row = number - 1;
    if (row < 0 || row >= job.builds.length || job.builds.get(row, 'deleted')) return null;
    const t = job.builds;
    const start = t.get(row, 'start');
    const duration = t.get(row, 'duration');
    const scripted = job.scripted.get(number) ?? null;
    const building = scripted ? scripted.running : now < start + duration;
    return {
      job,
      row,
      number,
      start,
      duration,
      building,
      result: building ? null : (RESULTS[t.get(row, 'result')] ?? 'SUCCESS'),
      commit: t.get(row, 'commit'),
      cause: t.get(row, 'cause'),
      upstream: t.get(row, 'upstream'),
      scripted,
    };
  }

  /** Build numbers newest first, deleted builds left out. */
  numbers(job: JobState): { length: number; at: (i: number) => number } {
    const count = job.builds.length;
    if (job.deletedCount === 0) return { length: count, at: (i) => count - i };
    const live: number[] = [];
    for (let row = count - 1; row >= 0; row -= 1) if (!job.builds.get(row, 'deleted')) live.push(row + 1);
    return { length: live.length, at: (i) => live[i] ?? 0 };
  }

  /** The newest build matching `test`, scanning back from the last. */
  latest(job: JobState, test: (build: BuildRow) => boolean, now: number = this.world.clock()): BuildRow | null {
    for (let n = job.builds.length; n >= 1; n -= 1) {
      const build = this.build(job, n, now);
      if (build && test(build)) return build;
    }
    return null;
  }
}

export function pushBuild(
  job: JobState,
  row: { start: number; duration: number; result: Result; commit: number; cause: number; upstream?: number },
): number {
  const { start, duration, commit, cause } = row;
  return job.builds.push({ start, duration, result: RESULTS.indexOf(row.result), commit, cause, upstream: row.upstream ?? 0, deleted: 0 });
}
