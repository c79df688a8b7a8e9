/** History import: bring in a connection's builds and deploys back to a date, behind the regular sync. */
export { startHistoryImport } from './start';
export { handleHistoryEvent, historyOptions, historyWorker } from './entry-point';
export { HISTORY_QUEUE } from './work';
