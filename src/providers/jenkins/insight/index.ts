/**
 * Jenkins insight: read-only capabilities for incidents (jobs, job health, build details, logs,
 * the queue, Pipeline stages), each returning a type from src/domain/jenkins-insight.ts.
 *
 *   const insight = new JenkinsInsight(connection, { apiToken }, deps);   // deps as for createProvider
 *   await insight.buildLog('team/api-server', 'lastFailed');              // LogExcerpt, <= 64 KiB read
 */
export { JenkinsInsight, type LogOptions } from './service';
export { DEFAULT_LOG_BUDGET_BYTES } from './read-log';
export { DEFAULT_EXCERPT, ERROR_MARKER, type ExcerptOptions } from './log-excerpt';
export { DEFAULT_LISTING_LIMITS, type ListingLimits } from './list-jobs';
export { HISTORY_SIZE } from '../tree';
export { buildLabel, jobPathOf } from './refs';
