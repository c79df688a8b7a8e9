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
export async function recordIncidents(projectKey: string, incidents: readonly JiraIncident[], deps: RollupDeps): Promise<{ tied: number; updated: number }> {
  const store = new DoraStore();
  const { settings } = await store.settings(projectKey);
  const environment = incidentEnvironment(settings, await store.environments(projectKey));
  if (!environment) return { tied: 0, updated: 0 };
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
  if (Number.isFinite(earliest)) await recomputeRollups(projectKey, environment.id, earliest, deps);
  return { tied, updated };
}

/** How often the sync reads a project's incidents from Jira (when it writes deploys of the project). */
export const INCIDENTS_EVERY_MS = 15 * 60 * 1000;

/** refreshIncidents when the last read is older than INCIDENTS_EVERY_MS; whether it ran. */
export async function refreshIncidentsIfDue(projectKey: string, deps: RollupDeps): Promise<boolean> {
  const store = new DoraStore();
  const checkedAt = await store.incidentsCheckedAt(projectKey);
  if (checkedAt !== null && deps.now() - checkedAt < INCIDENTS_EVERY_MS) return false;
  await refreshIncidents(projectKey, deps);
  await store.setIncidentsCheckedAt(projectKey, deps.now());
  return true;
}

/** Reads the project's incidents of the last 180 days from Jira (as the app) and records them. */
export async function refreshIncidents(projectKey: string, deps: RollupDeps): Promise<{ tied: number; updated: number }> {
  const { settings } = await new DoraStore().settings(projectKey);
  const incidents = await searchIncidents(projectKey, settings, deps.now() - 180 * 24 * 60 * 60 * 1000);
  return recordIncidents(projectKey, incidents.filter((i) => i.projectKey === projectKey || settings.incidents.projectKeys.includes(i.projectKey)), deps);
}
