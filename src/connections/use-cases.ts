import { randomUUID } from 'node:crypto';
import { PROVIDER_KINDS } from '../domain/build';
import { withoutConnection } from '../domain/connection-usage';
import type { ConnectionTestResult } from '../providers';
import { modeOf, type UrlRules } from '../domain/connection';
import { ForbiddenError } from '../jira/errors';
import type { ConnectionDraft, ConnectionList, ConnectionView, TestResult } from '../shared/contract/connections';
import { ConnectionStore, type ConnectionEntry, type ConnectionWithSecret } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import { TokenDetailsStore } from '../storage/token-details-store';
import { forgetSyncOf } from '../sync/status';
import { PushStore } from '../sync/push-store';
import { withdrawConnection } from '../sync/jira-devops-withdraw';
import { isVisible, requireManageable, scopeOf, type ConnectionPage } from './access';
import { requireOwnSecrets, resolveDraft, savedSecrets } from './drafts';
import { addressStillUsed } from './egress-usage';
import { ConnectionNotFound } from './errors';
import { interactiveProvider } from './provider-deps';
import { testPushedOnly } from './pushed-test';
import { readConfigsUsing } from './usage';
import { egressDomainFor, toView } from './views';

/**
 * The connection use cases behind the resolvers. Callers have already checked that the user
 * administers `page`; these check what that page may see and change. `accountId` is that user,
 * from the Forge context: it records who typed a secret, and on a project's page only they may send it.
 */
