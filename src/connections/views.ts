import { DEFAULT_API_BASE_URL, modeOf, type Connection } from '../domain/connection';
import type { ConnectionView } from '../shared/contract/connections';
import type { ConnectionEntry } from '../storage/connection-store';
import { canManage, type ConnectionPage } from './access';

function settingsOf(connection: Connection): ConnectionView['settings'] {
  switch (connection.kind) {
    case 'jenkins':
      return { kind: 'jenkins', baseUrl: connection.baseUrl, username: connection.username };
    case 'buildkite':
      return { kind: 'buildkite', organization: connection.organization, apiBaseUrl: connection.apiBaseUrl ?? null };
    case 'circleci':
      return { kind: 'circleci', projectSlugs: [...connection.projectSlugs], apiBaseUrl: connection.apiBaseUrl ?? null };
  }
}

/** The origin an admin consents to for a self-hosted server (scheme, host and any port). */
export function egressDomainOf(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  } catch {
    return null;
  }
}

/** The self-hosted address an admin must let the app reach; the providers' own hosts are in the manifest. */
export function egressDomainFor(connection: Connection): string | null {
  if (connection.kind === 'jenkins' && connection.baseUrl === '') return null;
  if (connection.kind === 'jenkins') return egressDomainOf(connection.baseUrl);
  const base = connection.apiBaseUrl;
  return base && base !== DEFAULT_API_BASE_URL[connection.kind] ? egressDomainOf(base) : null;
}

/**
 * What may leave the backend about a connection. Built field by field from the record (which
 * already holds hints, never secrets), so a field added to storage later cannot leak by accident.
 */
export function toView(entry: ConnectionEntry, page: ConnectionPage): ConnectionView {
  const { connection } = entry;
  return {
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    scope: entry.scope.kind === 'site' ? { kind: 'site' } : { kind: 'project', projectKey: entry.scope.projectKey },
    settings: settingsOf(connection),
    tokenHint: entry.tokenHint,
    headers: Object.entries(entry.headerHints).map(([name, hint]) => ({ name, hint })),
    agentEnabled: entry.agentEnabled,
    agentReadableByAll: entry.agentReadableByAll,
    canManage: canManage(entry, page),
    egressDomain: egressDomainFor(connection),
    updatedAt: entry.updatedAt,
    mode: modeOf(connection),
  };
}
