import { getAppContext } from '@forge/api';
import { RequestCounter, systemClock, type ProviderDeps } from '../providers';

/**
 * Provider dependencies inside a Forge invocation (a Rovo action or a resolver): the platform's
 * fetch (looked up per call, so the egress-guarded one is used), the real clock, the
 * invocation's own deadline, and a request budget well under Forge's 100 per minute.
 */
export function forgeProviderDeps(maxRequests: number): ProviderDeps {
  return {
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    remainingMillis: () => getAppContext().invocationRemainingTimeInMillis(),
    budget: new RequestCounter(maxRequests),
  };
}
