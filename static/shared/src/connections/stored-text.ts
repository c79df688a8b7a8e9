import type { StoredCountsView } from '../../../../src/shared/contract/connections';
import { formatDate } from '../dates';
import { plural } from '../words';


/**
 * What is stored for a connection, each record counted once whoever stored it, as the health hub
 * and the Sync tab say it; "since" when counting began after its first records.
 */
export function storedText(stored: StoredCountsView | null | undefined, hasRun: boolean): string {
  if (!stored) return hasRun ? 'Stored builds and deploys are counted from the next new build' : 'Nothing stored yet';
  const since = stored.since ? ` since ${formatDate(stored.since)}` : '';
  return `${plural(stored.builds, 'build')} and ${plural(stored.deploys, 'deploy')} stored${since}`;
}
