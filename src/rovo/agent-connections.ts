import { projectsWithJobsOn } from '../domain/access-rules';
import type { ConnectionSecret, JenkinsConnection } from '../domain/connection';
import { DomainError } from '../domain/errors';
import type { ProjectConfig } from '../domain/project-config';
import { Visibility } from '../jira/visibility';
import { ConnectionStore, type ConnectionEntry } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';

/** The agent may not (or cannot) use a connection; the message says which ones it may use. */
export class AgentRefusal extends DomainError {
  override readonly name = 'AgentRefusal';
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}

const ENABLE_HINT =
  'A Jira admin decides which Jenkins connections the agent may read: Deploy Tracker admin page, Connections, ' +
  '"Use with the Rovo agent". The agent reads only jobs of projects you may browse in Jira.';

export interface AgentConnection {
  readonly connection: JenkinsConnection;
  readonly secret: ConnectionSecret;
  /** Whether the asking user may read this job (its builds, stages, log, parameters and commits). */
  readonly mayReadJob: (jobId: string) => Promise<boolean>;
  /** Every job is readable: an admin opened the connection to every Jira user. */
  readonly readableByAll: boolean;
}

export interface AgentStores {
  readonly connections: Pick<ConnectionStore, 'list' | 'withSecret'>;
  readonly configs: Pick<ProjectConfigStore, 'list'>;
}

const defaultStores = (): AgentStores => ({ connections: new ConnectionStore(), configs: new ProjectConfigStore() });

/**
 * The Jenkins connection an action reads, and which of its jobs the asking user may read. Only
 * connections an admin enabled for the agent count, and of those only the ones holding a job of a
 * project whose development information the user may see in Jira (or opened to every Jira user).
 * The name the model extracted is matched against those alone (case-insensitive, or the connection
 * id), so a name the user may not use gets the same refusal as one that does not exist. Without a
 * name, the one usable connection is used, or the answer lists them.
 */
export async function agentConnection(name: string | undefined, accountId: string | undefined, stores: AgentStores = defaultStores()): Promise<AgentConnection> {
  const visibility = new Visibility(accountId);
  const enabled = accountId ? (await stores.connections.list()).filter((e) => e.agentEnabled && e.connection.kind === 'jenkins') : [];
  const configs = enabled.some((e) => !e.agentReadableByAll) ? await stores.configs.list() : [];
  const usable: ConnectionEntry[] = [];
  for (const entry of enabled) {
    if (entry.agentReadableByAll || (await visibility.seesAnyOf(projectsWithJobsOn(configs, scopedOf(entry))))) usable.push(entry);
  }
  const names = usable.map((e) => `"${e.connection.name}"`).join(', ');
  if (usable.length === 0) {
    throw new AgentRefusal('No Jenkins connection is enabled for the Deploy Tracker agent that you may read, so it cannot read Jenkins for you.', ENABLE_HINT);
  }
  let chosen: ConnectionEntry | undefined;
  if (name) {
    const wanted = name.trim().toLowerCase();
    chosen = usable.find((e) => e.connection.name.trim().toLowerCase() === wanted || e.connection.id === name.trim());
    if (!chosen) {
      throw new AgentRefusal(`No Jenkins connection named "${name.slice(0, 100)}" is enabled for the Deploy Tracker agent.`, `You may read: ${names}. ${ENABLE_HINT}`);
    }
  } else if (usable.length === 1) {
    chosen = usable[0];
  } else {
    throw new AgentRefusal(`Several Jenkins connections are enabled for the agent: ${names}. Say which one to read.`, 'Name the connection in the question.');
  }
  const withSecret = chosen ? await stores.connections.withSecret(chosen.connection.id) : undefined;
  if (!chosen || !withSecret || withSecret.connection.kind !== 'jenkins') {
    throw new AgentRefusal(`The connection "${chosen?.connection.name ?? name ?? ''}" has no saved credentials.`, 'A Jira admin can save the connection again with its API token.');
  }
  return { connection: withSecret.connection, secret: withSecret.secret, ...jobGate(chosen, configs, visibility) };
}

function scopedOf(entry: ConnectionEntry) {
  return { id: entry.connection.id, scope: entry.scope };
}

function jobGate(entry: ConnectionEntry, configs: readonly ProjectConfig[], visibility: Visibility): Pick<AgentConnection, 'mayReadJob' | 'readableByAll'> {
  if (entry.agentReadableByAll) return { readableByAll: true, mayReadJob: () => Promise.resolve(true) };
  return { readableByAll: false, mayReadJob: (jobId) => visibility.mayReadJob(configs, scopedOf(entry), jobId) };
}
