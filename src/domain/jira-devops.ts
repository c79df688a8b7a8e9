import type { BuildState, ProviderKind } from './build';
import type { Connection } from './connection';
import { DEFAULT_API_BASE_URL } from './connection';
import type { DeployState } from './deploy';

/**
 * Identity, order and limits of what the app sends to Jira Software's devops APIs
 * (POST /rest/deployments/0.1/bulk, /rest/builds/0.1/bulk). Pure: the sync module maps, the
 * src/jira/devops client sends.
 */

/** Field limits of the documented schema (jira-software.v3.json, SubmitDeploymentRequest / SubmitBuildsRequest). */
export const JIRA_LIMITS = {
  id: 255,
  text: 255,
  url: 2000,
  properties: 5,
  /** Issue keys, service ids and commits of one deployment, counted together. */
  deploymentAssociations: 500,
  buildIssueKeys: 100,
  buildReferences: 5,
} as const;

/** Cuts text to Jira's limit, marking the cut; never splits a UTF-16 surrogate pair. */
export function clip(text: string, max: number = JIRA_LIMITS.text): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A URL Jira accepts (http(s), at most 2,000 characters), or none. */
export function jiraUrl(url: string | null | undefined): string | undefined {
  if (!url || url.length > JIRA_LIMITS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Names the CI server itself, not the connection: two connections to the same Jenkins (a site one
 * and a project's own) see the same runs, and Jira must get one deployment for each run.
 * Scheme and default port dropped, host lower-cased, context path kept.
 */
export function serverIdOf(connection: Connection): string {
  switch (connection.kind) {
    case 'jenkins':
      return `jenkins:${hostAndPath(connection.baseUrl)}`;
    case 'buildkite':
      // An organisation slug is unique on its Buildkite; the API host only matters off the default one.
      return `buildkite:${hostAndPath(connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.buildkite)}/${connection.organization}`;
    case 'circleci':
      return `circleci:${hostAndPath(connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.circleci)}`;
  }
}

function hostAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

/**
 * Jira's pipeline id for a job on a server: readable (`jenkins:ci.example.com/jenkins:team/deploy`)
 * and unique as the job's full name is. Ids past Jira's 255 characters keep a readable head and
 * end in a 64-bit FNV-1a digest of the whole id, in hex: never negative, and no two jobs share one
 * in practice.
 */
export function pipelineIdOf(serverId: string, jobId: string): string {
  const id = `${serverId}:${jobId}`;
  if (id.length <= JIRA_LIMITS.id) return id;
  const digest = fnv1a64(id);
  return `${id.slice(0, JIRA_LIMITS.id - digest.length - 1)}~${digest}`;
}

/** A deploy registered through the web trigger: its pipeline is the project's, named by the caller. */
export function registrationPipelineId(projectKey: string, pipelineId: string): string {
  return pipelineIdOf(`registration:${projectKey}`, pipelineId);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Where a state stands in a run's life: a later state of the same run at the same instant must
 * still win (a run queued and started in the same second), and a rollback is reported after the
 * deploy succeeded.
 */
const STATE_RANK: Readonly<Record<DeployState | BuildState, number>> = {
  unknown: 0,
  pending: 1,
  in_progress: 2,
  cancelled: 3,
  failed: 4,
  successful: 5,
  rolled_back: 6,
};

/** Bits below the state for how much the app knows of the entity (see updateSequenceNumber). */
const EXTENT_BITS = 16;
const MAX_EXTENT = 2 ** EXTENT_BITS - 1;

/**
 * Jira's updateSequenceNumber, for which Jira keeps the highest it saw. Three parts, most
 * significant first: the second of the state change (when the run finished, else when it
 * started), the state's rank, and the entity's extent: how many links the app sends for it (issue
 * keys, commits, references) and builds it saw before it. Within one state the app only learns
 * more of a run (builds synced later add commits, keys and snapshot entries), so a send that
 * carries more wins, and a late or repeated send of what the app knew earlier (fewer links, an
 * older state) is ignored. Limits: a change that keeps the count (one key swapped for another) or
 * drops links is not sent until the state changes. Seconds × 8 × 2^16 stay below 2^53 until
 * 2514, and exceed the milliseconds × 8 of the first release, so nothing it sent blocks an update.
 */
export function updateSequenceNumber(state: DeployState | BuildState, startedAt: string | null, finishedAt: string | null, extent = 0): number {
  const at = Date.parse(finishedAt ?? startedAt ?? '');
  const seconds = Number.isFinite(at) && at > 0 ? Math.floor(at / 1000) : 0;
  const count = Math.min(MAX_EXTENT, Math.max(0, Math.floor(extent)));
  return (seconds * 8 + STATE_RANK[state]) * 2 ** EXTENT_BITS + count;
}

/** The provider's own product name, for Jira's providerMetadata. */
export function productName(kind: ProviderKind): string {
  return { jenkins: 'Jenkins', buildkite: 'Buildkite', circleci: 'CircleCI' }[kind];
}
