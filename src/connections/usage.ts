import api, { route } from '@forge/api';
import { z } from 'zod';
import { connectionsUsedBy, type ProjectConfig } from '../domain/project-config';
import { JiraUnavailable } from '../jira/errors';
import type { ConnectionEntry } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';

const projectPageSchema = z.object({
  values: z.array(z.object({ key: z.string() })),
  isLast: z.boolean().optional(),
});

const PAGE_SIZE = 100;
/** 5,000 projects: past that the confirmation names what it found so far. */
const MAX_PAGES = 50;

/** Every project key on the site, as the app sees them. */
async function siteProjectKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ startAt: String(page * PAGE_SIZE), maxResults: String(PAGE_SIZE), orderBy: 'key' });
    const response = await api.asApp().requestJira(route`/rest/api/3/project/search?${params}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when listing projects`);
    const parsed = projectPageSchema.safeParse(await response.json());
    if (!parsed.success) throw new JiraUnavailable('Jira listed projects in an unexpected shape');
    keys.push(...parsed.data.values.map((p) => p.key));
    if (parsed.data.isLast !== false || parsed.data.values.length === 0) break;
  }
  return keys;
}

/**
 * The project configurations that use a connection. A project's own connection can only be used
 * by that project; a site connection may be used by any, so every configured project is read.
 */
export async function configsUsing(entry: ConnectionEntry, configs: ProjectConfigStore): Promise<ProjectConfig[]> {
  const keys = entry.scope.kind === 'project' ? [entry.scope.projectKey] : await siteProjectKeys();
  const found = await configs.all(keys);
  return found.filter((config) => connectionsUsedBy(config).includes(entry.connection.id)).sort((a, b) => a.projectKey.localeCompare(b.projectKey));
}

/** The configuration without any reference to the connection. */
export function withoutConnection(config: ProjectConfig, connectionId: string, now: string): ProjectConfig {
  return {
    ...config,
    defaultConnectionId: config.defaultConnectionId === connectionId ? null : config.defaultConnectionId,
    builds: config.builds.filter((b) => b.connectionId !== connectionId),
    deploySources: config.deploySources.filter((s) => s.connectionId !== connectionId),
    updatedAt: now,
  };
}
