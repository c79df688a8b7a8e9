import type { Build } from '../domain/build';
import { isDeployRun } from '../domain/deploy-source';
import { globMatches, isGlob } from '../domain/glob';
import { closestName } from '../domain/closest-name';
import { interactiveProvider } from '../connections/provider-deps';
import { ConnectionNotFound } from '../connections/errors';
import type { DeploySourceInput, Preview } from '../shared/contract/project-settings';
import { safeLink } from '../shared/safe-link';
import { BuildStore } from '../storage/build-store';
import type { ConnectionStore } from '../storage/connection-store';
import { toDeploySource } from './deploy-sources';
import { InvalidSettings } from './errors';
import { availableConnections } from './settings';

const MAX_JOBS = 10;
const RUNS_PER_JOB = 20;
const MAX_RUNS = 10;
const MAX_LISTED_JOBS = 500;

function parametersText(build: Build): string {
  return build.parameters.map((p) => `${p.name}=${p.value === null ? '' : String(p.value)}`).join(', ');
}

function millis(iso: string | null): number {
  return iso === null ? 0 : Date.parse(iso) || 0;
}

/** The connection's jobs, for the pickers; one request on Jenkins, a page per few pipelines elsewhere. */
export async function listJobs(store: ConnectionStore, projectKey: string, connectionId: string): Promise<{ jobs: { id: string; displayName: string }[]; truncated: boolean }> {
  if (!(await availableConnections(store, projectKey)).has(connectionId)) throw new ConnectionNotFound();
  const found = await store.withSecret(connectionId);
  if (!found) throw new ConnectionNotFound();
  // Nested Jenkins folders cost a request each: allow half of the invocation's 100 for the job list.
  const jobs = await interactiveProvider(found.connection, { apiToken: found.secret.apiToken, headers: {} }, 50).listJobs();
  const sorted = jobs.map((j) => ({ id: j.id, displayName: j.displayName })).sort((a, b) => a.id.localeCompare(b.id));
  return { jobs: sorted.slice(0, MAX_LISTED_JOBS), truncated: sorted.length > MAX_LISTED_JOBS };
}

/**
 * Whether a job with no synced run exists on the server at all, and if not the closest real name.
 * Undefined when it exists or the server cannot list its jobs now (the usual note then applies).
 */
async function missingJob(store: ConnectionStore, projectKey: string, connectionId: string, job: string): Promise<{ note: string; suggestion: string | null } | undefined> {
  let ids: string[];
  try {
    ids = (await listJobs(store, projectKey, connectionId)).jobs.map((j) => j.id);
  } catch {
    return undefined;
  }
  if (ids.includes(job)) return undefined;
  const suggestion = closestName(job, ids);
  const shown = (id: string) => safeDecode(id);
  return {
    note: `No such job on this connection: "${job}".${suggestion ? ` Did you mean ${shown(suggestion)}?` : ' Pick one from the list.'}`,
    suggestion,
  };
}

function safeDecode(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * The last synced runs a deploy source would count, from stored builds only (no CI request
 * unless the job is a glob, which needs the job list to expand).
 */
export async function previewDeploySource(store: ConnectionStore, builds: BuildStore, projectKey: string, input: DeploySourceInput): Promise<Preview> {
  const available = await availableConnections(store, projectKey);
  const result = toDeploySource(input, available, 'deploy source');
  if ('problems' in result) throw new InvalidSettings(result.problems);
  const { source } = result;
  let jobIds = [source.job];
  if (isGlob(source.job)) {
    const { jobs } = await listJobs(store, projectKey, source.connectionId);
    jobIds = jobs.map((j) => j.id).filter((id) => globMatches(source.job, id)).slice(0, MAX_JOBS);
  }
  const seen: Build[] = [];
  for (const jobId of jobIds) seen.push(...(await builds.byJob(source.connectionId, jobId, RUNS_PER_JOB)));
  if (seen.length === 0 && !isGlob(source.job)) {
    const missing = await missingJob(store, projectKey, source.connectionId, source.job);
    if (missing) return { jobs: [], runs: [], excluded: 0, note: missing.note, suggestion: missing.suggestion };
  }
  const counted = seen.filter((b) => isDeployRun(source, b)).sort((a, b) => millis(b.startedAt) - millis(a.startedAt));
  const note =
    jobIds.length === 0
      ? `No job matches "${source.job}" on this connection.`
      : seen.length === 0
        ? 'No run of this job has been synced yet: save the deploy source, press "Sync now" on the Sync tab, then preview again.'
        : counted.length === 0
          ? 'Runs were found, but the branch filter or parameter condition leaves all of them out.'
          : null;
  return {
    jobs: jobIds,
    runs: counted.slice(0, MAX_RUNS).map((b) => ({
      jobId: b.job.id,
      number: b.number,
      state: b.state,
      branch: b.branch,
      startedAt: b.startedAt,
      url: safeLink(b.url),
      parameters: parametersText(b),
    })),
    excluded: seen.length - counted.length,
    note,
  };
}
