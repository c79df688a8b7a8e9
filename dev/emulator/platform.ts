import path from 'node:path';
import { loadManifest, declaredEgress, allowsImpersonation, scopeNames, type Manifest } from './manifest';
import { currentInvocation, remainingMillis, ManualClock, type Clock } from './invocation';
import { FunctionRunner, sourceHandlerLoader, type HandlerLoader } from './functions';
import type { ForgeFetchTarget, PlatformService } from './types';
import { jsonResponse } from './types';
import { KvsService } from './kvs/kvs-service';
import type { ConflictAnswer } from './kvs/errors';
import { JiraService } from './jira/jira-service';
import { JiraSite } from './jira/site';
import { appDeclarations } from './jira/devops-access';
import { QueueService } from './events/queue-service';
import { StargateService } from './stargate';
import { EgressConsentStore } from './egress-consent';
import { createEgressFetch } from './egress';
import { AppInvoker } from './app-invoker';
import { localModeFor, type EnvironmentType } from './environment';

export interface PlatformOptions {
  /** The app's root folder, holding manifest.yml and src/. */
  readonly appRoot: string;
  readonly manifestPath?: string;
  /** SQLite file for KVS; storage lives in memory when absent (tests). */
  readonly storageFile?: string | undefined;
  /** Lets backend fetch reach plain-HTTP loopback servers (the demo CI servers, test servers). */
  readonly localMode?: boolean;
  /** What `getAppContext().environmentType` reports (DEVELOPMENT); STAGING and PRODUCTION are never in local mode. */
  readonly environmentType?: EnvironmentType;
  /** The platform's time: a ManualClock lets a test run a day of queue retries at once. */
  readonly clock?: Clock | ManualClock;
  readonly site?: JiraSite;
  readonly loadHandler?: HandlerLoader;
  /** How KVS answers a refused conditional write; Forge documents no code (kvs/errors.ts). */
  readonly kvsConflict?: ConflictAnswer;
  /** Concurrency mode: latency of each KVS call in ms (kvs-service.ts); pair with `drainQueues({ concurrency })`. */
  readonly kvsLatencyMs?: number | (() => number);
  /** Where web trigger URLs point, e.g. http://localhost:8080. */
  readonly publicBaseUrl?: string;
}

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: unknown;
  fetch: typeof fetch;
}

/**
 * The local Forge platform: it answers the real `@forge/*` packages through the two globals they
 * call (`__forge_runtime__`, `__forge_fetch__`) and a guarded global `fetch`, and runs the app's
 * functions by manifest key. One instance per process (`npm start`) or per Jest test file.
 */
export class Platform {
  readonly manifest: Manifest;
  readonly clock: Clock;
  /** Set when the platform runs on a ManualClock: draining the queue moves it. */
  readonly manualClock: ManualClock | undefined;
  readonly kvs: KvsService;
  readonly site: JiraSite;
  readonly jira: JiraService;
  readonly queues: QueueService;
  readonly stargate: StargateService;
  readonly egressConsent = new EgressConsentStore();
  readonly functions: FunctionRunner;
  readonly app: AppInvoker;
  readonly localMode: boolean;
  readonly environmentType: EnvironmentType;
  publicBaseUrl: string;
  /** The fetch the emulator itself uses to reach the network (never the guarded one). */
  readonly networkFetch: typeof fetch;

