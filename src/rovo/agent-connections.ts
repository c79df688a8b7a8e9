import type { ConnectionSecret, JenkinsConnection } from '../domain/connection';
import { DomainError } from '../domain/errors';
import { canBrowseProject } from '../jira/permissions';
import { ConnectionStore, type ConnectionEntry } from '../storage/connection-store';

/** The agent may not (or cannot) use a connection; the message says which ones it may use. */
export class AgentRefusal extends DomainError {
  override readonly name = 'AgentRefusal';
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}

const ENABLE_HINT =
  'A Jira admin decides which Jenkins connections the agent may read: Deploy Tracker admin page, Connections, ' +
  '"Use with the Rovo agent".';

export interface AgentConnection {
  readonly connection: JenkinsConnection;
  readonly secret: ConnectionSecret;
}

/**
 * The Jenkins connection an action reads. Only connections an admin enabled for the agent count;
 * a project's own connection only for users who can browse that project. The name the model
 * extracted is matched against those alone (case-insensitive, or the connection id), so a name
 * that is not enabled gets the same refusal as one that does not exist. Without a name, the one
 * enabled connection is used, or the answer lists them.
 */
export async function agentConnection(name: string | undefined, accountId: string | undefined, store = new ConnectionStore()): Promise<AgentConnection> {
  const usable = await usableEntries(await store.list(), accountId);
  const names = usable.map((e) => `"${e.connection.name}"`).join(', ');
  if (usable.length === 0) {
    throw new AgentRefusal('No Jenkins connection is enabled for the Deploy Tracker agent, so it cannot read Jenkins for you.', ENABLE_HINT);
  }
  let chosen: ConnectionEntry | undefined;
  if (name) {
    const wanted = name.trim().toLowerCase();
    chosen = usable.find((e) => e.connection.name.trim().toLowerCase() === wanted || e.connection.id === name.trim());
    if (!chosen) {
      throw new AgentRefusal(`No Jenkins connection named "${name.slice(0, 100)}" is enabled for the Deploy Tracker agent.`, `The agent may read: ${names}. ${ENABLE_HINT}`);
    }
  } else if (usable.length === 1) {
    chosen = usable[0];
  } else {
    throw new AgentRefusal(`Several Jenkins connections are enabled for the agent: ${names}. Say which one to read.`, 'Name the connection in the question.');
  }
  const withSecret = chosen ? await store.withSecret(chosen.connection.id) : undefined;
  if (!withSecret || withSecret.connection.kind !== 'jenkins') {
    throw new AgentRefusal(`The connection "${chosen?.connection.name ?? name ?? ''}" has no saved credentials.`, 'A Jira admin can save the connection again with its API token.');
  }
  return { connection: withSecret.connection, secret: withSecret.secret };
}

async function usableEntries(entries: readonly ConnectionEntry[], accountId: string | undefined): Promise<ConnectionEntry[]> {
  const enabled = entries.filter((e) => e.agentEnabled && e.connection.kind === 'jenkins');
  const browsable = new Map<string, boolean>();
  const usable: ConnectionEntry[] = [];
  for (const entry of enabled) {
    if (entry.scope.kind === 'site') {
      usable.push(entry);
      continue;
    }
    const projectKey = entry.scope.projectKey;
    if (!browsable.has(projectKey)) browsable.set(projectKey, !!accountId && (await canBrowseProject(projectKey)));
    if (browsable.get(projectKey)) usable.push(entry);
  }
  return usable;
}
