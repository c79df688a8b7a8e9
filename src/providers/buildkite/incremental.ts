import { isoFromText, isOpen } from '../../domain/build';
import { NotFound } from '../../domain/errors';
import type { SyncRun } from '../sync-run';
import type { BuildkiteClient } from './client';
import { advance, MAX_OPEN_BUILDS, mergeGaps, oldest, UNFINISHED_STATES, type BuildkiteCursor, type OpenBuild } from './cursor';
import { buildkiteState } from './map';
import type { WireBuild } from './wire';

/** Open builds created this long before the cursor are covered by starting the one query earlier. */
export const OPEN_REACH_MS = 30 * 60_000;
/** Older open builds are read one by one: at most this many a run, oldest first. */
export const MAX_OPEN_REREADS = 10;

export interface Window {
  readonly lookbackMs: number;
  readonly overlapMs: number;
  readonly now: number;
}

export interface Outcome {
  readonly builds: WireBuild[];
  readonly cursor: BuildkiteCursor;
}

const iso = (millis: number) => new Date(millis).toISOString();

/** The first sync: builds finished in the look-back window, and builds created in it that still run. */
export async function firstSync(client: BuildkiteClient, run: SyncRun, window: Window): Promise<Outcome> {
  const start = iso(window.now - window.lookbackMs);
  const from = iso(window.now - window.lookbackMs - window.overlapMs);
  const finished = await run.step('finished builds', () => client.builds({ finished_from: from }));
  const started = await run.step('running builds', () => client.builds({ created_from: from, 'state[]': UNFINISHED_STATES }));
  const finishedBuilds = finished.kind === 'done' ? finished.value.items : [];
  const startedBuilds = started.kind === 'done' ? started.value.items : [];
  const seen = new Map<string, WireBuild>();
  // Finished answers win: a build may have finished between the two queries.
  for (const build of [...startedBuilds, ...finishedBuilds]) seen.set(build.id, build);
  // Only builds inside the window are tracked: an answer outside it cannot be asked for again the same way.
  const inWindow = [...seen.values()].filter((b) => Date.parse(b.created_at ?? '') >= Date.parse(from));
  const tracked = trackOpen([], new Map(inWindow.map((b) => [b.id, b])), new Set());
  const gap = finished.kind === 'done' && finished.value.truncated ? { from, to: oldest(finishedBuilds.map((b) => b.created_at)) ?? start } : undefined;
  const cursor: BuildkiteCursor = {
    provider: 'buildkite',
    version: 1,
    finishedFrom: finished.kind === 'done' ? advance(start, finishedBuilds.map((b) => b.finished_at)) : start,
    createdFrom: finished.kind === 'done' && started.kind === 'done' ? advance(start, [...seen.values()].map((b) => b.created_at)) : start,
    ...(tracked.open.length ? { open: tracked.open } : {}),
    ...(gap ? { gap } : {}),
  };
  return { builds: [...seen.values()], cursor: holdBack(cursor, tracked.holdFrom) };
}

/**
 * Every later sync: one `created_from` query in all states (reaching back to recent open builds),
 * then the gap left by a listing cut short, then open builds too old for the query, one by one.
 */
export async function nextSync(client: BuildkiteClient, run: SyncRun, cursor: BuildkiteCursor, window: Window): Promise<Outcome> {
  const createdFrom = Date.parse(cursor.createdFrom);
  const opens = cursor.open ?? [];
  const reachFloor = createdFrom - OPEN_REACH_MS;
  const nearby = opens.map((o) => Date.parse(o.createdAt)).filter((t) => t >= reachFloor);
  const from = iso(Math.min(createdFrom - window.overlapMs, ...nearby));
  const seen = new Map<string, WireBuild>();
  const latest = await run.step('new builds', () => client.builds({ created_from: from }));
  const latestItems = latest.kind === 'done' ? latest.value.items : [];
  for (const build of latestItems) seen.set(build.id, build);

  let gap = cursor.gap;
  if (gap) {
    const range = gap;
    const older = await run.step('older builds', () => client.builds({ created_from: range.from, created_to: range.to }));
    if (older.kind === 'done') {
      for (const build of older.value.items) seen.set(build.id, build);
      gap = older.value.truncated ? { from: range.from, to: oldest(older.value.items.map((b) => b.created_at)) ?? range.to } : undefined;
    }
  }
  if (latest.kind === 'done' && latest.value.truncated) {
    gap = mergeGaps(gap, { from, to: oldest(latestItems.map((b) => b.created_at)) ?? cursor.createdFrom });
  }

  const gone = new Set<string>();
  const far = opens
    .filter((o) => Date.parse(o.createdAt) < reachFloor && !seen.has(o.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, MAX_OPEN_REREADS);
  for (const open of far) {
    const answer = await run.step(`${open.pipeline}#${open.number}`, () => client.build(open.pipeline, open.number));
    if (answer.kind === 'done') seen.set(open.id, answer.value.data);
    // Deleted since it was seen: nothing left to follow.
    else if (answer.kind === 'skipped' && answer.error instanceof NotFound) gone.add(open.id);
  }

  const builds = [...seen.values()];
  const tracked = trackOpen(opens, seen, gone);
  const next: BuildkiteCursor = {
    provider: 'buildkite',
    version: 1,
    finishedFrom: cursor.finishedFrom,
    createdFrom: latest.kind === 'done' ? advance(cursor.createdFrom, latestItems.map((b) => b.created_at)) : cursor.createdFrom,
    ...(tracked.open.length ? { open: tracked.open } : {}),
    ...(gap ? { gap } : {}),
  };
  return { builds, cursor: holdBack(next, tracked.holdFrom) };
}

/**
 * Open builds after this run: those still unseen keep their place, those seen are tracked again
 * if still unfinished. Past MAX_OPEN_BUILDS the newest are not listed: `holdFrom` keeps the
 * cursor at the oldest of them, so the next query reaches back and sees them all again.
 */
function trackOpen(previous: readonly OpenBuild[], seen: ReadonlyMap<string, WireBuild>, gone: ReadonlySet<string>) {
  const byId = new Map<string, OpenBuild>();
  for (const open of previous) if (!seen.has(open.id) && !gone.has(open.id)) byId.set(open.id, open);
  for (const build of seen.values()) {
    const createdAt = isoFromText(build.created_at);
    if (createdAt && isOpen(buildkiteState(build.state, build.blocked_state))) {
      byId.set(build.id, { id: build.id, pipeline: build.pipelineSlug, number: build.number, createdAt });
    }
  }
  const sorted = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { open: sorted.slice(0, MAX_OPEN_BUILDS), holdFrom: sorted[MAX_OPEN_BUILDS]?.createdAt };
}

function holdBack(cursor: BuildkiteCursor, holdFrom: string | undefined): BuildkiteCursor {
  if (!holdFrom || Date.parse(holdFrom) >= Date.parse(cursor.createdFrom)) return cursor;
  return { ...cursor, createdFrom: holdFrom };
}
