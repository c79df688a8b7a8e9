/**
 * What the bench measures around the platform, without touching the app: the CPU the emulated
 * platform itself spends (KVS, Jira, queues: on Forge that is Atlassian's, not the app's), KVS
 * writes by what they wrote, and every outbound request, so its body can be fetched again later.
 */
type ForgeFetch = (target: { type: string }, path: string, init?: RequestInit) => Promise<Response>;

interface Globals {
  __forge_fetch__?: ForgeFetch;
  fetch: typeof fetch;
}

export interface Meter {
  /** CPU microseconds spent inside platform calls. */
  platformCpuMicros: number;
  /** CPU microseconds spent sending requests and receiving their bodies (fetch, sockets). */
  transportCpuMicros: number;
  deployWrites: number;
  buildWrites: number;
  otherWrites: number;
  readonly requests: { url: string; headers: Record<string, string> }[];
  reset(): void;
}

const WRITE_PATHS = new Set(['/api/v1/set', '/api/v1/delete', '/api/v1/entity/set', '/api/v1/entity/delete', '/api/v1/transaction']);
const BATCH_WRITE_PATHS = new Set(['/api/v1/batch/set', '/api/v1/batch/delete']);

function classify(meter: Meter, path: string, body: string): void {
  const count = WRITE_PATHS.has(path) ? 1 : BATCH_WRITE_PATHS.has(path) ? (body.match(/"key"/g) ?? []).length : 0;
  if (count === 0) return;
  if (body.includes('"entityName":"deploy"') || body.includes('"entityName":"issue-deploy"')) meter.deployWrites += count;
  else if (body.includes('"entityName":"build"')) meter.buildWrites += count;
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

/** Installs the meter around the platform's globals; call after `platform.install()`. */
export function installMeter(): Meter {
  const g = globalThis as unknown as Globals;
  const meter: Meter = {
    platformCpuMicros: 0,
    transportCpuMicros: 0,
    deployWrites: 0,
    buildWrites: 0,
    otherWrites: 0,
    requests: [],
    reset() {
      this.platformCpuMicros = 0;
      this.transportCpuMicros = 0;
      this.deployWrites = 0;
      this.buildWrites = 0;
      this.otherWrites = 0;
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
  // The body is read here, inside the measured window, and handed on from memory.
  g.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    meter.requests.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    const before = process.cpuUsage();
    try {
      const response = await egress(input, init);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      const used = process.cpuUsage(before);
      meter.transportCpuMicros += used.user + used.system + CPU_USAGE_COST_MICROS;
    }
  };
  return meter;
}
