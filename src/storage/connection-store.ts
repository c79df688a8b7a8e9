import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { parseConnection, type Connection, type ConnectionSecret } from '../domain/connection';
import { connectionScopeSchema, type ConnectionScope } from '../domain/connection-scope';
import { keys } from './keys';
import { queryAll } from './kvs-records';

/**
 * Connections are site-wide records; a connection added from a project's settings page is scoped
 * to that project. Secrets (API token, custom header values) live apart, in Forge secret storage,
 * and only the provider ever receives them: records returned to resolvers carry hints (last four
 * characters) instead.
 */
const storedConnectionSchema = z.object({
  schemaVersion: z.literal(1),
  connection: z.unknown(),
  scope: connectionScopeSchema,
  /** Rovo actions may only read connections an admin enabled for the agent. */
  agentEnabled: z.boolean(),
  /** Set by a Jira admin after a warning: the agent reads every job for every Jira user. Absent in older records. */
  agentReadableByAll: z.boolean().optional(),
  tokenHint: z.string(),
  headerHints: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const secretSchema = z.object({
  apiToken: z.string(),
  headers: z.record(z.string(), z.string()),
  /** Who typed these values (their Forge context account). Absent in older secrets: someone else, for project admins. */
  enteredBy: z.string().min(1).optional(),
});
export type StoredSecret = z.infer<typeof secretSchema>;

export interface ConnectionEntry {
  /** The connection as configured, with custom header values blanked: they are secrets. */
  readonly connection: Connection;
  readonly scope: ConnectionScope;
  readonly agentEnabled: boolean;
  /** The agent reads all of it for every Jira user, not only jobs of projects the user may browse. */
  readonly agentReadableByAll: boolean;
  readonly tokenHint: string;
  readonly headerHints: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConnectionWithSecret {
  readonly entry: ConnectionEntry;
  /** With its custom header values restored, ready for the provider. */
  readonly connection: Connection;
  readonly secret: ConnectionSecret;
  /** The account that entered the stored token and header values, when known. */
  readonly enteredBy: string | undefined;
}

export function hintOf(secret: string): string {
  return secret.length <= 4 ? '••••' : `••••${secret.slice(-4)}`;
}

function blankHeaders(connection: Connection): Connection {
  if (connection.kind !== 'jenkins') return connection;
  return { ...connection, customHeaders: Object.fromEntries(Object.keys(connection.customHeaders).map((n) => [n, ''])) };
}

function toEntry(value: unknown): ConnectionEntry | undefined {
  const stored = storedConnectionSchema.safeParse(value);
  if (!stored.success) return undefined;
  try {
    // Stored records passed validation when written; loopback URLs are only ever stored by local runs.
    const connection = parseConnection(stored.data.connection, { allowLoopbackHttp: true });
    const { scope, agentEnabled, tokenHint, headerHints, createdAt, updatedAt } = stored.data;
    const agentReadableByAll = agentEnabled && stored.data.agentReadableByAll === true;
    return { connection, scope, agentEnabled, agentReadableByAll, tokenHint, headerHints, createdAt, updatedAt };
  } catch {
    return undefined;
  }
}

export class ConnectionStore {
  async list(): Promise<ConnectionEntry[]> {
    const entries = await queryAll(kvs.query().where('key', WhereConditions.beginsWith(keys.connectionPrefix)), toEntry);
    return entries.sort((a, b) => a.connection.name.localeCompare(b.connection.name));
  }

  async get(id: string): Promise<ConnectionEntry | undefined> {
    return toEntry(await kvs.get(keys.connection(id)));
  }

  async withSecret(id: string): Promise<ConnectionWithSecret | undefined> {
    const entry = await this.get(id);
    if (!entry) return undefined;
    const secret = secretSchema.safeParse(await kvs.getSecret(keys.connectionSecret(id)));
    if (!secret.success) return undefined;
    const connection =
      entry.connection.kind === 'jenkins' ? { ...entry.connection, customHeaders: secret.data.headers } : entry.connection;
    return { entry, connection, secret: { apiToken: secret.data.apiToken }, enteredBy: secret.data.enteredBy };
  }

  /** Writes the secret first, then the record, so a record never exists without its secret. */
  async save(input: {
    readonly connection: Connection;
    readonly scope: ConnectionScope;
    readonly agentEnabled: boolean;
    readonly agentReadableByAll?: boolean | undefined;
    readonly secret: StoredSecret;
    readonly now: string;
    readonly createdAt?: string | undefined;
  }): Promise<ConnectionEntry> {
    const secret = secretSchema.parse(input.secret);
    await kvs.setSecret(keys.connectionSecret(input.connection.id), secret);
    const record = {
      schemaVersion: 1 as const,
      connection: blankHeaders(input.connection),
      scope: input.scope,
      agentEnabled: input.agentEnabled,
      agentReadableByAll: input.agentEnabled && input.agentReadableByAll === true,
      tokenHint: hintOf(secret.apiToken),
      headerHints: Object.fromEntries(Object.entries(secret.headers).map(([n, v]) => [n, hintOf(v)])),
      createdAt: input.createdAt ?? input.now,
      updatedAt: input.now,
    };
    await kvs.set(keys.connection(input.connection.id), record);
    const entry = toEntry(record);
    if (!entry) throw new Error('A connection record failed validation right after it was written');
    return entry;
  }

  async secret(id: string): Promise<StoredSecret | undefined> {
    const secret = secretSchema.safeParse(await kvs.getSecret(keys.connectionSecret(id)));
    return secret.success ? secret.data : undefined;
  }

  /** The record, its secret, then what a test learnt about that secret. */
  async remove(id: string): Promise<void> {
    await kvs.delete(keys.connection(id));
    await kvs.deleteSecret(keys.connectionSecret(id));
    await kvs.delete(keys.tokenDetails(id));
  }
}
