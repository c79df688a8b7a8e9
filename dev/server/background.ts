import type { Platform } from '../emulator/platform';

/** Forge's scheduled trigger intervals, in seconds. */
export const INTERVAL_SECONDS = { fiveMinute: 300, hour: 3_600, day: 86_400, week: 604_800 } as const;

/** Locally a fiveMinute trigger fires every 30 s unless FORGE_EMULATOR_SPEEDUP says otherwise. */
export const DEFAULT_SPEEDUP = 10;

export interface BackgroundOptions {
  /** Divides every scheduled trigger's interval: 10 makes fiveMinute fire every 30 s. */
  readonly speedup: number;
  /** How often queued events are looked for; they are delivered as soon as their delay has passed. */
  readonly queuePollMs?: number;
  readonly log?: (line: string) => void;
}

export interface BackgroundWork {
  /** Stops firing triggers and delivering events, then waits for what is running to finish. */
  stop(): Promise<void>;
}

export function parseSpeedup(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SPEEDUP;
  const speedup = Number(value);
  if (!Number.isFinite(speedup) || speedup <= 0) {
    throw new Error(`FORGE_EMULATOR_SPEEDUP must be a positive number (1 = Forge's real intervals), not "${value}"`);
  }
  return speedup;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What Forge does between requests: fire each scheduled trigger on its interval (sped up for
 * local runs) and deliver queued events to their consumers, with retries, as they become due.
 */
export function startBackgroundWork(platform: Platform, options: BackgroundOptions): BackgroundWork {
  const log = options.log ?? ((line: string) => console.log(line));
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };

  for (const trigger of platform.manifest.modules.scheduledTrigger) {
    const everyMs = (INTERVAL_SECONDS[trigger.interval] * 1000) / options.speedup;
    let busy = false;
    timers.push(
      setInterval(() => {
        // Forge may overlap slow runs; locally a run still going is skipped so logs stay readable.
        if (busy || stopped) return;
        busy = true;
        const started = Date.now();
        track(platform.app.runScheduledTrigger(trigger.key))
          .then(() => log(`[trigger] ${trigger.key} ran in ${Date.now() - started} ms`))
          .catch((error: unknown) => log(`[trigger] ${trigger.key} failed: ${errorText(error)}`))
          .finally(() => {
            busy = false;
          });
      }, everyMs),
    );
    log(`[trigger] ${trigger.key} (${trigger.interval}) fires every ${Math.round(everyMs / 100) / 10} s`);
  }

  let draining = false;
  const pump = setInterval(() => {
    if (draining || stopped || platform.queues.size === 0) return;
    draining = true;
    track(platform.app.drainQueues({ ignoreDelays: false, maxEvents: 500 }))
      .then((report) => {
        if (report.delivered + report.retried + report.failed > 0) {
          log(`[queue] delivered ${report.delivered}, retrying ${report.retried}, failed ${report.failed}`);
        }
      })
      .catch((error: unknown) => log(`[queue] delivery failed: ${errorText(error)}`))
      .finally(() => {
        draining = false;
      });
  }, options.queuePollMs ?? 250);
  timers.push(pump);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
