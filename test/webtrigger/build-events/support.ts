import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform } from '../../../dev/emulator/platform';
import type { Connection } from '../../../src/domain/connection';
import { ConnectionStore } from '../../../src/storage/connection-store';
import { syncScheduler, syncWorker } from '../../../src/sync/entry-points';
import { PushStore } from '../../../src/sync/push-store';
import { buildkiteBuildEvents, circleciBuildEvents, jenkinsBuildEvents } from '../../../src/webtrigger/build-events';
import { createTestPlatform } from '../../support/platform';
import { ADMIN } from '../../sync/support/sync-platform';

const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': () => syncScheduler(),
  'index.syncWorker': (event) => syncWorker(event),
  'index.buildkiteBuildEvents': (request) => buildkiteBuildEvents(request),
  'index.circleciBuildEvents': (request) => circleciBuildEvents(request),
  'index.jenkinsBuildEvents': (request) => jenkinsBuildEvents(request),
};

/**
 * The sync's entry points and the three build event web triggers, on a site with DEMO (or, `bare`,
 * with nothing: the demo seeds its own); `kvsLatencyMs` for races between pushes and polls.
 */
export function pushPlatform(options: { readonly bare?: boolean; readonly kvsLatencyMs?: number } = {}): Platform {
  const platform = createTestPlatform({
    ...(options.kvsLatencyMs === undefined ? {} : { kvsLatencyMs: options.kvsLatencyMs }),
    loadHandler: (handler) => {
      const fn = HANDLERS[handler];
      if (!fn) throw new Error(`the build event tests do not load ${handler}`);
      return fn;
    },
  });
  if (options.bare) {
    platform.install();
    return platform;
  }
  platform.site.addUser({ accountId: ADMIN, displayName: 'Ada Admin', admin: true });
  platform.site.addProject({ key: 'DEMO', name: 'Demo', lead: ADMIN });
  platform.site.addIssues('DEMO', 30);
  platform.install();
  return platform;
}

/** Saves a connection and its webhook; returns the URL's hook id and the secret, shown once. */
export async function saveConnectionWithWebhook(connection: Connection, apiToken = 'token-0123456789'): Promise<{ hookId: string; secret: string }> {
  await new ConnectionStore().save({ connection, scope: { kind: 'site' }, agentEnabled: false, secret: { apiToken, headers: {} }, now: '2026-11-01T00:00:00.000Z' });
  const { record, secret } = await new PushStore().rotate(connection.id, '2026-11-01T00:00:00.000Z');
  return { hookId: record.hookId, secret };
}

export interface EventRequest {
  readonly hookId: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly method?: string;
}

export function sendEvent(platform: Platform, trigger: string, request: EventRequest) {
  const headers: Record<string, string[]> = { 'content-type': ['application/json'] };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = [value];
  return platform.app.runWebtrigger(trigger, {
    method: request.method ?? 'POST',
    path: '/x1/test',
    headers,
    queryParameters: request.hookId === undefined ? {} : { hook: [request.hookId] },
    body: request.body,
  });
}

export const errorOf = (response: { body: string }) => (JSON.parse(response.body) as { error?: string }).error;

export const nowSeconds = () => Math.floor(Date.now() / 1000);
