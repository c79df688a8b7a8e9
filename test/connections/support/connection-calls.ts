import type { Platform } from '../../../dev/emulator/platform';
import {
  CONNECTION_RESOLVERS as KEYS,
  connectionListSchema,
  connectionViewSchema,
  type ConnectionDraft,
  type ConnectionView,
} from '../../../src/shared/contract/connections';
import { dataOf } from './results';
import { ADMIN_PAGE, invoke, type Page, type User } from './settings-platform';

/** Saves a connection through the resolver, as Ada on the admin page unless told otherwise. */
export async function saved(
  platform: Platform,
  draft: ConnectionDraft,
  options: { as?: User; page?: Page; id?: string; agentEnabled?: boolean } = {},
): Promise<ConnectionView> {
  const payload = { draft, agentEnabled: options.agentEnabled ?? false, ...(options.id ? { id: options.id } : {}) };
  return dataOf(await invoke(platform, KEYS.save, { as: options.as ?? 'ada', page: options.page ?? ADMIN_PAGE, payload }), connectionViewSchema);
}

export async function listed(platform: Platform, as: User = 'ada', page: Page = ADMIN_PAGE) {
  return dataOf(await invoke(platform, KEYS.list, { as, page }), connectionListSchema);
}
