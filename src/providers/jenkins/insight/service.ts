import type { ConnectionSecret, JenkinsConnection } from '../../../domain/connection';
import { NotFound } from '../../../domain/errors';
import {
  StagesUnavailable,
  type BuildDetails,
  type BuildSelector,
  type JobDetails,
  type JobListing,
  type LogExcerpt,
  type PipelineRun,
  type QueueSnapshot,
} from '../../../domain/jenkins-insight';
import { isoFromMillis } from '../../../domain/build';
import type { ProviderDeps } from '../../http/types';
import { contextOfPath } from '../build-context';
import { JenkinsClient } from '../client';
import { mapJenkinsBuild, stopReasonsOf } from '../map-build';
import { mapStage, stageState } from '../map-queue-stages';
import { mapJobDetails } from './job-details';
import { DEFAULT_LISTING_LIMITS, listJobs, type ListingLimits } from './list-jobs';
import { DEFAULT_EXCERPT, type ExcerptOptions } from './log-excerpt';
import { mapQueue } from './queue';
import { DEFAULT_LOG_BUDGET_BYTES, readLog } from './read-log';
import { buildLabel, buildRefOf, jobPathOf } from './refs';

export interface LogOptions extends Partial<ExcerptOptions> {
  /** Most bytes of the log to download (its tail). */
  readonly budgetBytes?: number;
}

const PIPELINE_RUN = /WorkflowRun$/;

/**
 * Read-only answers about one Jenkins: jobs, job health, builds, logs, the queue and Pipeline
 * stages. Jobs are named by full name (`folder/sub/job`, as `JobRef.id`), builds by number or
 * permalink. Every failure is a typed DomainError from the shared HTTP layer, or one of
 * StagesUnavailable and InvalidJobReference.
 */
export class JenkinsInsight {
  private readonly client: JenkinsClient;

  constructor(
    private readonly connection: JenkinsConnection,
    secret: ConnectionSecret,
    private readonly deps: ProviderDeps,
    private readonly listing: ListingLimits = DEFAULT_LISTING_LIMITS,
  ) {
    this.client = new JenkinsClient(connection, secret, deps);
  }

  get connectionId(): string {
    return this.connection.id;
  }

  /** Everything below a folder (full name), or below the root when `folder` is empty. */
  listJobs(folder = ''): Promise<JobListing> {
    return listJobs(this.client, folder ? jobPathOf(folder) : [], this.listing);
  }

  async jobDetails(jobId: string): Promise<JobDetails> {
    const path = jobPathOf(jobId);
    return mapJobDetails((await this.client.jobDetails(path)).data, this.connection.baseUrl, path);
  }

  async buildDetails(jobId: string, selector: BuildSelector): Promise<BuildDetails> {
    const path = jobPathOf(jobId);
    const [answer, context] = await Promise.all([
      this.client.buildDetails(path, buildRefOf(selector)),
      contextOfPath(this.client, this.connection.id, path),
    ]);
    const wire = answer.data;
    return {
      build: mapJenkinsBuild(wire, context),
      displayName: wire.displayName ?? null,
      description: wire.description ? wire.description : null,
      building: wire.building === true,
      isPipeline: wire._class ? PIPELINE_RUN.test(wire._class) : null,
      estimatedDurationMs: typeof wire.estimatedDuration === 'number' && wire.estimatedDuration > 0 ? wire.estimatedDuration : null,
      stoppedBy: stopReasonsOf(wire.actions ?? []),
    };
  }

  /** The tail of the build's log plus the lines around the first error, within `budgetBytes` downloaded. */
  async buildLog(jobId: string, selector: BuildSelector, options: LogOptions = {}): Promise<LogExcerpt> {
    const path = jobPathOf(jobId);
    const buildNumber = await this.numberOf(path, selector);
    const { budgetBytes = DEFAULT_LOG_BUDGET_BYTES, ...excerpt } = options;
    return readLog(this.client, path, { jobId, buildNumber }, budgetBytes, { ...DEFAULT_EXCERPT, ...excerpt });
  }

  async queue(): Promise<QueueSnapshot> {
    return mapQueue((await this.client.queue()).data.items, this.deps.clock.now());
  }

  /**
   * Stages from the Pipeline Stage View REST API. A build that is not a Pipeline run, or a Jenkins
   * without the plugin (404), gives StagesUnavailable; the 404's own message and hint are kept.
   */
  async pipelineRun(jobId: string, selector: BuildSelector): Promise<PipelineRun> {
    const path = jobPathOf(jobId);
    const identity = (await this.client.buildIdentity(path, buildRefOf(selector))).data;
    const label = buildLabel(jobId, identity.number);
    if (identity._class && !PIPELINE_RUN.test(identity._class)) {
      throw new StagesUnavailable(
        'not-a-pipeline',
        `${label} is not a Pipeline run (it is a ${identity._class.split('.').pop() ?? identity._class}), so it has no stages.`,
        'Only Pipeline jobs (a Jenkinsfile) have stages. Build details and the build log work for every kind of job.',
      );
    }
    const run = await this.client.stages(path, identity.number).catch((error: unknown) => {
      if (error instanceof NotFound) throw new StagesUnavailable('no-stage-data', error.message, error.hint, error);
      throw error;
    });
    return {
      jobId,
      buildNumber: identity.number,
      name: run.data.name,
      state: stageState(run.data.status),
      rawState: run.data.status ?? null,
      startedAt: isoFromMillis(run.data.startTimeMillis),
      durationMs: typeof run.data.durationMillis === 'number' && run.data.durationMillis >= 0 ? run.data.durationMillis : null,
      stages: (run.data.stages ?? []).map(mapStage),
    };
  }

  /** A permalink costs one small request to learn its number; a number is used as is. */
  private async numberOf(path: readonly string[], selector: BuildSelector): Promise<number> {
    const ref = buildRefOf(selector);
    if (typeof ref === 'number') return ref;
    return (await this.client.buildIdentity(path, ref)).data.number;
  }
}
