import { parseConnection, type Connection, type UrlRules } from '../domain/connection';
import { InvalidConnection } from '../domain/errors';
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

function optionalUrl(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

/**
 * The connection and secret a form describes. Secrets left blank while editing come from the
 * stored connection, so a token can be replaced without retyping the rest and the rest can be
 * changed without retyping the token. Every rule of the domain applies (URL, port, headers).
 */
export function resolveDraft(draft: ConnectionDraft, id: string, existing: ConnectionWithSecret | undefined, rules: UrlRules): ResolvedDraft {
  if (existing && existing.connection.kind !== draft.kind) {
    throw new InvalidConnection([`this is a ${existing.connection.kind} connection; add a new connection for ${draft.kind}`]);
  }
  const missing = [
    ...(draft.name.trim() === '' ? ['give the connection a name, e.g. "Production Jenkins"'] : []),
    ...(draft.kind === 'jenkins' && draft.baseUrl.trim() === '' ? ['enter the Jenkins URL, e.g. https://ci.example.com/jenkins'] : []),
  ];
  if (missing.length) throw new InvalidConnection(missing);
  const apiToken = tokenOf(draft, existing);
  let raw: unknown;
  let headers: Record<string, string> = {};
  switch (draft.kind) {
    case 'jenkins':
      headers = headersOf(draft.headers, existing);
      raw = { kind: 'jenkins', id, name: draft.name, baseUrl: draft.baseUrl, username: draft.username, customHeaders: headers };
      break;
    case 'buildkite':
      raw = { kind: 'buildkite', id, name: draft.name, organization: draft.organization, apiBaseUrl: optionalUrl(draft.apiBaseUrl) };
      break;
    case 'circleci':
      raw = {
        kind: 'circleci',
        id,
        name: draft.name,
        projectSlugs: draft.projectSlugs.map((s) => s.trim()).filter((s) => s !== ''),
        apiBaseUrl: optionalUrl(draft.apiBaseUrl),
      };
      break;
  }
  return { connection: parseConnection(raw, rules), secret: { apiToken, headers } };
}
