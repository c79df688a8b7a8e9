// zod/mini, as every contract (see contract/resolver.ts).
import * as z from 'zod/mini';
import { CONNECTION_MODES } from '../../domain/webhook';
import { issuedId } from './ids';

/**
 * The connections resolvers' contract, shared by the backend (src/resolvers/connections.ts) and
 * the admin and project settings pages. Secrets only ever travel from the browser to the backend:
 * no response schema here has a field that could hold a token or a header value.
 */
export const CONNECTION_RESOLVERS = {
  list: 'connections.list',
  validate: 'connections.validate',
  testDraft: 'connections.testDraft',
  testSaved: 'connections.testSaved',
  save: 'connections.save',
  usage: 'connections.usage',
  remove: 'connections.remove',
  health: 'connections.health',
} as const;

/** Keys of the resolvers that change something or reach out to a CI server: admins only. */
export const PRIVILEGED_CONNECTION_RESOLVERS = [
  CONNECTION_RESOLVERS.testDraft,
  CONNECTION_RESOLVERS.testSaved,
  CONNECTION_RESOLVERS.save,
  CONNECTION_RESOLVERS.remove,
] as const;

/** What a Buildkite token needs (first) and what makes the app nicer to use (the others). */
export const BUILDKITE_SCOPES = { required: ['read_builds'], useful: ['read_pipelines', 'read_organizations'] } as const;

const id = issuedId(64);
const text = (max: number) => z.string().check(z.maxLength(max));

/** How builds arrive (src/domain/webhook.ts): polled by the app, pushed by the CI, or both. Absent: polled. */
const modeSchema = z.optional(z.enum(CONNECTION_MODES));

/** Custom headers: keep the stored ones, or replace them all with a comma-separated `Name: value` list ('' removes them). */
export const headersInputSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('keep') }),
  z.strictObject({ mode: z.literal('replace'), text: text(20_000) }),
]);
export type HeadersInput = z.infer<typeof headersInputSchema>;

/**
 * The form as typed. `apiToken` is absent when an existing connection keeps its token; when
 * present it must not be blank.
 */
export const connectionDraftSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('jenkins'),
    name: text(200),
    baseUrl: text(2000),
    username: text(200),
    apiToken: z.optional(text(4096)),
    headers: headersInputSchema,
    mode: modeSchema,
  }),
  z.strictObject({
    kind: z.literal('buildkite'),
    name: text(200),
    organization: text(200),
    apiToken: z.optional(text(4096)),
    apiBaseUrl: z.optional(text(2000)),
    mode: modeSchema,
  }),
  z.strictObject({
    kind: z.literal('circleci'),
    name: text(200),
    projectSlugs: z.array(text(300)).check(z.maxLength(50)),
    apiToken: z.optional(text(4096)),
    apiBaseUrl: z.optional(text(2000)),
    mode: modeSchema,
  }),
]);
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;

export const testDraftPayloadSchema = z.strictObject({
  /** Set when editing: blank secrets are then taken from the stored connection. */
  id: z.optional(id),
  draft: connectionDraftSchema,
});
export const savePayloadSchema = z.strictObject({
  id: z.optional(id),
  draft: connectionDraftSchema,
  agentEnabled: z.boolean(),
  /** Every Jira user may read all of it through the agent: Jira admins only, after a warning. */
  agentReadableByAll: z.optional(z.boolean()),
});
export const connectionIdPayloadSchema = z.strictObject({ id });

const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site') }),
  z.object({ kind: z.literal('project'), projectKey: z.string() }),
]);

const settingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('jenkins'), baseUrl: z.string(), username: z.string() }),
  z.object({ kind: z.literal('buildkite'), organization: z.string(), apiBaseUrl: z.nullable(z.string()) }),
  z.object({ kind: z.literal('circleci'), projectSlugs: z.array(z.string()), apiBaseUrl: z.nullable(z.string()) }),
]);

/** A connection as the pages show it: secrets only as `••••` plus their last four characters. */
export const connectionViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['jenkins', 'buildkite', 'circleci']),
  name: z.string(),
  scope: scopeSchema,
  settings: settingsSchema,
  tokenHint: z.string(),
  headers: z.array(z.object({ name: z.string(), hint: z.string() })),
  agentEnabled: z.boolean(),
  agentReadableByAll: z.boolean(),
  /** Whether this caller may edit, test and remove it from this page. */
  canManage: z.boolean(),
  /** The address an admin consents to for Forge egress; null for the providers' own hosts. */
  egressDomain: z.nullable(z.string()),
  updatedAt: z.string(),
  /** Absent from older backends: polled. */
  mode: modeSchema,
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const connectionListSchema = z.object({
  page: z.enum(['site', 'project']),
  projectKey: z.nullable(z.string()),
  connections: z.array(connectionViewSchema),
  /** Per provider: connected while at least one connection of that kind exists. */
  providers: z.array(z.object({ kind: z.enum(['jenkins', 'buildkite', 'circleci']), connections: z.number() })),
});
export type ConnectionList = z.infer<typeof connectionListSchema>;

