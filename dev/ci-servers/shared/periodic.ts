import { MAIN } from './commits';
import { unit } from './random';
import type { CiWorld } from './world';

const { max, round } = Math;

/**
 * When the `b`-th of `count` history builds of one job ran, and which commit it built: spread
 * evenly (with jitter) over the world's history, building the newest main commit of its time, so
 * builds on the three servers at about the same time share SHAs.
 */
export function historySlot(world: CiWorld, count: number, b: number, ...keys: readonly (string | number)[]): { time: number; commit: number } {
  const { commits } = world;
  const first = commits.time(0);
  const span = commits.time(Math.max(0, commits.options.historyCommits - 1)) - first;
  const time = round(first + (span * (b + 0.5 + 0.8 * (unit(world.seed, 'slot', ...keys, b) - 0.5))) / max(1, count));
  return { time, commit: max(0, commits.latestOn(MAIN, commits.indexAt(time))) };
}

/** Outcome of a history build: mostly passed, some failed, a few cancelled. */
export type Outcome = 'passed' | 'failed' | 'canceled';
export const OUTCOMES: readonly Outcome[] = ['passed', 'failed', 'canceled'];

export function historyOutcome(r: number): Outcome {
  return r < 0.88 ? 'passed' : r < 0.97 ? 'failed' : 'canceled';
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}
