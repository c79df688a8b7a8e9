import type { Build } from '../domain/build';
import { StoredCountStore } from '../storage/stored-count-store';
import { SyncStateStore } from '../storage/sync-state-store';
import type { PlannedDeploy } from './plan-deploy';
import type { RunContext } from './run-context';

/**
 * Claims, in the connection's stored counts, the builds and deploys a writer is about to store for
 * the first time (src/storage/stored-count-store.ts says why a claim). Every writer of a
 * connection's builds calls it under that connection's lease, after its last check and before its
 * first write: the scheduled sync, a pushed build, a history import round. `builds` is the list
 * about to be written, in write order. Only the connection's own CI deploys count for it.
 * Returns the billed writes: none when nothing new is stored.
 */
export async function claimNewRecords(
  connectionId: string,
  builds: readonly Build[],
  deploys: readonly PlannedDeploy[],
  ctx: RunContext,
  now: number,
  store = new StoredCountStore(),
): Promise<number> {
  const planned = {
    builds: ctx.builds.added(builds).map((b) => ({ jobId: b.job.id, number: b.number })),
    deploys: deploys
      .filter((p) => p.changed && p.previous === undefined && p.deploy.origin.kind === 'ci' && p.deploy.origin.connectionId === connectionId)
      .map((p) => p.deploy.id),
  };
  if (planned.builds.length === 0 && planned.deploys.length === 0) return 0;
  // Planned before the lease was taken: another writer may have stored some of them since.
  const added = await store.unstored(connectionId, planned);
  if (added.builds.length === 0 && added.deploys.length === 0) return 0;
  // A connection whose sync wrote records before counting began has some the count never sees
  // (a status from before running totals were kept says nothing, so it counts as having some).
  const nothingBefore = async () => {
    const status = await new SyncStateStore().status(connectionId);
    return status === undefined || (status.totals?.builds === 0 && status.totals.deploys === 0);
  };
  return store.claim(connectionId, added, new Date(now).toISOString(), nothingBefore);
}
