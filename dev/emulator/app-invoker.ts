import type { Platform } from './platform';
import type { UiModuleType } from './manifest';
import { UI_MODULE_TYPES } from './manifest';
import type { QueuedEvent } from './events/queue-service';
import { QueueDelivery, type DeliveryOutcome, type DeliveryReport, type DrainOptions } from './events/delivery';
import { CLOUD_ID } from './types';

export { CLOUD_ID } from './types';
export type { DeliveryReport } from './events/delivery';

/** What the product page knows about where a Custom UI module is shown. */
export interface UiExtensionContext {
  readonly issue?: { readonly key: string; readonly id: string; readonly type?: string };
  readonly project?: { readonly key: string; readonly id: string; readonly type?: string };
}

export interface ResolverCall {
  readonly moduleKey: string;
  readonly functionKey: string;
  readonly payload?: unknown;
  readonly accountId: string;
  readonly extension?: UiExtensionContext;
  readonly timeoutMs?: number;
}

export interface WebtriggerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string[]>;
  readonly queryParameters: Record<string, string[]>;
  readonly body: string;
}

export interface WebtriggerResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** Calls the app's functions with the payload and context shapes Forge gives each kind of module. */
export class AppInvoker {
  private readonly delivery: QueueDelivery;

  constructor(private readonly platform: Platform) {
    this.delivery = new QueueDelivery(platform);
  }

  uiModule(moduleKey: string): { type: UiModuleType; resolverFunction: string | undefined; resource: string | undefined } {
    const modules = this.platform.manifest.modules;
    for (const type of UI_MODULE_TYPES) {
      const found = modules[type].find((m) => m.key === moduleKey);
      if (found) return { type, resolverFunction: found.resolver?.function, resource: found.resource };
    }
    throw new Error(`manifest.yml has no Custom UI module "${moduleKey}"`);
  }

  /** The context the product gives a Custom UI module, as `view.getContext()` and resolvers see it. */
  uiContext(moduleKey: string, accountId: string, extension: UiExtensionContext = {}): Record<string, unknown> {
    const { type } = this.uiModule(moduleKey);
    // A jira:projectPage is always shown inside one project: Forge hands it
    // `extension: { type, project: { id, key, type } }`, so a call without a project is not one Forge makes.
    if (type === 'jira:projectPage' && !extension.project) {
      throw new Error(`Module "${moduleKey}" is a jira:projectPage: its context needs extension.project (key, id, type)`);
    }
    return {
      accountId,
      cloudId: CLOUD_ID,
      siteUrl: this.platform.publicBaseUrl,
      moduleKey,
      localId: `${moduleKey}-${extension.issue?.key ?? extension.project?.key ?? 'global'}`,
      environmentId: 'local-environment',
      environmentType: this.platform.environmentType,
      locale: 'en_US',
      timezone: 'UTC',
      extension: { type, ...extension },
    };
  }

  /** Runs a resolver function the way `invoke()` from `@forge/bridge` reaches it. */
  async invokeResolver(call: ResolverCall): Promise<unknown> {
    const { resolverFunction } = this.uiModule(call.moduleKey);
    if (!resolverFunction) throw new Error(`Module "${call.moduleKey}" has no resolver in manifest.yml`);
    const context = this.uiContext(call.moduleKey, call.accountId, call.extension);
    return this.platform.functions.run(
      {
        functionKey: resolverFunction,
        moduleKey: call.moduleKey,
        moduleKind: 'resolver',
        accountId: call.accountId,
        timeoutMs: call.timeoutMs,
      },
      { call: { functionKey: call.functionKey, payload: call.payload ?? {} }, context },
      {
        principal: { accountId: call.accountId },
        installContext: `ari:cloud:jira::site/${CLOUD_ID}`,
        installation: { id: 'local-installation' },
      },
    );
  }

  async runScheduledTrigger(key: string, timeoutMs?: number): Promise<unknown> {
    const trigger = this.platform.manifest.modules.scheduledTrigger.find((t) => t.key === key);
    if (!trigger) throw new Error(`manifest.yml has no scheduledTrigger "${key}"`);
    return this.platform.functions.run(
      { functionKey: trigger.function, moduleKey: key, moduleKind: 'scheduledTrigger', timeoutMs },
      { context: { cloudId: CLOUD_ID, moduleKey: key }, contextToken: 'local-context-token' },
      { installContext: `ari:cloud:jira::site/${CLOUD_ID}` },
    );
  }

  async runWebtrigger(key: string, request: WebtriggerRequest): Promise<WebtriggerResponse> {
    const trigger = this.platform.manifest.modules.webtrigger.find((t) => t.key === key);
    if (!trigger) throw new Error(`manifest.yml has no webtrigger "${key}"`);
    const result = await this.platform.functions.run(
      { functionKey: trigger.function, moduleKey: key, moduleKind: 'webtrigger' },
      { ...request, context: { cloudId: CLOUD_ID, moduleKey: key } },
      { installContext: `ari:cloud:jira::site/${CLOUD_ID}` },
    );
    return normaliseWebtriggerResponse(result);
  }

  async runAction(actionKey: string, inputs: Record<string, unknown>, accountId: string): Promise<unknown> {
    const action = this.platform.manifest.modules.action.find((a) => a.key === actionKey);
    if (!action) throw new Error(`manifest.yml has no action "${actionKey}"`);
    return this.platform.functions.run(
      { functionKey: action.function, moduleKey: actionKey, moduleKind: 'action', accountId },
      { ...inputs, context: { cloudId: CLOUD_ID, moduleKey: actionKey, accountId } },
      { principal: { accountId }, installContext: `ari:cloud:jira::site/${CLOUD_ID}` },
    );
  }

  /** Hands one queued event to its consumer; a throw, a timeout or an `InvocationError` schedules a retry. */
  async deliver(event: QueuedEvent, timeoutMs?: number): Promise<DeliveryOutcome> {
    return this.delivery.deliver(event, timeoutMs);
  }

  /** Delivers queued events, including those their consumers push and their retries, until the queue is empty. */
  async drainQueues(options: DrainOptions = {}): Promise<DeliveryReport> {
    return this.delivery.drain(options);
  }
}

function normaliseWebtriggerResponse(result: unknown): WebtriggerResponse {
  if (typeof result !== 'object' || result === null) return { statusCode: 204, headers: {}, body: '' };
  const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown };
  const headers: Record<string, string[]> = {};
  if (typeof r.headers === 'object' && r.headers !== null) {
    for (const [name, value] of Object.entries(r.headers)) {
      headers[name] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
  }
  return {
    statusCode: typeof r.statusCode === 'number' ? r.statusCode : 200,
    headers,
    body: typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body),
  };
}
