import { z } from 'zod';

/**
 * Which repository each pipeline builds, kept in the Buildkite cursor. Builds are listed without
 * their pipeline (`exclude_pipeline`, see client.ts), so the pipelines listing says it instead, read
 * only when a run has a build of a pipeline this record does not know (at most every
 * UNKNOWN_FLOOR_MS, so pipelines the listing does not show cannot make every run read it), or when
 * new builds arrive and the record is a day old. A run with nothing new never reads it and never
 * changes it: an idle run stays one request and no write.
 */
export const REFRESH_AFTER_MS = 24 * 3600_000;
export const UNKNOWN_FLOOR_MS = 15 * 60_000;
/** Beside the open builds, well within the cursor store's values (and Forge's 240 KiB). */
export const MAX_RECORD_BYTES = 32 * 1024;
const MAX_URL_CHARS = 500;

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const slug = z.string().min(1).max(255);

/** Grouped by repository: most organisations build a few repositories from many pipelines. */
export const pipelineRepositoriesSchema = z
  .object({
    readAt: z.iso.datetime({ offset: true }),
    /** Web address to the slugs of the pipelines that build it. */
    repositories: z.record(z.string().min(1).max(MAX_URL_CHARS), z.array(slug)),
    /** Pipelines known to name no repository with a web address, or not shown by the listing. */
    none: z.array(slug),
  })
  .refine((record) => bytesOf(record) <= MAX_RECORD_BYTES, { message: `at most ${MAX_RECORD_BYTES} bytes` });
export type PipelineRepositories = z.infer<typeof pipelineRepositoriesSchema>;

/** A pipeline's repository web address: undefined when the record does not know the pipeline, null when it has none. */
export type RepositoryLookup = (pipelineSlug: string) => string | null | undefined;

export function repositoryLookup(record: PipelineRepositories | undefined): RepositoryLookup {
  const bySlug = new Map<string, string | null>();
  for (const name of record?.none ?? []) bySlug.set(name, null);
  for (const [url, slugs] of Object.entries(record?.repositories ?? {})) for (const name of slugs) bySlug.set(name, url);
  return (pipelineSlug) => bySlug.get(pipelineSlug);
}

/** The first entry of each slug, while the record stays within MAX_RECORD_BYTES. */
export function bounded(entries: readonly [string, string | null][], readAt: string): PipelineRepositories {
  const record: PipelineRepositories = { readAt, repositories: {}, none: [] };
  const seen = new Set<string>();
  // Counted as JSON writes them (escapes included), with a comma per entry and a key's colon and brackets.
  let bytes = bytesOf(record);
  for (const [name, url] of entries) {
    if (seen.has(name) || !slug.safeParse(name).success) continue;
    const usable = url && url.length <= MAX_URL_CHARS ? url : null;
    const cost = bytesOf(name) + 1 + (usable && !record.repositories[usable] ? bytesOf(usable) + 4 : 0);
    if (bytes + cost > MAX_RECORD_BYTES) continue;
    seen.add(name);
    bytes += cost;
    if (usable) (record.repositories[usable] ??= []).push(name);
    else record.none.push(name);
  }
  return record;
}
