import { z } from 'zod';
import { InvalidConnection } from './errors';
import type { ProviderKind } from './build';
import { CONNECTION_MODES, DEFAULT_CONNECTION_MODE, type ConnectionMode } from './webhook';
import { fieldLabel } from './connection-fields';

/**
 * A CI connection as an admin configures it. Secrets (the API token) are never part of these
 * records: storage keeps them apart and hands them to the provider as a separate argument.
 */
export interface JenkinsConnection {
  readonly kind: 'jenkins';
  readonly id: string;
  readonly name: string;
  /**
   * Scheme, host, optional port and context path, no trailing slash: `https://ci.example.com:8443/jenkins`.
   * Empty for a pushed-only Jenkins the app never calls (behind a firewall); then only links use it.
   */
  readonly baseUrl: string;
  /** Empty for a pushed-only Jenkins without a URL. */
  readonly username: string;
  readonly mode?: ConnectionMode | undefined;
  /** Sent with every request, e.g. for a proxy in front of Jenkins. Values are treated as secrets in errors. */
  readonly customHeaders: Readonly<Record<string, string>>;
}

export interface BuildkiteConnection {
  readonly kind: 'buildkite';
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  /** Defaults to https://api.buildkite.com. */
  readonly apiBaseUrl?: string | undefined;
  readonly mode?: ConnectionMode | undefined;
}

export interface CircleCiConnection {
  readonly kind: 'circleci';
  readonly id: string;
  readonly name: string;
  /** Opaque slugs as CircleCI shows them (`gh/org/repo`, `circleci/<org-id>/<project-id>`). */
  readonly projectSlugs: readonly string[];
  /** Defaults to https://circleci.com (CircleCI server installations have their own host). */
  readonly apiBaseUrl?: string | undefined;
  readonly mode?: ConnectionMode | undefined;
}

export type Connection = JenkinsConnection | BuildkiteConnection | CircleCiConnection;

/** Polled unless the admin chose otherwise; records from before modes existed are polled. */
export function modeOf(connection: Pick<Connection, 'mode'>): ConnectionMode {
  return connection.mode ?? DEFAULT_CONNECTION_MODE;
}

/** A pushed-only Jenkins without a URL: the app never calls it, so it has no server to test or read. */
export function isUnreachable(connection: Connection): boolean {
  return connection.kind === 'jenkins' && modeOf(connection) === 'pushed' && connection.baseUrl === '';
}

export interface ConnectionSecret {
  readonly apiToken: string;
}

export const DEFAULT_API_BASE_URL: Readonly<Record<Exclude<ProviderKind, 'jenkins'>, string>> = {
  buildkite: 'https://api.buildkite.com',
  circleci: 'https://circleci.com',
};

/** Ports Forge lets a backend fetch reach. */
export const FORGE_EGRESS_PORTS: readonly number[] = [80, 443, 8080, 8443, 8444, 7990, 8089, 8090, 8085, 8060];

export interface UrlRules {
  /** Local development and tests: plain HTTP and any port, on loopback hosts only. */
  readonly allowLoopbackHttp?: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A normalised base URL (no trailing slash, query or fragment), or the reasons it cannot work. */
export function checkBaseUrl(raw: string, rules: UrlRules = {}): { url: string } | { problems: string[] } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problems: [`"${raw}" is not an absolute URL such as https://ci.example.com/jenkins`] };
  }
  const problems: string[] = [];
  const loopbackAllowed = rules.allowLoopbackHttp === true && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopbackAllowed && url.protocol === 'http:')) {
    problems.push('the URL must start with https:// (Forge only connects over HTTPS)');
  }
  if (url.username || url.password) problems.push('put the user name and token in their own fields, not in the URL');
  if (url.search || url.hash) problems.push('remove the query string and fragment from the URL');
  const port = url.port === '' ? null : Number(url.port);
  if (port !== null && !loopbackAllowed && !FORGE_EGRESS_PORTS.includes(port)) {
    problems.push(`port ${port} is not one Forge can reach (allowed: ${FORGE_EGRESS_PORTS.join(', ')})`);
  }
  if (problems.length) return { problems };
  const path = url.pathname.replace(/\/+$/, '');
  return { url: `${url.protocol}//${url.host}${path}` };
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VISIBLE_ASCII = /^[\t\x20-\x7e]*$/;
/** Hop-by-hop headers (RFC 9110 7.6.1), headers fetch owns, and the ones the provider sets itself. */
const FORBIDDEN_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'authorization',
  'circle-token',
  'accept-encoding',
]);
const MAX_HEADERS = 20;
const MAX_VALUE_LENGTH = 4096;

