import { tieIncident } from '../domain/dora/rules';
import type { DoraSettings } from '../domain/dora/settings';
import type { Environment } from '../domain/environment';
import { searchIncidents, type JiraIncident } from '../jira/incidents';
import { quarterOf } from '../storage/dora-keys';
import { DoraStore, type StoredTie } from '../storage/dora-store';
import { DeployStore } from '../storage/deploy-store';
import { recomputeRollups, type RollupDeps } from './dora-rollups';

/** Incidents are charged to this environment: the admin's default, else the first production one. */
export function incidentEnvironment(settings: DoraSettings, environments: readonly Environment[]): Environment | undefined {
  return environments.find((e) => e.id === settings.defaultEnvironmentId) ?? environments.find((e) => e.type === 'production') ?? environments[0];
}

/**
 * Ties incidents to deploys and stores the tie; an incident already tied keeps its deploy for
 * good (only its resolution time is updated), so a figure never moves because a later run would
 * have tied it differently. Then recomputes the rollups from the earliest deploy that changed.
 */
export interface TieResult {
  readonly tied: number;
  readonly updated: number;
  /** The environment incidents are charged to, and its earliest deploy whose incidents changed. */
  readonly environment: Environment | null;
  readonly earliest: number | null;
}

/** Ties new incidents and updates resolutions, writing only the ties; the caller recomputes from `earliest`. */
export async function tieIncidents(projectKey: string, incidents: readonly JiraIncident[]): Promise<TieResult> {
  const store = new DoraStore();
  const { settings } = await store.settings(projectKey);
  const environment = incidentEnvironment(settings, await store.environments(projectKey));
  if (!environment) return { tied: 0, updated: 0, environment: null, earliest: null };
  const quarters = [...new Set(incidents.map((i) => quarterOf(i.createdAt)))];
  const stored = await store.ties(projectKey, quarters);
  const deploys = new DeployStore();
  const changedQuarters = new Set<string>();
  let earliest = Number.POSITIVE_INFINITY;
  let tied = 0;
  let updated = 0;
  for (const incident of incidents) {
    const quarter = quarterOf(incident.createdAt);
    const ties = stored.get(quarter) ?? new Map<string, StoredTie>();
    stored.set(quarter, ties);
    const existing = ties.get(incident.key);
    if (existing) {
      // A resolution Jira no longer reports (reopened, or a site whose field is hidden) is kept:
      // a recovery once measured does not vanish from the figures.
      if (incident.resolvedAt === null || existing.resolvedAt === incident.resolvedAt) continue;
      ties.set(incident.key, { ...existing, resolvedAt: incident.resolvedAt });
      updated += 1;
      earliest = Math.min(earliest, existing.deployStartedAt);
    } else {
      const candidates = (await deploys.recentTo(projectKey, environment.id, incident.createdAt, 100)).map((d) => ({
        id: d.id,
        environmentId: d.environment.id,
        startedAt: Date.parse(d.startedAt),
        issueKeys: d.issueKeys,
      }));
      const deploy = tieIncident(incident, candidates, settings);
      if (!deploy) continue;
      ties.set(incident.key, { deployId: deploy.id, environmentId: environment.id, deployStartedAt: deploy.startedAt, createdAt: incident.createdAt, resolvedAt: incident.resolvedAt });
      tied += 1;
      earliest = Math.min(earliest, deploy.startedAt);
    }
    changedQuarters.add(quarter);
  }
  for (const quarter of changedQuarters) await store.saveTies(projectKey, quarter, stored.get(quarter) ?? new Map());
  return { tied, updated, environment, earliest: Number.isFinite(earliest) ? earliest : null };
}

/** tieIncidents, then the rollups recomputed from the earliest deploy whose incidents changed. */
export async function recordIncidents(projectKey: string, incidents: readonly JiraIncident[], deps: RollupDeps): Promise<{ tied: number; updated: number }> {
  const result = await tieIncidents(projectKey, incidents);
  if (result.environment && result.earliest !== null) await recomputeRollups(projectKey, result.environment.id, result.earliest, deps);
  return { tied: result.tied, updated: result.updated };
}

/** How often the sync reads a project's incidents from Jira (when it writes deploys of the project). */
export const INCIDENTS_EVERY_MS = 15 * 60 * 1000;

export async function incidentsDue(projectKey: string, now: number): Promise<boolean> {
  const checkedAt = await new DoraStore().incidentsCheckedAt(projectKey);
  return checkedAt === null || now - checkedAt >= INCIDENTS_EVERY_MS;
}

/** The project's incidents of the last 180 days, read from Jira as the app. */
export async function readIncidents(projectKey: string, now: number): Promise<JiraIncident[]> {
  const { settings } = await new DoraStore().settings(projectKey);
  const incidents = await searchIncidents(projectKey, settings, now - 180 * 24 * 60 * 60 * 1000);
  return incidents.filter((i) => i.projectKey === projectKey || settings.incidents.projectKeys.includes(i.projectKey));
}

/** Reads and records the incidents when the last read is older than INCIDENTS_EVERY_MS; whether it ran. */
export async function refreshIncidentsIfDue(projectKey: string, deps: RollupDeps): Promise<boolean> {
  if (!(await incidentsDue(projectKey, deps.now()))) return false;
  await recordIncidents(projectKey, await readIncidents(projectKey, deps.now()), deps);
  const store = new DoraStore();
  await store.commit([store.planIncidentsCheckedAt(projectKey, deps.now())]);
  return true;
}
