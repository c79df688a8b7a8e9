/**
 * Forge allows each invocation 100 outbound requests per minute of its function's timeout
 * (a 60 s trigger 100, a 900 s consumer 1,500; requestJira is not counted), then answers 429.
 * https://developer.atlassian.com/platform/forge/platform-quotas-and-limits/#invocation-limits
 * A tenth is kept back for the retries the HTTP layer makes after a refusal or a 5xx.
 */
export function outboundBudget(timeoutSeconds: number): number {
  const allowed = 100 * Math.max(1, Math.ceil(timeoutSeconds / 60));
  return Math.floor(allowed * 0.9);
}

/** The `timeoutSeconds` manifest.yml gives each function that calls out; a test keeps them equal. */
export const FUNCTION_TIMEOUT_SECONDS = {
  'sync-scheduler': 60,
  'sync-worker': 900,
} as const;
