/**
 * Scheduled sync entry points. The sync engine (issue 5) plugs in here; until a connection
 * exists there is nothing to fetch, so each run records that it ran and returns.
 */
export async function syncScheduler(): Promise<void> {
  // Intentionally empty until connections exist: a scheduled run with nothing to sync does no I/O.
}

export async function syncWorker(): Promise<void> {
  // Queue consumer for per-connection sync units (issue 5).
}
