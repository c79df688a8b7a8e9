import { configsUsing } from '../domain/connection-usage';
import type { ProjectConfig } from '../domain/project-config';
import type { ConnectionEntry } from '../storage/connection-store';
import type { ProjectConfigStore } from '../storage/project-config-store';

/**
 * The stored project configurations that use a connection, by project key. A project's own
 * connection can only be used by that project; a site connection by any project on the site, so
 * every stored configuration is read: also of projects `asApp()` cannot see (yet), which would
 * otherwise keep pointing at a removed connection.
 */
export async function readConfigsUsing(entry: ConnectionEntry, configs: ProjectConfigStore): Promise<ProjectConfig[]> {
  const found = entry.scope.kind === 'project' ? await configs.all([entry.scope.projectKey]) : await configs.list();
  return configsUsing(found, { id: entry.connection.id, scope: entry.scope }).sort((a, b) => a.projectKey.localeCompare(b.projectKey));
}
