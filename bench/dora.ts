/**
 * DORA page bench: the demo's 180 days of Production releases stored and rolled up as the sync
 * would, then the page's `dora.figures` for 7, 30 and 90 days through the real resolver, SDKs and
 * emulated KVS. Reports the most billed KVS reads of any load (each get, batch item, query page):
 * `dora.kvsReadsPerLoad`, target at most 5 for 90 days and the 90 before.
 *
 * Run alone: npx tsx bench/dora.ts
 */
import path from 'node:path';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { storeDemoDoraHistory } from '../dev/demo/dora-history';
import { DEMO_USERS, seedDemoSite } from '../dev/demo/seed';
import type { AppHandler } from '../dev/emulator/functions';
import { Platform } from '../dev/emulator/platform';
import { defineDoraResolvers } from '../src/resolvers/dora';
import { DORA_RESOLVERS, PERIOD_DAYS } from '../src/shared/contract/dora';

const DORA_MODULE = 'deploy-tracker-dora';
export const DORA_READS_TARGET = 5;

export interface DoraBenchResult {
  readonly kvsReadsPerLoad: number;
  readonly readsByPeriod: Record<string, number>;
  readonly target: number;
  readonly met: boolean;
}

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: unknown;
  fetch: typeof fetch;
}

export async function measureDoraLoad(): Promise<DoraBenchResult> {
  const resolver = new Resolver();
  defineDoraResolvers(resolver);
  const handler = resolver.getDefinitions() as AppHandler;
  const platform = new Platform({ appRoot: path.resolve(__dirname, '..'), localMode: true, loadHandler: () => handler });
  // Another bench may have installed its own platform in this process: put it back afterwards.
  const globals = globalThis as unknown as ForgeGlobals;
  const before = { runtime: globals.__forge_runtime__, forgeFetch: globals.__forge_fetch__, fetch: globals.fetch };
  platform.install();
  try {
    const now = Date.now();
    seedDemoSite(platform.site, now);
    await storeDemoDoraHistory(now);
    const project = platform.site.project('DEMO');
    if (!project) throw new Error('the demo site has no DEMO project');
    const readsByPeriod: Record<string, number> = {};
    for (const periodDays of PERIOD_DAYS) {
      platform.kvs.resetStats();
      const answer = await platform.app.invokeResolver({
        moduleKey: DORA_MODULE,
        functionKey: DORA_RESOLVERS.figures,
        payload: { periodDays },
        accountId: DEMO_USERS.user.accountId,
        extension: { project: { key: project.key, id: project.id } },
      });
      if (!z.object({ ok: z.literal(true) }).safeParse(answer).success) throw new Error(`the DORA figures failed: ${JSON.stringify(answer)}`);
      readsByPeriod[`${periodDays}d`] = platform.kvs.stats.reads;
    }
    const kvsReadsPerLoad = Math.max(...Object.values(readsByPeriod));
    return { kvsReadsPerLoad, readsByPeriod, target: DORA_READS_TARGET, met: kvsReadsPerLoad <= DORA_READS_TARGET };
  } finally {
    platform.close();
    globals.__forge_runtime__ = before.runtime;
    globals.__forge_fetch__ = before.forgeFetch;
    globals.fetch = before.fetch;
  }
}

if (require.main === module) {
  measureDoraLoad().then(
    (result) => console.log(JSON.stringify({ dora: result })),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
