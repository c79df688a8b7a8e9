import { servesProject, type ConnectionScope } from './connection-scope';
import { connectionsUsedBy, type ProjectConfig } from './project-config';

/** What "uses this connection" needs to know of a connection. */
export interface ScopedConnection {
  readonly id: string;
  readonly scope: ConnectionScope;
}

/**
 * A project uses a connection when its settings name it (default build server, build selection or
 * deploy source) and the connection serves the project: settings that name another project's own
 * connection do not count.
 */
export function usesConnection(config: ProjectConfig, connection: ScopedConnection): boolean {
  return servesProject(connection.scope, config.projectKey) && connectionsUsedBy(config).includes(connection.id);
}

/** The configurations among `configs` that use the connection, in their given order. */
export function configsUsing(configs: readonly ProjectConfig[], connection: ScopedConnection): ProjectConfig[] {
  return configs.filter((config) => usesConnection(config, connection));
}

/** The configuration with every reference to the connection removed. */
export function withoutConnection(config: ProjectConfig, connectionId: string, now: string): ProjectConfig {
  return {
    ...config,
    defaultConnectionId: config.defaultConnectionId === connectionId ? null : config.defaultConnectionId,
    builds: config.builds.filter((b) => b.connectionId !== connectionId),
    deploySources: config.deploySources.filter((s) => s.connectionId !== connectionId),
    updatedAt: now,
  };
}
