import { isOpen, type Build, type JobRef, type Stage } from '../../domain/build';
import type { CircleCiConnection, ConnectionSecret } from '../../domain/connection';
import { NotFound } from '../../domain/errors';
import type { ProviderDeps } from '../http/types';
import type { HistoryPage, HistoryPosition, HistoryRequest } from '../history';
import type { BuildPage, ConnectionTestResult, Provider, ProviderCursor } from '../provider';
import { SyncRun } from '../sync-run';
import { CircleCiClient } from './client';
import type { CircleCiCursor, CircleCiCursorEntry } from './cursor';
import { circleCiHistory } from './history';
import { mapCircleCiJob, mapCircleCiPipeline, projectRef } from './map';
import type { WirePipeline } from './wire';

export interface CircleCiSyncOptions {
  /** Pipelines read from a project the sync has not seen before. */
  readonly initialPipelines: number;
  /** Pages of 20 pipelines read per project and run. */
  readonly maxPages: number;
}

export const DEFAULT_CIRCLECI_SYNC: CircleCiSyncOptions = { initialPipelines: 10, maxPages: 5 };

export class CircleCiProvider implements Provider {
  readonly kind = 'circleci' as const;
  private readonly client: CircleCiClient;

  constructor(
    private readonly connection: CircleCiConnection,
    secret: ConnectionSecret,
    private readonly deps: ProviderDeps,
    private readonly options: CircleCiSyncOptions = DEFAULT_CIRCLECI_SYNC,
  ) {
    this.client = new CircleCiClient(connection, secret, deps);
  }

  get connectionId(): string {
    return this.connection.id;
  }

  /** `/api/v2/me` proves the token; each project is then read once to prove its slug. */
  async testConnection(): Promise<ConnectionTestResult> {
    const me = await this.client.me();
    for (const slug of this.connection.projectSlugs) await this.client.project(slug);
    return { provider: 'circleci', serverVersion: null, user: me.data.login || me.data.name || null, warnings: [] };
  }

  async listJobs(): Promise<JobRef[]> {
    return this.connection.projectSlugs.map((slug) => projectRef(slug, this.client.base));
  }

  /** Per project: one request when nothing changed, plus one per new or still-open pipeline (its workflows). */
  async listBuildsSince(cursor: ProviderCursor | undefined): Promise<BuildPage> {
    const previous = cursor?.provider === 'circleci' ? cursor.projects : {};
    const run = new SyncRun(this.deps.budget);
    const next: CircleCiCursor['projects'] = {};
    for (const slug of this.connection.projectSlugs) {
      const entry = previous[slug];
      const result = await run.step(slug, () => this.syncProject(slug, entry));
      if (result.kind === 'done') {
        run.builds.push(...result.value.builds);
        next[slug] = result.value.entry;
      } else if (entry && !(result.kind === 'skipped' && result.error instanceof NotFound)) {
        next[slug] = entry;
      }
    }
    return run.page({ provider: 'circleci', version: 1, projects: next });
  }

  async listBuildsBefore(position: HistoryPosition | undefined, request: HistoryRequest): Promise<HistoryPage> {
    const run = new SyncRun(this.deps.budget);
    const usedBefore = this.deps.budget.used;
    const previous = position?.provider === 'circleci' ? position : undefined;
    const slugs = this.connection.projectSlugs;
    const read = await circleCiHistory(this.client, slugs, (p) => this.toBuild(p), run, previous, request, this.deps.clock.now());
    return { ...read, stoppedBy: run.stoppedBy, problems: run.problems, requests: this.deps.budget.used - usedBefore };
  }

  async getBuild(jobId: string, number: number): Promise<Build> {
    const pipeline = (await this.client.pipelineByNumber(jobId, number)).data;
    return this.toBuild(pipeline);
  }

  /** The jobs of one workflow, as stages. */
  async getWorkflowJobs(workflowId: string): Promise<Stage[]> {
    return (await this.client.jobs(workflowId)).data.items.map(mapCircleCiJob);
  }

  private async syncProject(slug: string, entry: CircleCiCursorEntry | undefined): Promise<{ builds: Build[]; entry: CircleCiCursorEntry }> {
    const seen = await this.newestPipelines(slug, entry);
    const fresh = entry ? seen.filter((p) => p.number > entry.last) : seen.slice(0, this.options.initialPipelines);
    const reread: WirePipeline[] = [];
    for (const open of entry?.open ?? []) {
      if (fresh.some((p) => p.id === open.id)) continue;
      reread.push(seen.find((p) => p.id === open.id) ?? (await this.client.pipeline(open.id)).data);
    }
    const builds: Build[] = [];
    for (const pipeline of [...fresh, ...reread]) builds.push(await this.toBuild(pipeline));
    const last = Math.max(entry?.last ?? 0, ...fresh.map((p) => p.number));
    const open = builds.filter((b) => isOpen(b.state)).flatMap((b) => {
      const pipeline = [...fresh, ...reread].find((p) => p.number === b.number);
      return pipeline ? [{ id: pipeline.id, number: pipeline.number }] : [];
    });
    return { builds, entry: { last, ...(open.length ? { open: open.slice(0, 50) } : {}) } };
  }

  /** Pages newest first until the last pipeline already seen (or enough for a first sync). */
  private async newestPipelines(slug: string, entry: CircleCiCursorEntry | undefined): Promise<WirePipeline[]> {
    const seen: WirePipeline[] = [];
    let token: string | null = null;
    for (let page = 0; page < this.options.maxPages; page += 1) {
      const answer = await this.client.pipelines(slug, token);
      // Pages can overlap while new pipelines arrive: each pipeline once.
      seen.push(...answer.data.items.filter((p) => !seen.some((s) => s.id === p.id)));
      const enough = entry ? answer.data.items.some((p) => p.number <= entry.last) : seen.length >= this.options.initialPipelines;
      token = answer.data.next_page_token ?? null;
      if (enough || !token) break;
    }
    return seen;
  }

  private async toBuild(pipeline: WirePipeline): Promise<Build> {
    const workflows = await this.client.workflows(pipeline.id);
    return mapCircleCiPipeline(pipeline, workflows, { connectionId: this.connection.id, apiBaseUrl: this.client.base });
  }
}
