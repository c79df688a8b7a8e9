import type { Build } from '../../domain/build';
import { InvalidResponse } from '../../domain/errors';
import type { HistoryPage, HistoryRequest } from '../history';
import { timeFraction } from '../history';
import type { SyncRun } from '../sync-run';
import type { CircleCiClient } from './client';
import type { WirePipeline } from './wire';

type Position = Extract<HistoryPage['position'], { provider: 'circleci' }>;

/**
 * History of CircleCI projects, one after the other in the connection's order: each project's
 * pipelines newest first, 20 a page with `page-token`, until one older than `until` or the last
 * page. A page is kept (its token) until every pipeline on it is read, since each costs one more
 * request for its workflows; those already read are left out by number (`below`). A token
 * CircleCI no longer accepts starts the project's listing again from its first page.
 */
export async function circleCiHistory(
  client: CircleCiClient,
  slugs: readonly string[],
  toBuild: (pipeline: WirePipeline) => Promise<Build>,
  run: SyncRun,
  previous: Position | undefined,
  request: HistoryRequest,
  now: number,
): Promise<Omit<HistoryPage, 'requests' | 'problems' | 'stoppedBy'>> {
  const from = previous?.from ?? new Date(now).toISOString();
  const until = Date.parse(request.until);
  let index = previous?.project === undefined ? (previous ? slugs.length : 0) : slugs.indexOf(previous.project);
  if (index === -1) index = Math.min(previous?.projectsDone ?? 0, slugs.length);
  let pageToken = previous?.pageToken;
  let below = previous?.below;
  let projectsDone = previous?.projectsDone ?? 0;
  let reached: number | null = null;
  const builds: Build[] = [];
  const nextProject = () => {
    index += 1;
    projectsDone += 1;
    pageToken = undefined;
    below = undefined;
    reached = null;
  };

  while (index < slugs.length && builds.length < request.maxBuilds && !run.stopped) {
    const slug = slugs[index] ?? '';
    const token = pageToken;
    const page = await run.step(slug, () => client.pipelines(slug, token ?? null));
    if (page.kind === 'stopped') break;
    if (page.kind === 'skipped') {
      if (token !== undefined && page.error instanceof InvalidResponse) pageToken = undefined;
      else nextProject();
      continue;
    }
    let older = false;
    let finished = true;
    for (const pipeline of page.value.data.items) {
      if (below !== undefined && pipeline.number >= below) continue;
      const created = pipeline.created_at ? Date.parse(pipeline.created_at) : NaN;
      if (created < until) {
        older = true;
        break;
      }
      if (Number.isFinite(created) && created > Date.parse(from)) continue;
      const read = await run.step(`${slug}#${pipeline.number}`, () => toBuild(pipeline));
      if (read.kind === 'stopped') {
        finished = false;
        break;
      }
      if (read.kind === 'done') builds.push(read.value);
      below = pipeline.number;
      if (Number.isFinite(created)) reached = reached === null ? created : Math.min(reached, created);
      if (builds.length >= request.maxBuilds) {
        finished = false;
        break;
      }
    }
    if (!finished) break;
    const next = page.value.data.next_page_token ?? null;
    if (older || !next) nextProject();
    else pageToken = next;
  }
  const project = slugs[index];
  const position: Position = {
    provider: 'circleci',
    version: 1,
    from,
    ...(project !== undefined ? { project } : {}),
    ...(project !== undefined && pageToken !== undefined ? { pageToken } : {}),
    ...(project !== undefined && below !== undefined ? { below } : {}),
    projectsDone: Math.min(projectsDone, slugs.length),
  };
  const done = index >= slugs.length;
  const within = timeFraction(Date.parse(from), until, reached);
  return { builds, position, done, fractionDone: done ? 1 : slugs.length ? Math.min(1, (position.projectsDone + within) / slugs.length) : 1 };
}
