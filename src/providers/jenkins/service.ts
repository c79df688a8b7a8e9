import type { Build, JobRef } from '../../domain/build';
import { isOpen } from '../../domain/build';
import type { ConnectionSecret, JenkinsConnection } from '../../domain/connection';
import { NotFound, TimeoutError } from '../../domain/errors';
import type { ProviderDeps } from '../http/types';
import type { HistoryPage, HistoryPosition, HistoryRequest } from '../history';
import type { BuildPage, ConnectionTestResult, Provider, ProviderCursor } from '../provider';
import { SyncRun } from '../sync-run';
import { contextOfJob, contextOfPath } from './build-context';
import { JenkinsClient } from './client';
import { DEFAULT_SYNC_LIMITS, planJob, type JenkinsCursor, type JobPlan, type SyncLimits } from './cursor';
import { discoverJobs, STEPWISE_JOBS } from './discover';
import { jenkinsHistory } from './history';
import { mapJenkinsBuild } from './map-build';
import type { JenkinsJob } from './map-jobs';
import type { WireBuild } from './wire';

/** Time a step-by-step read needs left after the one-answer read timed out, else the timeout stands. */
const STEPWISE_MIN_MS = 30_000;

export class JenkinsProvider implements Provider {
  readonly kind = 'jenkins' as const;
  private readonly client: JenkinsClient;

  constructor(
    private readonly connection: JenkinsConnection,
    secret: ConnectionSecret,
    private readonly deps: ProviderDeps,
    private readonly limits: SyncLimits = DEFAULT_SYNC_LIMITS,
  ) {
    this.client = new JenkinsClient(connection, secret, deps);
  }

  get connectionId(): string {
    return this.connection.id;
  }

  async testConnection(): Promise<ConnectionTestResult> {
    const root = await this.client.root();
    const me = await this.client.whoAmI();
    const warnings: string[] = [];
    const version = root.headers.get('x-jenkins');
    if (!version) warnings.push('The answer had no X-Jenkins header: check that the URL points at Jenkins and not at a proxy page.');
    if (me.data.anonymous) {
      warnings.push('Jenkins treated the requests as anonymous: a proxy may be stripping the Authorization header.');
    }
    if (!root.data.jobs?.length) {
      warnings.push('The user sees no jobs at the top level: grant it Job/Read, or check that jobs exist.');
    }
    return { provider: 'jenkins', serverVersion: version, user: me.data.name ?? null, warnings };
  }

  async listJobs(): Promise<JobRef[]> {
    return (await discoverJobs(this.client)).map((job) => job.ref);
  }

  /**
   * One overview request when nothing changed (every job's last build number, TREE_LEVELS of
   * folders deep), then one request per job with new or still-open builds. A first sync, and an
   * instance past STEPWISE_JOBS, read the jobs a folder and a page at a time instead (discover.ts).
   */
  async listBuildsSince(cursor: ProviderCursor | undefined): Promise<BuildPage> {
    const previous = cursor?.provider === 'jenkins' ? cursor.jobs : {};
    const run = new SyncRun(this.deps.budget);
    const jobs = await this.discover(cursor?.provider === 'jenkins' && cursor.stepwise === true);
    const next: JenkinsCursor['jobs'] = {};
    for (const job of jobs) {
      const id = job.ref.id;
      const entry = previous[id];
      const plan = planJob(job, entry, this.limits);
      const result = plan ? await run.step(id, () => this.readPlan(plan)) : null;
      if (result?.kind === 'done') {
        run.builds.push(...result.value);
        const open = result.value.filter((b) => isOpen(b.state)).map((b) => b.number);
        next[id] = { last: job.lastBuild ?? 0, ...(open.length ? { open: open.slice(0, 50) } : {}) };
      } else if (entry && !(result?.kind === 'skipped' && result.error instanceof NotFound)) {
        // Unchanged, stopped before it, or failed alone: look again from the same point next run.
        next[id] = entry;
      }
    }
    return run.page({ provider: 'jenkins', version: 1, ...(jobs.length > STEPWISE_JOBS ? { stepwise: true as const } : {}), jobs: next });
  }

  async listBuildsBefore(position: HistoryPosition | undefined, request: HistoryRequest): Promise<HistoryPage> {
    const run = new SyncRun(this.deps.budget);
    const usedBefore = this.deps.budget.used;
    const previous = position?.provider === 'jenkins' ? position : undefined;
    const read = await jenkinsHistory(this.client, this.connection.id, run, previous, request, this.deps.clock.now());
    return { ...read, stoppedBy: run.stoppedBy, problems: run.problems, requests: this.deps.budget.used - usedBefore };
  }

  /**
   * One build, mapped as the sync maps it (the branch rule included). Kept for targeted reads of a
   * single build, such as a push notification naming one (issue 15).
   */
  async getBuild(jobId: string, number: number): Promise<Build> {
    const path = jobId.split('/');
    const [answer, context] = await Promise.all([this.client.build(path, number), contextOfPath(this.client, this.connection.id, path)]);
    return mapJenkinsBuild(answer.data, context);
  }

  /**
   * The jobs, in one answer unless the last run found the instance big. An instance that outgrew
   * one answer since (or on its first sync) times out on it once, then is read step by step, and
   * its cursor says so from then on.
   */
  private async discover(stepwise: boolean): Promise<JenkinsJob[]> {
    if (stepwise) return discoverJobs(this.client, { stepwise });
    try {
      return await discoverJobs(this.client);
    } catch (error) {
      if (!(error instanceof TimeoutError) || this.deps.remainingMillis() < STEPWISE_MIN_MS) throw error;
      return discoverJobs(this.client, { stepwise: true });
    }
  }

  private async readPlan(plan: JobPlan): Promise<Build[]> {
    const answer = await this.client.builds(plan.job.path, plan.count);
    let wires = (answer.data.builds ?? answer.data.allBuilds ?? []).filter((w) => plan.wanted(w.number));
    if (wires.some(lacksGitChangeFields)) {
      // Other SCMs and old Jenkins: the same range again with their fields. Merged by number, so a
      // build that started in between (shifting the range) cannot push a wanted one out.
      const again = await this.client.builds(plan.job.path, plan.count, true);
      const legacy = new Map((again.data.builds ?? again.data.allBuilds ?? []).map((w) => [w.number, w]));
      wires = wires.map((w) => legacy.get(w.number) ?? w);
    }
    const context = contextOfJob(this.connection.id, plan.job);
    return wires.map((w) => mapJenkinsBuild(w, context));
  }
}

/** A change entry without git's `commitId` or `comment`: its commit or message is in `id` or `msg`. */
function lacksGitChangeFields(wire: WireBuild): boolean {
  const sets = wire.changeSets ?? (wire.changeSet ? [wire.changeSet] : []);
  return sets.some((set) => (set.items ?? []).some((item) => !item.commitId || typeof item.comment !== 'string'));
}
