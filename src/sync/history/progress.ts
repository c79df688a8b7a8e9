import type { HistoryProgress } from '../../shared/contract/history';
import type { HistoryImport } from '../../storage/history-store';

/** What the pages show of an import: counts, how far back, and what is left at the pace so far. */
export function progressOf(record: HistoryImport): HistoryProgress {
  const fraction = record.state === 'done' ? 1 : record.fractionDone;
  const left = record.state === 'done' ? 0 : fraction > 0.01 ? Math.round((record.builds * (1 - fraction)) / fraction) : null;
  return {
    connectionId: record.connectionId,
    state: record.state,
    until: record.until,
    builds: record.builds,
    deploys: record.deploys,
    reachedBack: record.reachedBack ?? null,
    percentDone: Math.floor(fraction * 100),
    estimatedBuildsLeft: left,
    updatedAt: record.updatedAt,
    finishedAt: record.finishedAt ?? null,
    error: record.error ?? null,
  };
}
