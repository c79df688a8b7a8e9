import { syncScheduler, syncWorker } from '../../../src/sync/entry-points';
import { handleHistoryEvent, historyOptions } from '../../../src/sync/history';
import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform } from '../../../dev/emulator/platform';
import type { JenkinsStandIn } from '../../../dev/ci-servers';
import { BuildStore } from '../../../src/storage/build-store';
import { createTestPlatform } from '../../support/platform';
import { ADMIN } from '../support/sync-platform';
import { sha } from '../support/jenkins';

/** Rounds of 100 builds, so a few hundred builds take several invocations. */
export const ROUND_BUILDS = 100;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The sync's and the history import's entry points, with rounds small enough to see many. */
const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': () => syncScheduler(),
  'index.syncWorker': (event) => syncWorker(event),
  'index.historyWorker': (event) => handleHistoryEvent(event, { ...historyOptions(), maxBuilds: ROUND_BUILDS }),
};

export function historyPlatform(): Platform {
  const platform = createTestPlatform({
    loadHandler: (handler) => {
      const fn = HANDLERS[handler];
      if (!fn) throw new Error(`the history tests do not load ${handler}`);
      return fn;
    },
  });
  platform.site.addUser({ accountId: ADMIN, displayName: 'Ada Admin', admin: true });
  platform.site.addProject({ key: 'DEMO', name: 'Demo', lead: ADMIN });
  platform.site.addIssues('DEMO', 30);
  platform.install();
  return platform;
}

/** `count` builds a job, one every 6 hours, the newest an hour ago; each mentions a DEMO issue. */
export function givenJobs(jenkins: JenkinsStandIn, jobs: readonly string[], count: number, now: number): void {
  jobs.forEach((job, j) => {
    for (let b = 0; b < count; b++) {
      const timestamp = now - HOUR - (count - 1 - b) * 6 * HOUR;
      const n = j * 1000 + b;
      jenkins.script.addBuild(job, { timestamp, commits: [{ sha: sha(n), message: `DEMO-${(n % 30) + 1} change ${n}` }], parameters: { ENV: 'prod' } });
    }
  });
}

/** Which of the stand-in's builds (job, number) started at or after `from`, and which of them are stored. */
export async function expectedAndStored(jobs: readonly string[], count: number, now: number, from: number): Promise<{ expected: string[]; stored: string[]; older: string[] }> {
  const store = new BuildStore();
  const expected: string[] = [];
  const stored: string[] = [];
  const older: string[] = [];
  for (const job of jobs) {
    for (let b = 0; b < count; b++) {
      const timestamp = now - HOUR - (count - 1 - b) * 6 * HOUR;
      const id = `${job}#${b + 1}`;
      const found = await store.get('jenkins-1', job, b + 1);
      if (timestamp >= from) expected.push(id);
      if (found && timestamp >= from) stored.push(id);
      if (found && timestamp < from) older.push(id);
    }
  }
  return { expected, stored, older };
}
