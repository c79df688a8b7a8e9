import type { Connection } from '../domain/connection';
import { forgeProviderDeps } from '../forge/provider-deps';
import { createProvider, type Provider } from '../providers';
import type { StoredSecret } from '../storage/connection-store';

/**
 * A provider for one interactive call (a button on a settings page): the Forge runtime, a small
 * request budget and short waits, since a person is waiting.
 */
export function interactiveProvider(connection: Connection, secret: StoredSecret, maxRequests = 20): Provider {
  return createProvider(connection, { apiToken: secret.apiToken }, forgeProviderDeps(maxRequests, { requestTimeoutMs: 10_000, maxWaitMs: 5_000 }));
}