  constructor(options: PlatformOptions) {
    this.manualClock = options.clock instanceof ManualClock ? options.clock : undefined;
    this.clock = options.clock instanceof ManualClock ? options.clock.now : (options.clock ?? Date.now);
    this.manifest = loadManifest(options.manifestPath ?? path.join(options.appRoot, 'manifest.yml'));
    this.environmentType = options.environmentType ?? 'DEVELOPMENT';
    this.localMode = localModeFor(this.environmentType, options.localMode);
    this.publicBaseUrl = options.publicBaseUrl ?? 'http://localhost:8080';
    this.kvs = new KvsService({
      file: options.storageFile,
      entities: this.manifest.app.storage?.entities ?? [],
      clock: this.clock,
      conflict: options.kvsConflict,
      latencyMs: options.kvsLatencyMs,
    });
    this.site = options.site ?? new JiraSite({ clock: this.clock });
    this.jira = new JiraService(this.site, {
      allowsImpersonation: () => allowsImpersonation(this.manifest),
      declarations: () => appDeclarations(this.manifest),
    });
    this.queues = new QueueService(() => this.manifest.modules.consumer.map((c) => c.queue), this.clock);
    this.stargate = new StargateService(
      () => this.manifest.modules.webtrigger.map((w) => w.key),
      () => this.publicBaseUrl,
    );
    this.functions = new FunctionRunner(this.manifest, options.loadHandler ?? sourceHandlerLoader(options.appRoot), this.clock);
    this.app = new AppInvoker(this);
    this.networkFetch = globalThis.fetch;
  }

  /** Defines the globals the real SDKs call. Call before the app's modules are first imported. */
  install(): void {
    const g = globalThis as unknown as ForgeGlobals;
    g.__forge_runtime__ = this.runtime();
    g.__forge_fetch__ = (target: ForgeFetchTarget, urlPath: string, init?: RequestInit) =>
      this.forgeFetch(target, urlPath, init);
    g.fetch = createEgressFetch({
      declared: () => declaredEgress(this.manifest),
      consented: () => this.egressConsent.domains(),
      localMode: this.localMode,
      realFetch: this.networkFetch,
      clock: this.clock,
      currentInvocation,
    });
  }

  close(): void {
    this.kvs.close();
  }

  private serviceFor(target: ForgeFetchTarget, urlPath: string): PlatformService | undefined {
    if (target.type === 'kvs') return this.kvs;
    if (target.type === 'fpp' && target.remote === 'jira') return this.jira;
    if (target.type === 'fpp' && target.remote === 'stargate') {
      return urlPath.startsWith('/webhook/queue/') ? this.queues : this.stargate;
    }
    return undefined;
  }

  private async forgeFetch(target: ForgeFetchTarget, urlPath: string, init?: RequestInit): Promise<Response> {
    const invocation = currentInvocation();
    const service = this.serviceFor(target, urlPath);
    if (!service) {
      return jsonResponse(404, {
        message: `The local Forge emulator does not emulate ${JSON.stringify(target)} ${urlPath}. Add it under dev/emulator.`,
      });
    }
    if (invocation?.timedOut) {
      throw new Error(`Invocation ${invocation.id} has timed out: Forge has already stopped this function`);
    }
    const body = init?.body;
    return service.handle({
      target,
      path: urlPath,
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body: typeof body === 'string' ? body : body == null ? undefined : String(body),
      invocation,
    });
  }

  /** `__forge_runtime__`: per-invocation fields are read live from the current invocation. */
  private runtime(): unknown {
    const clock = this.clock;
    const manifest = this.manifest;
    const environmentType = this.environmentType;
    const noopTimer = { stop: () => undefined };
    const metrics = {
      counter: () => ({ incr: () => undefined, decr: () => undefined }),
      timing: () => ({ measure: () => noopTimer }),
      gauge: () => ({ set: () => undefined }),
    };
    return {
      proxy: { token: 'local-emulator', url: 'http://localhost' },
      tracing: { traceId: 'local-trace', spanId: 'local-span' },
      metrics,
      contextAri: 'ari:cloud:jira::site/local-emulator',
      get appContext() {
        const inv = currentInvocation();
        return {
          appId: manifest.app.id.split('/').pop(),
          appVersion: '1.0.0',
          environmentId: 'local-environment',
          environmentType,
          invocationId: inv?.id ?? 'outside-invocation',
          installationId: 'local-installation',
          moduleKey: inv?.moduleKey ?? '',
          permissions: { scopes: scopeNames(manifest), external: manifest.permissions.external ?? {} },
        };
      },
      lambdaContext: {
        getRemainingTimeInMillis: () => {
          const inv = currentInvocation();
          return inv ? remainingMillis(inv, clock) : 900_000;
        },
      },
    };
  }
}
