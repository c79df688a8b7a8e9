import type { ConnectionEntry, ConnectionStore } from '../storage/connection-store';
import { egressDomainFor } from './views';

/**
 * Whether another stored connection still reaches the removed one's address, so the admin page
 * withdraws Forge egress consent only for an address nothing uses any more. Connections of every
 * scope count: a project's own Jenkins needs the site's consent just as a site-wide one does.
 */
export async function addressStillUsed(store: ConnectionStore, removed: ConnectionEntry): Promise<boolean> {
  const domain = egressDomainFor(removed.connection);
  if (domain === null) return false;
  const others = (await store.list()).filter((e) => e.connection.id !== removed.connection.id);
  return others.some((e) => egressDomainFor(e.connection) === domain);
}
