/**
 * DORA page bench: the demo's 180 days of Production releases stored and rolled up as the sync
 * would, then the page's `dora.figures` for 7, 30 and 90 days through the real resolver, SDKs and
 * emulated KVS. Reports the most billed KVS reads of any load (each get, batch item, query page):
 * `dora.kvsReadsPerLoad`, target at most 5 for 90 days and the 90 before.
 *
 * Run alone: npx tsx bench/dora.ts
 */
import { z } from 'zod';
import { withResolverPlatform } from './resolver-platform';
import { storeDemoDoraHistory } from '../dev/demo/dora-history';
import { DEMO_USERS, seedDemoSite } from '../dev/demo/seed';
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

export async function measureDoraLoad(): Promise<DoraBenchResult> {
  return withResolverPlatform(defineDoraResolvers, async (platform) => {
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
  });
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
