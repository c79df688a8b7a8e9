/**
 * What the sync would cost a site on Forge a month, from the bench's own counts and Atlassian's
 * published prices (bench/README.md, "Cost", gives the sources, the allowances and the formula).
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { PhaseResult } from './phases';

/** USD, Forge platform pricing (billed since January 2026). */
export const FORGE_PRICES = { gbSecond: 0.000025, kvsReadGb: 0.055, kvsWriteGb: 1.09, logGb: 1.005 } as const;
/** Free each month, per app (not per installation): shared by every site the app is installed on. */
export const FORGE_FREE_PER_APP = { gbSeconds: 100_000, kvsReadGb: 0.1, kvsWriteGb: 0.1, logGb: 1 } as const;

/** The reference site. */
export const REFERENCE_SITE = { jenkinsJobs: 20, buildkitePipelines: 3, circleciProjects: 2, buildsPerDay: 300, deploysPerDay: 100 } as const;

const TICKS_PER_DAY = (24 * 60) / 5;
const DAYS_PER_MONTH = 30;
const GB = 1024 ** 3;
const DEFAULT_MEMORY_MB = 512;
/** The bench's idle phase: an hour of five-minute ticks. */
const IDLE_HOUR_TICKS = 12;

const manifestSchema = z.object({
  app: z.object({ runtime: z.object({ memoryMB: z.number().optional() }).optional() }),
  modules: z.object({ function: z.array(z.object({ key: z.string(), runtime: z.object({ memoryMB: z.number().optional() }).optional() })) }),
});

/** The memory Forge gives the sync's functions: their own, else the app's, else Forge's default. */
export function functionMemoryMb(appRoot: string, functionKeys: readonly string[] = ['sync-scheduler', 'sync-worker']): number {
  const manifest = manifestSchema.parse(yaml.load(fs.readFileSync(path.join(appRoot, 'manifest.yml'), 'utf8')));
  const appDefault = manifest.app.runtime?.memoryMB ?? DEFAULT_MEMORY_MB;
  const sizes = functionKeys.map((key) => manifest.modules.function.find((f) => f.key === key)?.runtime?.memoryMB ?? appDefault);
  return Math.max(...sizes);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** New CI runs (builds and deploys) a tick of the reference site brings, on average. */
export const RUNS_PER_TICK = (REFERENCE_SITE.buildsPerDay + REFERENCE_SITE.deploysPerDay) / TICKS_PER_DAY;
/**
 * The share of ticks with at least one new run: runs arrive independently of the five-minute
 * grid, so the count in a tick is Poisson with mean RUNS_PER_TICK (1.39): 1 - e^-1.39 = 75 %.
 * The other quarter finds nothing new, and since the scheduler probes before it queues (issue 13,
 * item 6), such a tick costs what the bench's hour of nothing new costs a tick: the scheduler
 * and its probes, no worker, no write.
 */
export const ACTIVE_TICK_SHARE = 1 - Math.exp(-RUNS_PER_TICK);

/**
 * An active tick is costed as the bench's "one new build on each CI" tick (`activeTick`: the
 * scheduler and every worker it queued; three new runs on three connections, more than a
 * reference tick's 1.39 on average, and the bench's 200 jobs, 40 pipelines and 10 projects to look
 * at rather than 20, 3 and 2, so it errs high); an idle tick as a twelfth of the bench's idle hour
 * (`idleHour`). Each deploy adds the KVS bytes a deploy and its issue links wrote in the 1 % growth
 * (`growth`), where the bench's deploys carry up to 200 commits from 200 jobs (a reference deploy
 * follows about 3 builds): that errs high too. Nothing is subtracted for the free allowances: they
 * are per app, shared by every installation, so a site's share of them is unknown; the result is
 * what the site costs.
 */
export function forgeMonthlyCost(activeTick: PhaseResult, idleHour: PhaseResult, growth: PhaseResult, growthDeploys: number, memoryMb: number) {
  const ticks = TICKS_PER_DAY * DAYS_PER_MONTH;
  const active = ticks * ACTIVE_TICK_SHARE;
  const idle = (ticks - active) / IDLE_HOUR_TICKS;
  const deploys = REFERENCE_SITE.deploysPerDay * DAYS_PER_MONTH;
  const bytesPerDeploy = growthDeploys > 0 ? growth.writes.deployBytes / growthDeploys : 0;
  const perMonth = (part: (phase: PhaseResult) => number) => active * part(activeTick) + idle * part(idleHour);
  const gbSeconds = perMonth((p) => p.functionWallMs / 1000) * (memoryMb / 1024);
  const kvsReadGb = perMonth((p) => p.kvs.readBytes) / GB;
  const kvsWriteGb = (perMonth((p) => p.kvs.writtenBytes) + deploys * bytesPerDeploy) / GB;
  const logGb = perMonth((p) => p.logBytes) / GB;
  const usd = {
    compute: gbSeconds * FORGE_PRICES.gbSecond,
    kvsReads: kvsReadGb * FORGE_PRICES.kvsReadGb,
    kvsWrites: kvsWriteGb * FORGE_PRICES.kvsWriteGb,
    logs: logGb * FORGE_PRICES.logGb,
  };
  const total = usd.compute + usd.kvsReads + usd.kvsWrites + usd.logs;
  return {
    usd: round(total, 4),
    breakdown: {
      memoryMb,
      ticksPerMonth: ticks,
      activeTickShare: round(ACTIVE_TICK_SHARE, 3),
      idleTick: {
        functionWallMs: round(idleHour.functionWallMs / IDLE_HOUR_TICKS, 1),
        kvsReadBytes: Math.round(idleHour.kvs.readBytes / IDLE_HOUR_TICKS),
        kvsWrittenBytes: Math.round(idleHour.kvs.writtenBytes / IDLE_HOUR_TICKS),
      },
      perTick: {
        invocations: activeTick.schedulerInvocations + activeTick.workerInvocations,
        functionWallMs: round(activeTick.functionWallMs, 1),
        kvsReadBytes: activeTick.kvs.readBytes,
        kvsWrittenBytes: activeTick.kvs.writtenBytes,
        logBytes: activeTick.logBytes,
        requests: activeTick.servers.jenkins.requests + activeTick.servers.buildkite.requests + activeTick.servers.circleci.requests,
      },
      kvsBytesPerDeploy: Math.round(bytesPerDeploy),
      monthly: { gbSeconds: round(gbSeconds, 1), kvsReadGb: round(kvsReadGb, 5), kvsWriteGb: round(kvsWriteGb, 5), logGb: round(logGb, 5) },
      usd: { compute: round(usd.compute, 4), kvsReads: round(usd.kvsReads, 4), kvsWrites: round(usd.kvsWrites, 4), logs: round(usd.logs, 4) },
    },
  };
}