/** Every reason these custom headers cannot be sent; empty when they are fine. */
export function customHeaderProblems(headers: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) problems.push(`at most ${MAX_HEADERS} custom headers are allowed`);
  const seen = new Set<string>();
  for (const name of names) {
    const value = headers[name] ?? '';
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) {
      problems.push(`header name "${printable(name)}" may only contain letters, digits and !#$%&'*+-.^_\`|~`);
      continue;
    }
    if (seen.has(lower)) problems.push(`header "${name}" is given twice`);
    seen.add(lower);
    if (FORBIDDEN_HEADERS.has(lower)) {
      problems.push(
        lower === 'authorization'
          ? 'the Authorization header is set by the app from the user name and token; remove it'
          : `header "${name}" is managed by the HTTP connection and cannot be set`,
      );
    }
    if (/[\r\n\0]/.test(value)) problems.push(`the value of "${name}" contains a line break`);
    else if (!VISIBLE_ASCII.test(value)) problems.push(`the value of "${name}" may only contain printable ASCII`);
    if (value.length > MAX_VALUE_LENGTH) problems.push(`the value of "${name}" is longer than ${MAX_VALUE_LENGTH} characters`);
  }
  return problems;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

const idSchema = z.string().min(1).max(200);
const nameSchema = z.string().trim().min(1).max(200);
const headersSchema = z.record(z.string(), z.string()).default({});
const slugSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use the organisation slug from the Buildkite URL, e.g. my-org');
const projectSlugSchema = z
  .string()
  .trim()
  .regex(/^[^\s/]+\/[^\s/]+\/[^\s/]+$/, 'a project slug has three parts, e.g. gh/my-org/my-repo');

const modeSchema = z.enum(CONNECTION_MODES).optional();

const connectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('jenkins'),
    id: idSchema,
    name: nameSchema,
    baseUrl: z.string(),
    username: z.string().trim(),
    customHeaders: headersSchema,
    mode: modeSchema,
  }),
  z.object({
    kind: z.literal('buildkite'),
    id: idSchema,
    name: nameSchema,
    organization: slugSchema,
    apiBaseUrl: z.string().optional(),
    mode: modeSchema,
  }),
  z.object({
    kind: z.literal('circleci'),
    id: idSchema,
    name: nameSchema,
    projectSlugs: z.array(projectSlugSchema).min(1, 'add at least one project slug').max(50),
    apiBaseUrl: z.string().optional(),
    mode: modeSchema,
  }),
]);

/** Validates a connection from outside (admin form, storage); throws InvalidConnection listing every problem. */
export function parseConnection(input: unknown, rules: UrlRules = {}): Connection {
  const parsed = connectionSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidConnection(parsed.error.issues.map((i) => `${fieldLabel(i.path, input)}: ${i.message}`));
  }
  const data = parsed.data;
  const problems: string[] = [];
  const urlOf = (raw: string): string => {
    const checked = checkBaseUrl(raw, rules);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      return raw;
    }
    return checked.url;
  };
  let connection: Connection;
  if (data.kind === 'jenkins') {
    problems.push(...customHeaderProblems(data.customHeaders));
    // A pushed-only Jenkins may have no URL the app can reach: the firewalled case.
    const unreachable = data.mode === 'pushed' && data.baseUrl.trim() === '';
    if (!unreachable && data.username === '') problems.push('enter the Jenkins user name the API token belongs to');
    connection = { ...data, baseUrl: unreachable ? '' : urlOf(data.baseUrl) };
  } else if (data.kind === 'buildkite') {
    connection = { ...data, apiBaseUrl: data.apiBaseUrl === undefined ? undefined : urlOf(data.apiBaseUrl) };
  } else {
    connection = { ...data, apiBaseUrl: data.apiBaseUrl === undefined ? undefined : urlOf(data.apiBaseUrl) };
  }
  if (problems.length) throw new InvalidConnection(problems);
  return connection;
}

const secretSchema = z.object({ apiToken: z.string().trim().min(1, 'enter the API token') });

export function parseSecret(input: unknown): ConnectionSecret {
  const parsed = secretSchema.safeParse(input);
  if (!parsed.success) throw new InvalidConnection(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}
