/**
 * The history part of `npm run bench:scale`: 140,000 Jenkins builds over the last 30 days, brought
 * in by the history import after a first sync, checked build by build against the stand-in.
 *
 * The entry point it drives: `startHistoryImport(connectionId: string, from: Date)` exported by
 * src/sync/history/index.ts, which queues the import's first unit of work; the bench then
 * delivers the queue until it is empty. If the history module names it differently, change
 * HISTORY_ENTRY below: the rest of the harness does not depend on it.
 */
import path from 'node:path';
import { BuildStore } from '../src/storage/build-store';
import { StandInsProcess } from './child';
import { configureJenkins, drainBounded } from './scale-support';
import { benchPlatform, CONNECTIONS, invocations } from './setup';
import { SCALE_HISTORY } from './stand-in-sites';

const HISTORY_ENTRY = 'startHistoryImport';
export const HISTORY_MODULE = path.resolve(__dirname, '../src/sync/history/index.ts');
const LIMITS = { invocations: 5_000, ms: 6 * 60_000 } as const;
const DAY_MS = 86_400_000;

type Start = (connectionId: string, from: Date) => Promise<unknown>;

export interface HistoryResult {
  readonly completed: boolean;
  readonly reason?: string;
  readonly builds?: number;
  readonly expectedBuilds?: number;
  readonly nothingLostOrDuplicated?: boolean;
  readonly invocations?: number;
  readonly wallMs?: number;
}

async function entryPoint(): Promise<Start | undefined> {
  // A path, not a literal: the module may not exist yet, and the type-check must not depend on it.
  const module: unknown = await import(HISTORY_MODULE);
  const start = typeof module === 'object' && module !== null && HISTORY_ENTRY in module ? (module as Record<string, unknown>)[HISTORY_ENTRY] : undefined;
  return typeof start === 'function' ? (start as Start) : undefined;
}

export async function runHistory(): Promise<HistoryResult> {
  let start: Start | undefined;
  try {
    start = await entryPoint();
  } catch (error) {
    return { completed: false, reason: `src/sync/history could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!start) return { completed: false, reason: `src/sync/history exports no ${HISTORY_ENTRY}(connectionId, from); bench/scale-history.ts names the entry point it drives` };

  const standIns = await StandInsProcess.start('scale-history');
  const platform = benchPlatform();
  try {
    await configureJenkins(standIns.urls.jenkins);
    // New builds first, as the app does: the scheduled sync, then the history behind it.
    await platform.app.runScheduledTrigger('sync-schedule');
    const first = await drainBounded(platform, LIMITS);
    invocations.reset();
    platform.kvs.resetStats();
    await start(CONNECTIONS.jenkins, new Date(Date.now() - 31 * DAY_MS));
    const history = await drainBounded(platform, LIMITS);

    const expected = await standIns.allJenkinsBuilds();
    const store = new BuildStore();
    let found = 0;
    for (const [, jobId, number] of expected) if (await store.get(CONNECTIONS.jenkins, jobId, number)) found += 1;
    // A build is stored under one key (connection, job, number), so it cannot be stored twice: the check is that none is missing.
    const nothingLostOrDuplicated = found === expected.length;
    const completed = first.converged && history.converged && history.failed === 0 && found === expected.length;
    return {
      completed,
      ...(completed ? {} : { reason: !history.converged ? `the queue was not empty after ${history.invocations} invocations` : `${expected.length - found} of ${expected.length} builds missing, ${history.failed} events failed` }),
      builds: found,
      expectedBuilds: expected.length,
      nothingLostOrDuplicated,
      invocations: history.invocations,
      wallMs: history.wallMs,
    };
  } catch (error) {
    return { completed: false, reason: `the history run threw: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await standIns.close();
    platform.close();
  }
}

export const HISTORY_SIZE = SCALE_HISTORY.jobs * SCALE_HISTORY.buildsPerJob;
