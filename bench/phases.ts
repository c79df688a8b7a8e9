import { PerformanceObserver } from 'node:perf_hooks';
import type { Platform } from '../dev/emulator/platform';
import type { KvsStats } from '../dev/emulator/kvs/kvs-service';
import type { StandInsProcess } from './child';
import { headerRecord, type Meter, type MeteredRequest } from './meter';
import { invocations } from './setup';
import type { ServerStats } from './stand-ins-protocol';

export interface PhaseResult {
  readonly wallMs: number;
  /** CPU of this process during the phase, less the emulated platform's own work. */
  readonly syncCpuMicros: number;
  readonly platformCpuMicros: number;
  /** Garbage collection during the phase, whoever made the garbage (the emulator makes most). */
  readonly gcMillis: number;
  readonly kvs: KvsStats;
  readonly writes: { readonly builds: number; readonly deploys: number; readonly other: number; readonly deployBytes: number };
  /** Queue deliveries (the worker's invocations, retries included). */
  readonly invocations: number;
  readonly schedulerInvocations: number;
  readonly workerInvocations: number;
  /** Wall time inside the sync's functions: what Forge bills, times the function's memory. */
  readonly functionWallMs: number;
  readonly responseBytes: number;
  readonly unsizedAnswers: number;
  readonly logBytes: number;
  readonly servers: Record<'jenkins' | 'buildkite' | 'circleci', ServerStats>;
  readonly requestLog: readonly MeteredRequest[];
}

/** One or more scheduled syncs (`ticks`), each with every continuation it queues, until the queue is empty. */
export async function syncPhase(platform: Platform, meter: Meter, standIns: StandInsProcess, ticks = 1): Promise<PhaseResult> {
  await standIns.resetStats();
  platform.kvs.resetStats();
  meter.reset();
  invocations.reset();
  let gcMillis = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMillis += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const started = Date.now();
  const cpu = process.cpuUsage();
  let deliveries = 0;
  for (let tick = 0; tick < ticks; tick++) {
    await platform.app.runScheduledTrigger('sync-schedule');
    for (;;) {
      const report = await platform.app.drainQueues();
      deliveries += report.delivered + report.retried + report.failed;
      if (report.failed > 0) throw new Error(`${report.failed} sync events failed for good`);
      if (platform.queues.size === 0) break;
    }
  }
  const used = process.cpuUsage(cpu);
  const wallMs = Date.now() - started;
  gc.disconnect();
  return {
    wallMs,
    syncCpuMicros: used.user + used.system - meter.platformCpuMicros,
    platformCpuMicros: meter.platformCpuMicros,
    gcMillis: Math.round(gcMillis),
    kvs: platform.kvs.stats,
    writes: { builds: meter.buildWrites, deploys: meter.deployWrites, other: meter.otherWrites, deployBytes: meter.deployWriteBytes },
    invocations: deliveries,
    schedulerInvocations: invocations.scheduler,
    workerInvocations: invocations.worker,
    functionWallMs: invocations.wallMs,
    responseBytes: meter.responseBytes,
    unsizedAnswers: meter.unsizedAnswers,
    logBytes: meter.logBytes,
    servers: await standIns.stats(),
    requestLog: [...meter.requests],
  };
}

export interface FloorRound {
  readonly bodies: number;
  readonly bytes: number;
  /** CPU of a plain fetch of every answer, reading each body whole, plus JSON.parse of it. */
  readonly floorCpuMicros: number;
  /** Of which JSON.parse alone. */
  readonly parseCpuMicros: number;
}

/**
 * The floor any client pays for the same answers: each request of a phase sent again (after the
 * phase, outside its measurement) with the platform's plain fetch (no egress policy, no app code),
 * its body read whole and parsed.
 */
export async function floorRound(realFetch: typeof fetch, requests: readonly MeteredRequest[]): Promise<FloorRound> {
  const prepared = requests.map((r) => ({ url: r.url, headers: headerRecord(r.headers) }));
  let bodies = 0;
  let bytes = 0;
  let parseCpu = 0;
  const before = process.cpuUsage();
  for (const request of prepared) {
    const response = await realFetch(request.url, { headers: request.headers });
    const text = await response.text();
    const parseStart = process.cpuUsage();
    try {
      JSON.parse(text);
    } catch {
      // Not JSON (an error page): receiving it is the floor's whole cost.
    }
    const parsed = process.cpuUsage(parseStart);
    parseCpu += parsed.user + parsed.system;
    bodies += 1;
    bytes += Buffer.byteLength(text);
  }
  const used = process.cpuUsage(before);
  return { bodies, bytes, floorCpuMicros: used.user + used.system, parseCpuMicros: parseCpu };
}
