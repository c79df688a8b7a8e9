/**
 * `npm run bench:scale`: the sync at sizes a big customer has, on the emulator against stand-ins
 * in their own process. Prints one JSON object (bench/README.md, "bench:scale"):
 *  1. a Jenkins of 20,000 jobs with 100-character names in 40 folders: the first sync over every
 *     continuation it takes, then a sync with nothing new; the largest KVS value written;
 *  2. history: 140,000 Jenkins builds brought in by the history import (src/sync/history/), or
 *     why it could not run.
 */
import fs from 'node:fs';
import { SyncStateStore } from '../src/storage/sync-state-store';
import { StandInsProcess } from './child';
import { HISTORY_MODULE, runHistory } from './scale-history';
import { configureJenkins, drainBounded } from './scale-support';
import { benchPlatform, CONNECTIONS, invocations } from './setup';
import { SCALE_JENKINS } from './stand-in-sites';
import { checkBuilds } from './verify';

/** Stops a run that does not converge (a retry loop) well inside the 20 minutes the bench may take. */
const LIMITS = { invocations: 5_000, jenkinsMs: 12 * 60_000 } as const;

async function jenkinsAtScale() {
  const standIns = await StandInsProcess.start('scale-jenkins');
  const platform = benchPlatform();
  try {
    await configureJenkins(standIns.urls.jenkins);
    platform.kvs.resetStats();
    invocations.reset();
    await platform.app.runScheduledTrigger('sync-schedule');
    const first = await drainBounded(platform, { invocations: LIMITS.invocations, ms: LIMITS.jenkinsMs });
    const firstStats = platform.kvs.stats;
    const firstRequests = (await standIns.stats()).jenkins.requests;
    const status = await new SyncStateStore().status(CONNECTIONS.jenkins);
    const expected = await standIns.expected(Date.now());
    const builds = await checkBuilds(expected.filter(([kind]) => kind === 'jenkins'));

    await standIns.resetStats();
    platform.kvs.resetStats();
    await platform.app.runScheduledTrigger('sync-schedule');
    const idle = await drainBounded(platform, { invocations: 100, ms: 60_000 });
    const idleRequests = (await standIns.stats()).jenkins.requests;
    const maxValueBytes = Math.max(firstStats.maxValueBytes, platform.kvs.stats.maxValueBytes);

    const completed = first.converged && first.failed === 0 && builds.ok && status?.complete === true && status.error === undefined;
    const reason = completed
      ? undefined
      : !first.converged
        ? `the queue was not empty after ${first.invocations} invocations or ${Math.round(first.wallMs / 1000)} s`
        : first.failed > 0
          ? `${first.failed} sync events failed for good`
          : status?.error
            ? `the sync recorded ${status.error.name}: ${status.error.message}`
            : !builds.ok
              ? `builds: ${builds.detail ?? 'not all stored'}`
              : 'the last status is not complete';
    return {
      jenkinsJobs: SCALE_JENKINS.jobs,
      nameLength: SCALE_JENKINS.nameLength,
      completed,
      ...(reason ? { reason } : {}),
      maxValueBytes,
      maxValueUnder240KiB: maxValueBytes < 240 * 1024,
      firstSync: {
        builds: builds.found,
        expectedBuilds: builds.expected,
        invocations: first.invocations,
        workerInvocations: invocations.worker,
        requests: firstRequests,
        kvsReads: firstStats.reads,
        kvsWrites: firstStats.writes,
        kvsWrittenBytes: firstStats.writtenBytes,
        wallMs: first.wallMs,
      },
      idle: { requests: idleRequests, kvsWrites: platform.kvs.stats.writes, invocations: idle.invocations },
    };
  } finally {
    await standIns.close();
    platform.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const jenkins = await jenkinsAtScale();
  console.log(`[bench:scale] Jenkins at scale done in ${Math.round((Date.now() - started) / 1000)} s`);
  const history = fs.existsSync(HISTORY_MODULE)
    ? await runHistory()
    : { completed: false, reason: 'src/sync/history/index.ts does not exist yet: there is no history import to measure' };
  console.log(JSON.stringify({ ...jenkins, history, wallMs: Date.now() - started }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
