import { getAppContext } from '@forge/api';
import { RequestCounter, systemClock, type HttpTuning, type ProviderDeps } from '../providers';

/**
 * What a CI provider needs from the Forge runtime: the platform's fetch (looked up per call, so
 * the egress-guarded one is used), the real clock, and the time left in this invocation.
 */
export type ForgeRuntime = Pick<ProviderDeps, 'fetch' | 'clock' | 'remainingMillis'>;

export function forgeRuntime(): ForgeRuntime {
  return {
    fetch: (url, init) => globalThis.fetch(url, init),
    clock: systemClock,
    remainingMillis: () => getAppContext().invocationRemainingTimeInMillis(),
  };
}

/**
 * Provider dependencies for one invocation: the Forge runtime and a request budget. Callers keep
 * the budget well under Forge's outbound limit (100 requests per minute of the function's timeout).
 */
export function forgeProviderDeps(maxRequests: number, tuning?: Partial<HttpTuning>): ProviderDeps {
  return { ...forgeRuntime(), budget: new RequestCounter(maxRequests), tuning };
}
