import { DEFAULT_API_BASE_URL, parseConnection, type Connection, type UrlRules } from '../domain/connection';
import { DomainError, InvalidConnection } from '../domain/errors';
import { buildkiteOrganizationOf, circleciProjectSlugOf } from '../domain/provider-urls';
import { parseHeaderText, type ConnectionDraft, type HeadersInput } from '../shared/contract/connections';
import type { ConnectionWithSecret, StoredSecret } from '../storage/connection-store';

export interface ResolvedDraft {
  readonly connection: Connection;
  readonly secret: StoredSecret;
  /** Which stored secrets the draft keeps rather than retypes. */
  readonly kept: KeptSecrets;
}

export interface KeptSecrets {
  readonly token: boolean;
  readonly headers: boolean;
}

/** A project admin asked to send a token or header values another administrator typed. */
export class SecretsEnteredByAnother extends DomainError {
  override readonly name = 'SecretsEnteredByAnother';
  constructor(kept: KeptSecrets, action = 'test this connection') {
    const what = kept.token && kept.headers ? 'API token and custom headers' : kept.headers ? 'custom headers' : 'API token';
    const were = kept.headers ? 'they were' : 'it was';
    super(
      `Enter the ${what} again to ${action}: ${were} entered by another administrator`,
      'Edit the connection and type them yourself, or ask a Jira admin to test it on the Deploy Tracker admin page.',
    );
  }
}

/**
 * On a project's page, kept secrets are only sent by the person who typed them: a project admin
 * must not use, or learn what answers to, a token someone else entered. Jira admins administer
 * every connection on the admin page, and the scheduled sync sends tokens as the app.
 */
export function requireOwnSecrets(enteredBy: string | undefined, accountId: string, kept: KeptSecrets, action?: string): void {
  if ((kept.token || kept.headers) && enteredBy !== accountId) throw new SecretsEnteredByAnother(kept, action);
}

/** What a saved connection sends when tested: its token, and its header values if any. */
export function savedSecrets(found: ConnectionWithSecret): KeptSecrets {
  return { token: found.secret.apiToken !== '', headers: found.connection.kind === 'jenkins' && Object.keys(found.connection.customHeaders).length > 0 };
}

/**
 * Who entered the secrets a draft resolves to: the caller when they typed all of it, the
 * stored author when the draft keeps all of it; a mix of two people's values has no single
 * author, and then counts as someone else's for everyone.
 */
function authorOf(kept: KeptSecrets, typed: boolean, existing: ConnectionWithSecret | undefined, accountId: string): string | undefined {
  if (!kept.token && !kept.headers) return accountId;
  if (existing?.enteredBy === accountId) return accountId;
  return typed ? undefined : existing?.enteredBy;
}

function tokenOf(draft: ConnectionDraft, existing: ConnectionWithSecret | undefined): string {
  if (draft.apiToken === undefined) {
    if (existing) return existing.secret.apiToken;
    throw new InvalidConnection(['enter the API token']);
  }
  const token = draft.apiToken.trim();
  if (token === '') {
    throw new InvalidConnection([
      existing ? 'the new API token is empty: type the new token, or leave the field untouched to keep the current one' : 'enter the API token',
    ]);
  }
  if (/[\s\0]/.test(token)) throw new InvalidConnection(['the API token contains spaces or line breaks: paste it again']);
  return token;
}

function headersOf(input: HeadersInput, existing: ConnectionWithSecret | undefined): Record<string, string> {
  if (input.mode === 'keep') return existing?.connection.kind === 'jenkins' ? { ...existing.connection.customHeaders } : {};
  const parsed = parseHeaderText(input.text);
  if ('problems' in parsed) throw new InvalidConnection(parsed.problems.map((p) => `custom headers: ${p}`));
  return parsed.headers;
}

/** Where a connection's secrets are sent: the Jenkins URL, or the API base URL (the provider's own when unset). */
function secretsOrigin(connection: Connection): string {
  return connection.kind === 'jenkins' ? connection.baseUrl : (connection.apiBaseUrl ?? DEFAULT_API_BASE_URL[connection.kind]);
}

