/**
 * The CI provider layer's public API. In production the sync engine builds `ProviderDeps` as
 * `{ fetch: globalThis.fetch, clock: systemClock, budget: new RequestCounter(n),
 *    remainingMillis: () => getAppContext().invocationRemainingTimeInMillis() }`
 * (`getAppContext` from @forge/api): this layer itself never imports @forge packages.
 */
export { createProvider } from './registry';
export { parseCursor, providerCursorSchema } from './provider';
export type { BuildPage, ConnectionTestResult, Provider, ProviderCursor, SyncProblem } from './provider';
export { historyPositionSchema, parseHistoryPosition } from './history';
export type { HistoryPage, HistoryPosition, HistoryRequest } from './history';
export { RequestCounter, systemClock, DEFAULT_TUNING } from './http/types';
export type { Clock, FetchFn, HttpTuning, ProviderDeps, RequestBudget } from './http/types';
export { JenkinsProvider } from './jenkins/service';
export { BuildkiteProvider } from './buildkite/service';
export { CircleCiProvider } from './circleci/service';