/** A form the backend accepts, and the address a Jira admin must allow before the app reaches it. */
export const validatedSchema = z.object({ egressDomain: z.nullable(z.string()) });

export const testResultSchema = z.object({
  provider: z.enum(['jenkins', 'buildkite', 'circleci']),
  serverVersion: z.nullable(z.string()),
  user: z.nullable(z.string()),
  warnings: z.array(z.string()),
  /** The token's scopes where the CI reports them (Buildkite); absent elsewhere. */
  scopes: z.optional(z.array(z.string())),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const usageSchema = z.object({ projects: z.array(z.string()) });
export const removedSchema = z.object({
  removed: z.string(),
  projectsUpdated: z.array(z.string()),
  /** Whether another connection still reaches the same address: its egress consent then stays. */
  addressStillUsed: z.boolean(),
});
export type Removed = z.infer<typeof removedSchema>;

const HEADER_NAME_AHEAD = /,\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:)/;

/**
 * Reads `Name: value, Other: value` as typed in Advanced settings. A comma only starts a new
 * header when a `Name:` follows it, so values may contain commas. Problems never quote a value:
 * values are secrets. The backend then applies the domain's header rules (customHeaderProblems);
 * the pages use this alone, to point at typing mistakes before anything is sent.
 */
export function parseHeaderText(input: string): { headers: Record<string, string> } | { problems: string[] } {
  const trimmed = input.trim();
  if (trimmed === '') return { headers: {} };
  if (/[\r\n\0]/.test(input)) {
    return { problems: ['a header cannot contain a line break: put every header on one line, separated by commas'] };
  }
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  trimmed.split(HEADER_NAME_AHEAD).forEach((part, index) => {
    const colon = part.indexOf(':');
    const name = colon > 0 ? part.slice(0, colon).trim() : '';
    if (name === '') {
      problems.push(`header ${index + 1} is not written as Name: value`);
      return;
    }
    const value = part.slice(colon + 1).trim();
    if (value === '') problems.push(`header "${name.replace(/[^\x20-\x7e]/g, '?')}" has no value`);
    if (seen.has(name.toLowerCase())) problems.push(`header "${name}" is given twice`);
    seen.add(name.toLowerCase());
    headers[name] = value;
  });
  return problems.length ? { problems } : { headers };
}

/** One egress group per domain, so adding a server never rewrites the consent given for another. */
export function egressGroupKey(domain: string): string {
  return `ci-server-${domain.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
}

/** Where each connection stands, for the admin page's health hub (src/connections/health.ts). */
/** Builds and deploys stored for a connection, each counted once whoever stored it (src/storage/stored-count-store.ts). */
export const storedCountsSchema = z.object({ builds: z.number(), deploys: z.number(), since: z.nullable(z.string()) });
export type StoredCountsView = z.infer<typeof storedCountsSchema>;

/** `pushed`: a pushed-only connection, never polled, so it has no runs; its CI sends each build. */
export const healthStateSchema = z.enum(['never', 'ok', 'partial', 'failing', 'pushed']);
/** A token's expiry as its CI reported it; `warn` when it is within 14 days or past. */
export const tokenExpirySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('at'), at: z.string(), warn: z.boolean() }),
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('not-reported') }),
]);
export type TokenExpiry = z.infer<typeof tokenExpirySchema>;

/**
 * What the CI tells about the token, never the token: Jenkins and CircleCI report nothing;
 * Buildkite reports its scopes and creation (and an expiry, if its answer carries one) to the
 * last test of the stored token, `untested` until then.
 */
export const tokenDetailsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-reported') }),
  z.object({ kind: z.literal('untested') }),
  z.object({ kind: z.literal('reported'), checkedAt: z.string(), scopes: z.array(z.string()), createdAt: z.nullable(z.string()), expiry: tokenExpirySchema }),
]);
export type TokenDetails = z.infer<typeof tokenDetailsSchema>;

export const connectionHealthSchema = z.object({
  id: z.string(),
  /** From the latest recorded run: a revoked token turns it to failing at the next run. */
  state: healthStateSchema,
  lastRunAt: z.nullable(z.string()),
  lastSuccessAt: z.nullable(z.string()),
  error: z.nullable(z.object({ name: z.string(), message: z.string(), hint: z.string() })),
  /**
   * Builds and deploys stored for it (each counted once, whoever stored it: sync, push or history
   * import); `since` is when counting began for a connection that stored records before, null when
   * all are counted. Null until it first stores something new.
   */
  stored: z.nullable(storedCountsSchema),
  projects: z.array(z.string()),
  /** Other connections reaching the same server as the same user or organisation. */
  duplicateOf: z.array(z.string()),
  tokenDetails: tokenDetailsSchema,
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;
export const healthListSchema = z.object({ connections: z.array(connectionHealthSchema) });
export type HealthList = z.infer<typeof healthListSchema>;