/**
 * Stored secrets are bound to the address they were entered for: whoever may edit a connection
 * must not be able to point it at a server of their own and receive a token someone else typed.
 * A changed address therefore needs the token, and any stored header values, entered again.
 */
function requireSecretsReentered(draft: ConnectionDraft, connection: Connection, existing: ConnectionWithSecret): void {
  if (secretsOrigin(connection) === secretsOrigin(existing.connection)) return;
  const address = connection.kind === 'jenkins' ? 'URL' : 'API base URL';
  const keptHeaders =
    draft.kind === 'jenkins' && draft.headers.mode === 'keep' && existing.connection.kind === 'jenkins' && Object.keys(existing.connection.customHeaders).length > 0;
  const problems = [
    ...(draft.apiToken === undefined ? [`the ${address} changed: enter the API token again (a stored token is only sent to the address it was entered for)`] : []),
    ...(keptHeaders ? [`the ${address} changed: enter the custom headers again (stored header values are only sent to the address they were entered for)`] : []),
  ];
  if (problems.length) throw new InvalidConnection(problems);
}

function optionalUrl(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

/**
 * The connection and secret a form describes. Secrets left blank while editing come from the
 * stored connection, so a token can be replaced without retyping the rest, and the rest, except
 * the address the secrets go to, can be changed without retyping the token. Every rule of the
 * domain applies (URL, port, headers).
 */
export function resolveDraft(
  draft: ConnectionDraft,
  id: string,
  existing: ConnectionWithSecret | undefined,
  rules: UrlRules,
  accountId: string,
): ResolvedDraft {
  if (existing && existing.connection.kind !== draft.kind) {
    throw new InvalidConnection([`this is a ${existing.connection.kind} connection; add a new connection for ${draft.kind}`]);
  }
  const missing = [
    ...(draft.name.trim() === '' ? ['give the connection a name, e.g. "Production Jenkins"'] : []),
    ...(draft.kind === 'jenkins' && draft.baseUrl.trim() === '' && draft.mode !== 'pushed' ? ['enter the Jenkins URL, e.g. https://ci.example.com/jenkins'] : []),
  ];
  if (missing.length) throw new InvalidConnection(missing);
  // A pushed-only Jenkins without a URL is never called: it needs no token.
  const apiToken = draft.kind === 'jenkins' && draft.mode === 'pushed' && draft.baseUrl.trim() === '' && !draft.apiToken ? '' : tokenOf(draft, existing);
  let raw: unknown;
  let headers: Record<string, string> = {};
  switch (draft.kind) {
    case 'jenkins':
      headers = headersOf(draft.headers, existing);
      raw = { kind: 'jenkins', id, name: draft.name, baseUrl: draft.baseUrl, username: draft.username, customHeaders: headers, mode: draft.mode };
      break;
    case 'buildkite':
      raw = { kind: 'buildkite', id, name: draft.name, organization: buildkiteOrganizationOf(draft.organization).trim(), apiBaseUrl: optionalUrl(draft.apiBaseUrl), mode: draft.mode };
      break;
    case 'circleci':
      raw = {
        kind: 'circleci',
        id,
        name: draft.name,
        // A pasted pipelines page names its project: people copy the address bar, not the slug.
        projectSlugs: draft.projectSlugs.map((s) => circleciProjectSlugOf(s.trim())).filter((s) => s !== ''),
        apiBaseUrl: optionalUrl(draft.apiBaseUrl),
        mode: draft.mode,
      };
      break;
  }
  const connection = parseConnection(raw, rules);
  if (existing) requireSecretsReentered(draft, connection, existing);
  const headersKept = draft.kind === 'jenkins' && draft.headers.mode === 'keep' && Object.keys(headers).length > 0;
  const kept = { token: draft.apiToken === undefined && apiToken !== '', headers: headersKept };
  const typed = draft.apiToken !== undefined || (draft.kind === 'jenkins' && draft.headers.mode === 'replace' && Object.keys(headers).length > 0);
  const enteredBy = authorOf(kept, typed, existing, accountId);
  return { connection, secret: { apiToken, headers, ...(enteredBy === undefined ? {} : { enteredBy }) }, kept };
}
