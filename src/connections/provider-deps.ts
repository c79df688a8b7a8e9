import { getAppContext } from '@forge/api';
import type { Connection } from '../domain/connection';
import { createProvider, RequestCounter, systemClock, type Provider } from '../providers';
import type { StoredSecret } from '../storage/connection-store';

/**
 * A provider for one interactive call (a button on a settings page): the platform's fetch, the
 * resolver's own deadline, and a small request budget, since a person is waiting.
 */
export function interactiveProvider(connection: Connection, secret: StoredSecret, maxRequests = 20): Provider {
  return createProvider(connection, { apiToken: secret.apiToken }, {
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    remainingMillis: () => getAppContext().invocationRemainingTimeInMillis(),
    budget: new RequestCounter(maxRequests),
    tuning: { requestTimeoutMs: 10_000, maxWaitMs: 5_000 },
  });
}
