/** History import: bring in a connection's builds and deploys back to a date, behind the regular sync. */
export { startHistoryImport, DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from './start';
export { historyWorker } from './entry-point';
export { HISTORY_QUEUE } from './work';
