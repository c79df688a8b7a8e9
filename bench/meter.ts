/**
 * What the bench measures around the platform, without touching the app: the CPU the emulated
 * platform itself spends (KVS, Jira, queues: on Forge that is Atlassian's, not the app's), KVS
 * writes by what they wrote, every outbound request (so it can be fetched again later) with the
 * bytes of its answer, and the bytes the app logs.
 *
 * The meter must cost next to nothing inside the measured window: it never reads or rebuilds a
 * body. Answer bytes come from `content-length` (every stand-in JSON answer carries one); a
 * streamed answer without it is counted in `unsizedAnswers` instead.
 */
import { format } from 'node:util';

type ForgeFetch = (target: { type: string }, path: string, init?: RequestInit) => Promise<Response>;

interface Globals {
  __forge_fetch__?: ForgeFetch;
  fetch: typeof fetch;
}

export interface MeteredRequest {
  readonly url: string;
  /** As the app passed them; turned into a plain record only after the phase. */
  readonly headers: HeadersInit | undefined;
}

export interface Meter {
  /** CPU microseconds spent inside platform calls. */
  platformCpuMicros: number;
  deployWrites: number;
  buildWrites: number;
  otherWrites: number;
  /** Request bytes of the writes of deploys and their issue links (about their values' bytes). */
  deployWriteBytes: number;
  /** Bytes of the answers' bodies, from `content-length`. */
  responseBytes: number;
  unsizedAnswers: number;
  /** Bytes the app wrote with console.* (what Forge bills as log writes). */
  logBytes: number;
  readonly requests: MeteredRequest[];
  reset(): void;
}

const WRITE_PATHS = new Set(['/api/v1/set', '/api/v1/delete', '/api/v1/entity/set', '/api/v1/entity/delete', '/api/v1/transaction']);
const BATCH_WRITE_PATHS = new Set(['/api/v1/batch/set', '/api/v1/batch/delete']);

function classify(meter: Meter, path: string, body: string): void {
  const count = WRITE_PATHS.has(path) ? 1 : BATCH_WRITE_PATHS.has(path) ? (body.match(/"key"/g) ?? []).length : 0;
  if (count === 0) return;
  if (body.includes('"entityName":"deploy"') || body.includes('"entityName":"issue-deploy"')) {
    meter.deployWrites += count;
    meter.deployWriteBytes += body.length;
  } else if (body.includes('"entityName":"build"')) meter.buildWrites += count;
  else meter.otherWrites += count;
}

/** What one process.cpuUsage() call costs here, measured once. */
const CPU_USAGE_COST_MICROS = (() => {
  const calls = 20_000;
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) process.cpuUsage();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
})();

const LOG_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** A plain record of the headers a request was sent with, for fetching it again. */
export function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/**
 * Installs the meter around the platform's globals; call after `platform.install()`. Returns the
 * meter and a function that takes it off again (before another platform is installed).
 */
export function installMeter(options: { quiet?: boolean } = {}): Meter & { uninstall(): void } {
  const g = globalThis as unknown as Globals;
  const meter: Meter = {
    platformCpuMicros: 0,
    deployWrites: 0,
    buildWrites: 0,
    otherWrites: 0,
    deployWriteBytes: 0,
    responseBytes: 0,
    unsizedAnswers: 0,
    logBytes: 0,
    requests: [],
    reset() {
      this.platformCpuMicros = 0;
      this.deployWrites = 0;
      this.buildWrites = 0;
      this.otherWrites = 0;
      this.deployWriteBytes = 0;
      this.responseBytes = 0;
      this.unsizedAnswers = 0;
      this.logBytes = 0;
      this.requests.length = 0;
    },
  };
  const platformFetch = g.__forge_fetch__;
  if (!platformFetch) throw new Error('install the platform before the meter');
  // CPU, not wall time: the machine may be busy with other work. The two process.cpuUsage() calls
  // of each platform call are the meter's own cost; they count as the platform's.
  g.__forge_fetch__ = async (target, path, init) => {
    const before = process.cpuUsage();
    try {
      return await platformFetch(target, path, init);
    } finally {
      if (target.type === 'kvs') classify(meter, path, typeof init?.body === 'string' ? init.body : '');
      const used = process.cpuUsage(before);
      meter.platformCpuMicros += used.user + used.system + CPU_USAGE_COST_MICROS;
    }
  };
  const egress = g.fetch;
  g.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    meter.requests.push({ url, headers: init?.headers });
    const response = await egress(input, init);
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(length)) meter.responseBytes += length;
    else meter.unsizedAnswers += 1;
    return response;
  };
  const originals = LOG_METHODS.map((name) => [name, console[name]] as const);
  for (const [name, original] of originals) {
    console[name] = (...args: unknown[]) => {
      meter.logBytes += Buffer.byteLength(format(...args)) + 1;
      if (!options.quiet) original.apply(console, args);
    };
  }
  return Object.assign(meter, {
    uninstall() {
      g.__forge_fetch__ = platformFetch;
      g.fetch = egress;
      for (const [name, original] of originals) console[name] = original;
    },
  });
}
