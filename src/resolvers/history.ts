import type Resolver from '@forge/resolver';
import { canManage, isVisible, pageOf, requirePageAdmin } from '../connections/access';
import { ConnectionNotFound } from '../connections/errors';
import { InvalidRequest } from '../domain/errors';
import { ForbiddenError } from '../jira/errors';
import { DEFAULT_HISTORY_DAYS, HISTORY_RESOLVERS as KEYS, startHistoryPayloadSchema } from '../shared/contract/history';
import { emptyPayloadSchema } from '../shared/contract/resolver';
import { ConnectionStore } from '../storage/connection-store';
import { HistoryStore } from '../storage/history-store';
import { startHistoryImport } from '../sync/history';
import { progressOf } from '../sync/history/progress';
import { defineResolver } from './define';

const DAY_MS = 86_400_000;

/**
 * History import from the admin page (any connection, Jira admins) or a project settings page
 * (that project's own connections, its admins). The page and project come from the Forge context.
 */
export function defineHistoryResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.start, startHistoryPayloadSchema, async ({ payload, caller }) => {
    const page = pageOf(caller);
    await requirePageAdmin(caller, page);
    const entry = await new ConnectionStore().get(payload.connectionId);
    if (!entry || !isVisible(entry, page)) throw new ConnectionNotFound();
    if (!canManage(entry, page)) {
      throw new ForbiddenError(`"${entry.connection.name}" is a site-wide connection: only Jira admins can import its history, on the Deploy Tracker admin page.`);
    }
    const from = payload.from ? new Date(`${payload.from}T00:00:00.000Z`) : new Date(Date.now() - DEFAULT_HISTORY_DAYS * DAY_MS);
    if (Number.isNaN(from.getTime())) throw new InvalidRequest('from: not a calendar date.');
    return progressOf(await startHistoryImport(entry.connection.id, from));
  });

  defineResolver(resolver, KEYS.progress, emptyPayloadSchema, async ({ caller }) => {
    const page = pageOf(caller);
    await requirePageAdmin(caller, page);
    const visible = (await new ConnectionStore().list()).filter((entry) => isVisible(entry, page)).map((entry) => entry.connection.id);
    return { imports: (await new HistoryStore().getMany(visible)).map(progressOf) };
  });
}
