import { repositoryWebUrl } from '../../domain/repository-url';
import type { SyncRun } from '../sync-run';
import type { BuildkiteClient } from './client';
import { bounded, repositoryLookup, REFRESH_AFTER_MS, UNKNOWN_FLOOR_MS, type PipelineRepositories } from './repository-record';
import type { WireBuild } from './wire';

/** What a build names itself, when it carries its pipeline (a webhook's payload, a build asked for whole). */
export const ownRepository = (build: WireBuild): string | null => repositoryWebUrl(build.pipeline?.repository);

export interface RefreshWhen {
  readonly now: number;
  /** New builds moved the cursor: the write the refresh needs is made anyway. */
  readonly moved: boolean;
}

export function needsRefresh(record: PipelineRepositories | undefined, builds: readonly WireBuild[], when: RefreshWhen): boolean {
  if (builds.length === 0) return false;
  const age = record ? when.now - Date.parse(record.readAt) : Number.POSITIVE_INFINITY;
  const known = repositoryLookup(record);
  const unknown = builds.some((b) => known(b.pipelineSlug) === undefined && !ownRepository(b));
  return (unknown && age >= UNKNOWN_FLOOR_MS) || (record !== undefined && when.moved && age >= REFRESH_AFTER_MS);
}

/**
 * The record after this run: refreshed from the pipelines listing when needsRefresh says so,
 * otherwise unchanged. A listing stopped by the budget or a rate limit changes nothing (the next
 * run asks again); one refused (no read_pipelines scope) keeps what was known and counts as read,
 * so it is asked again a day later, not on every run.
 */
export async function pipelineRepositories(
  client: BuildkiteClient,
  run: SyncRun,
  record: PipelineRepositories | undefined,
  builds: readonly WireBuild[],
  when: RefreshWhen,
): Promise<PipelineRepositories | undefined> {
  if (!needsRefresh(record, builds, when)) return record;
  const listing = await run.step('pipelines', () => client.pipelines());
  if (listing.kind === 'stopped') return record;
  const listed = new Map<string, string | null>();
  for (const pipeline of listing.kind === 'done' ? listing.value.items : []) listed.set(pipeline.slug, repositoryWebUrl(pipeline.repository));
  const complete = listing.kind === 'done' && !listing.value.truncated;
  const previous = repositoryLookup(record);
  const entries: [string, string | null][] = [];
  // This run's pipelines first, so the byte bound never drops them; each one is known from now on.
  for (const build of builds) entries.push([build.pipelineSlug, listed.get(build.pipelineSlug) ?? ownRepository(build) ?? previous(build.pipelineSlug) ?? null]);
  entries.push(...listed);
  if (!complete) for (const [url, slugs] of Object.entries(record?.repositories ?? {})) for (const name of slugs) entries.push([name, url]);
  return bounded(entries, new Date(when.now).toISOString());
}
