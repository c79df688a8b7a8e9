import { DEFAULT_API_BASE_URL, parseConnection, type Connection, type UrlRules } from '../domain/connection';
import { InvalidConnection } from '../domain/errors';
import { buildkiteOrganizationOf, circleciProjectSlugOf } from '../domain/provider-urls';
import { parseHeaderText, type ConnectionDraft, type HeadersInput } from '../shared/contract/connections';
import type { ConnectionWithSecret, StoredSecret } from '../storage/connection-store';

export interface ResolvedDraft {
  readonly connection: Connection;
  readonly secret: StoredSecret;
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
export function resolveDraft(draft: ConnectionDraft, id: string, existing: ConnectionWithSecret | undefined, rules: UrlRules): ResolvedDraft {
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
  return { connection, secret: { apiToken, headers } };
}
