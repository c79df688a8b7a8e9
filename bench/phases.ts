import { PerformanceObserver } from 'node:perf_hooks';
import type { Platform } from '../dev/emulator/platform';
import type { KvsStats } from '../dev/emulator/kvs/kvs-service';
import type { StandInsProcess } from './child';
import type { Meter } from './meter';
import type { ServerStats } from './stand-ins-protocol';

export interface PhaseResult {
  readonly wallMs: number;
  /** CPU of this process during the phase, less the emulated platform's own work. */
  readonly syncCpuMicros: number;
  readonly platformCpuMicros: number;
  /** Part of the sync's CPU: sending requests and receiving bodies. */
  readonly transportCpuMicros: number;
  /** Garbage collection during the phase, whoever made the garbage (the emulator makes most). */
  readonly gcMillis: number;
  readonly kvs: KvsStats;
  readonly writes: { readonly builds: number; readonly deploys: number; readonly other: number };
  readonly invocations: number;
  readonly servers: Record<'jenkins' | 'buildkite' | 'circleci', ServerStats>;
  readonly requestLog: readonly { url: string; headers: Record<string, string> }[];
}

/** One scheduled sync, and every continuation it queues, until the queue is empty. */
export async function syncPhase(platform: Platform, meter: Meter, standIns: StandInsProcess): Promise<PhaseResult> {
  await standIns.resetStats();
  platform.kvs.resetStats();
  meter.reset();
  let gcMillis = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMillis += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const started = Date.now();
  const cpu = process.cpuUsage();
  await platform.app.runScheduledTrigger('sync-schedule');
  let invocations = 0;
  for (;;) {
    const report = await platform.app.drainQueues();
    invocations += report.delivered + report.retried + report.failed;
    if (report.failed > 0) throw new Error(`${report.failed} sync events failed for good`);
    if (platform.queues.size === 0) break;
  }
  const used = process.cpuUsage(cpu);
  const wallMs = Date.now() - started;
  gc.disconnect();
  return {
    wallMs,
    syncCpuMicros: used.user + used.system - meter.platformCpuMicros,
    platformCpuMicros: meter.platformCpuMicros,
    transportCpuMicros: meter.transportCpuMicros,
    gcMillis: Math.round(gcMillis),
    kvs: platform.kvs.stats,
    writes: { builds: meter.buildWrites, deploys: meter.deployWrites, other: meter.otherWrites },
    invocations,
    servers: await standIns.stats(),
    requestLog: [...meter.requests],
  };
}

/**
 * The baseline: the same answers fetched again (after the phase, outside its measurement) and
 * merely parsed. Best of three rounds, so a stray GC does not flatter the ratio. Also the floor of
 * receiving them: the CPU of fetching them with the platform's plain fetch and reading each body
 * whole (no egress policy, no app code), best of three, so the sync's transport can be compared
 * with what any client of the same fetch would pay.
 */
export async function parseBaseline(
  platform: Platform,
  requests: PhaseResult['requestLog'],
): Promise<{ bodies: number; bytes: number; parseCpuMicros: number; fetchFloorCpuMicros: number }> {
  const bodies: string[] = [];
  let fetchFloor = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (const request of requests) {
      const response = await platform.networkFetch(request.url, { headers: request.headers });
      const text = await response.text();
      if (round === 0 && response.ok) bodies.push(text);
    }
    const used = process.cpuUsage(before);
    fetchFloor = Math.min(fetchFloor, used.user + used.system);
  }
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (const body of bodies) JSON.parse(body);
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return { bodies: bodies.length, bytes: bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0), parseCpuMicros: best, fetchFloorCpuMicros: fetchFloor };
}