export class Connections {
  constructor(
    private readonly store: ConnectionStore,
    private readonly configs: ProjectConfigStore,
    private readonly rules: UrlRules,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async list(page: ConnectionPage): Promise<ConnectionList> {
    const visible = (await this.store.list()).filter((entry) => isVisible(entry, page));
    return {
      page: page.kind,
      projectKey: page.kind === 'project' ? page.projectKey : null,
      connections: visible.map((entry) => toView(entry, page)),
      providers: PROVIDER_KINDS.map((kind) => ({ kind, connections: visible.filter((e) => e.connection.kind === kind).length })),
    };
  }

  /** A connection this page may change, with its secret, or a typed refusal. */
  async manageable(id: string, page: ConnectionPage): Promise<ConnectionWithSecret> {
    const found = await this.store.withSecret(id);
    if (!found || !isVisible(found.entry, page)) throw new ConnectionNotFound();
    requireManageable(found.entry, page);
    return found;
  }

  /**
   * Checks a form without writing or reaching anything, so the page asks for egress consent
   * only for an address the app will accept, and in the form the backend normalised.
   */
  async validate(draft: ConnectionDraft, id: string | undefined, page: ConnectionPage, accountId: string): Promise<{ egressDomain: string | null }> {
    const existing = id === undefined ? undefined : await this.manageable(id, page);
    return { egressDomain: egressDomainFor(resolveDraft(draft, id ?? 'unsaved', existing, this.rules, accountId).connection) };
  }

  /** Tests what the form says, stored secrets filling in what was left blank; nothing is written. */
  async testDraft(draft: ConnectionDraft, id: string | undefined, page: ConnectionPage, accountId: string): Promise<TestResult> {
    const existing = id === undefined ? undefined : await this.manageable(id, page);
    const { connection, secret, kept } = resolveDraft(draft, id ?? 'unsaved', existing, this.rules, accountId);
    if (page.kind === 'project') requireOwnSecrets(existing?.enteredBy, accountId, kept);
    return toTestResult(await interactiveProvider(connection, secret).testConnection());
  }

  async testSaved(id: string, page: ConnectionPage, accountId: string): Promise<TestResult> {
    const found = await this.manageable(id, page);
    if (page.kind === 'project') requireOwnSecrets(found.enteredBy, accountId, savedSecrets(found));
    const { connection, secret } = found;
    if (modeOf(connection) === 'pushed') return testPushedOnly(connection, Date.parse(this.now()));
    const result = await interactiveProvider(connection, { apiToken: secret.apiToken, headers: {} }).testConnection();
    // Only a test of the stored token describes it (a draft's may never be saved); the hub shows what it learnt.
    if (result.token) await rememberToken(found.entry, result.token, this.now());
    return toTestResult(result);
  }

  async save(
    input: { draft: ConnectionDraft; id: string | undefined; agentEnabled: boolean; agentReadableByAll?: boolean | undefined },
    page: ConnectionPage,
    accountId: string,
  ): Promise<ConnectionView> {
    const existing = input.id === undefined ? undefined : await this.manageable(input.id, page);
    const agentReadableByAll = agentReadableByAllOf(input.agentReadableByAll, existing?.entry.agentReadableByAll ?? false, page);
    const id = existing?.entry.connection.id ?? randomUUID();
    // Saving sends nothing: a kept secret keeps its author, and the test that may follow is checked on its own.
    const { connection, secret } = resolveDraft(input.draft, id, existing, this.rules, accountId);
    const entry = await this.store.save({
      connection,
      // An existing connection keeps its scope: editing it from the admin page does not make it site-wide.
      scope: existing?.entry.scope ?? scopeOf(page),
      agentEnabled: input.agentEnabled,
      agentReadableByAll,
      secret,
      now: this.now(),
      createdAt: existing?.entry.createdAt,
    });
    return toView(entry, page);
  }

  /** The projects whose settings use the connection, for the removal confirmation. */
  async usage(id: string, page: ConnectionPage): Promise<{ projects: string[] }> {
    const { entry } = await this.manageable(id, page);
    return { projects: (await readConfigsUsing(entry, this.configs)).map((c) => c.projectKey) };
  }

  /**
   * Removes the connection and every reference projects hold to it, references first: a failure
   * half-way leaves a connection nobody uses rather than projects pointing at nothing.
   */
  async remove(id: string, page: ConnectionPage): Promise<{ removed: string; projectsUpdated: string[]; addressStillUsed: boolean }> {
    const { entry } = await this.manageable(id, page);
    const using = await readConfigsUsing(entry, this.configs);
    // What it sent to Jira goes first: if Jira cannot delete it now, nothing is removed and trying again works.
    await withdrawConnection(id);
    const now = this.now();
    for (const config of using) await this.configs.save(withoutConnection(config, id, now));
    await this.store.remove(id);
    // Its webhook URL stops working with it (a CircleCI webhook the app made stays in CircleCI, answered 403).
    await new PushStore().remove(id);
    await forgetSyncOf(id);
    return { removed: id, projectsUpdated: using.map((c) => c.projectKey), addressStillUsed: await addressStillUsed(this.store, entry) };
  }
}

/** Only Jira admins open a connection to every Jira user; a project's page keeps what they chose. */
function agentReadableByAllOf(asked: boolean | undefined, current: boolean, page: ConnectionPage): boolean {
  if (page.kind === 'site') return asked ?? current;
  if (asked === true && !current) throw new ForbiddenError('Only Jira admins can let every Jira user read a connection through the agent.');
  return asked === false ? false : current;
}

async function rememberToken(entry: ConnectionEntry, token: NonNullable<ConnectionTestResult['token']>, now: string): Promise<void> {
  await new TokenDetailsStore().save({
    schemaVersion: 1,
    connectionId: entry.connection.id,
    tokenHint: entry.tokenHint,
    checkedAt: now,
    scopes: [...token.scopes],
    ...(token.createdAt ? { createdAt: token.createdAt } : {}),
    expiry: { ...token.expiry },
  });
}

function toTestResult(result: ConnectionTestResult): TestResult {
  return { provider: result.provider, serverVersion: result.serverVersion, user: result.user, warnings: [...result.warnings], ...(result.scopes ? { scopes: [...result.scopes] } : {}) };
}
