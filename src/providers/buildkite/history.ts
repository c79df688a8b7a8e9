import type { Build } from '../../domain/build';
import type { HistoryPage, HistoryRequest } from '../history';
import { timeFraction } from '../history';
import type { SyncRun } from '../sync-run';
import type { BuildkiteClient } from './client';
import { oldest } from './cursor';
import { mapBuildkiteBuild } from './map';

type Position = Extract<HistoryPage['position'], { provider: 'buildkite' }>;

/** Builds a page of the organisation's list holds at most (`per_page`, Buildkite's maximum). */
const PER_PAGE = 100;

/**
 * History of a Buildkite organisation, newest first: `created_from=until` and `created_to` just
 * past the oldest creation time read so far (Buildkite's `created_to` is exclusive: "created before
 * the given time"), following `Link` pages. The instant itself is asked again, so builds created in
 * the same millisecond as the last one read are not lost; those already read are named in `seen`.
 * Builds created after the import started are the regular sync's.
 */
export async function buildkiteHistory(
  client: BuildkiteClient,
  connectionId: string,
  run: SyncRun,
  previous: Position | undefined,
  request: HistoryRequest,
  now: number,
): Promise<Omit<HistoryPage, 'requests' | 'problems' | 'stoppedBy'>> {
  const start: Position = previous ?? { provider: 'buildkite', version: 1, from: new Date(now).toISOString(), createdTo: new Date(now).toISOString(), seen: [] };
  const pages = Math.max(1, Math.ceil(request.maxBuilds / PER_PAGE));
  const to = new Date(Date.parse(start.createdTo) + 1).toISOString();
  const listing = await run.step('history', () => client.builds({ created_from: request.until, created_to: to }, pages));
  const fractionOf = (position: Position) => timeFraction(Date.parse(position.from), Date.parse(request.until), Date.parse(position.createdTo));
  if (listing.kind !== 'done') return { builds: [], position: start, done: false, fractionDone: fractionOf(start) };

  const seen = new Set(start.seen);
  const fresh = listing.value.items.filter((b) => !seen.has(b.id));
  const builds: Build[] = fresh.map((b) => mapBuildkiteBuild(b, connectionId));
  const boundary = oldest(listing.value.items.map((b) => b.created_at)) ?? start.createdTo;
  const atBoundary = listing.value.items.filter((b) => b.created_at && Date.parse(b.created_at) === Date.parse(boundary)).map((b) => b.id);
  const carried = Date.parse(boundary) === Date.parse(start.createdTo) ? start.seen : [];
  const position: Position = { ...start, createdTo: boundary, seen: [...new Set([...carried, ...atBoundary])].slice(-100) };
  const done = !listing.value.truncated;
  return { builds, position, done, fractionDone: done ? 1 : fractionOf(position) };
}
