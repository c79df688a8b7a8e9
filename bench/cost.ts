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

/**
 * With 300 builds and 100 deploys a day, about 400 runs land in 288 five-minute ticks: nearly every
 * tick has something new. So every tick is costed as the bench's "one new build on each CI" tick
 * (`activeTick`: the scheduler and every worker it queued; three new runs, more than a reference
 * tick's 1.4), and each deploy adds the KVS bytes a deploy and its issue links wrote in the 1 %
 * growth (`growth`). Nothing is subtracted for the free allowances: they are per app, shared by
 * every installation, so a site's share of them is unknown; the result is what the site costs.
 */
export function forgeMonthlyCost(activeTick: PhaseResult, growth: PhaseResult, growthDeploys: number, memoryMb: number) {
  const ticks = TICKS_PER_DAY * DAYS_PER_MONTH;
  const deploys = REFERENCE_SITE.deploysPerDay * DAYS_PER_MONTH;
  const bytesPerDeploy = growthDeploys > 0 ? growth.writes.deployBytes / growthDeploys : 0;
  const gbSeconds = ticks * (activeTick.functionWallMs / 1000) * (memoryMb / 1024);
  const kvsReadGb = (ticks * activeTick.kvs.readBytes) / GB;
  const kvsWriteGb = (ticks * activeTick.kvs.writtenBytes + deploys * bytesPerDeploy) / GB;
  const logGb = (ticks * activeTick.logBytes) / GB;
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
