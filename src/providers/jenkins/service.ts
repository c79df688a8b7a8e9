import type { Build, JobRef, QueuedBuild, Stage } from '../../domain/build';
import { isOpen } from '../../domain/build';
import type { ConnectionSecret, JenkinsConnection } from '../../domain/connection';
import { NotFound } from '../../domain/errors';
import type { ProviderDeps } from '../http/types';
import type { BuildPage, ConnectionTestResult, Provider, ProviderCursor } from '../provider';
import { SyncRun } from '../sync-run';
import { JenkinsClient } from './client';
import { DEFAULT_SYNC_LIMITS, planJob, type JenkinsCursor, type JobPlan, type SyncLimits } from './cursor';
import { discoverJobs } from './discover';
import { mapJenkinsBuild } from './map-build';
import { branchHintOf, jobRefFromPath } from './map-jobs';
import { mapQueueItem, mapStage } from './map-queue-stages';

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
   * folders deep), then one request per job with new or still-open builds.
   */
  async listBuildsSince(cursor: ProviderCursor | undefined): Promise<BuildPage> {
    const previous = cursor?.provider === 'jenkins' ? cursor.jobs : {};
    const run = new SyncRun(this.deps.budget);
    const jobs = await discoverJobs(this.client);
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
    return run.page({ provider: 'jenkins', version: 1, jobs: next });
  }

  async getBuild(jobId: string, number: number): Promise<Build> {
    const path = jobId.split('/');
    const answer = await this.client.build(path, number);
    return mapJenkinsBuild(answer.data, { connectionId: this.connection.id, job: this.refOf(path) });
  }

  /** Stages of a Pipeline run; NotFound (with a hint about the plugin) when Stage View is missing. */
  async getStages(jobId: string, number: number): Promise<Stage[]> {
    const answer = await this.client.stages(jobId.split('/'), number);
    return (answer.data.stages ?? []).map(mapStage);
  }

  async getQueue(): Promise<QueuedBuild[]> {
    return (await this.client.queue()).data.items.map(mapQueueItem);
  }

  async getQueueItem(id: number): Promise<QueuedBuild> {
    return mapQueueItem((await this.client.queueItem(id)).data);
  }

  private async readPlan(plan: JobPlan): Promise<Build[]> {
    const answer = await this.client.builds(plan.job.path, plan.count);
    const wires = answer.data.builds ?? answer.data.allBuilds ?? [];
    const context = { connectionId: this.connection.id, job: plan.job.ref, branchHint: branchHintOf(plan.job) };
    return wires.filter((w) => plan.wanted(w.number)).map((w) => mapJenkinsBuild(w, context));
  }

  private refOf(path: readonly string[]): JobRef {
    return jobRefFromPath(this.connection.baseUrl, path);
  }
}
