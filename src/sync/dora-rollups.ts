import type { Deploy } from '../domain/deploy';
import { dayFactsOf, dayOf, type DoraDeploy, type DoraIncident } from '../domain/dora/history';
import { isFix, type IssueFacts } from '../domain/dora/rules';
import type { DoraSettings } from '../domain/dora/settings';
import type { Environment } from '../domain/environment';
import { issueFacts } from '../jira/incidents';
import { quarterOf, quartersBetween } from '../storage/dora-keys';
import { DoraStore, type DoraWrite } from '../storage/dora-store';
import { DeployStore } from '../storage/deploy-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How far back a commit's earlier shipping is looked for: a commit the window's deploys carry
 * that first shipped more than this before the window would count again. Commits of a deploy are
 * those since the previous deploy (src/sync/README.md), so this only matters for redeploys of
 * old commits.
 */
const SHIPPED_LOOKBACK_MS = 30 * DAY_MS;
/** How far back rollups are kept up to date: the page's longest view and the period before it. */
export const RETAINED_MS = 180 * DAY_MS;
/** A failing deploy older than this before the change is not looked at again for its recovery. */
const MAX_OPEN_LOOKBACK_MS = 90 * DAY_MS;

export interface RollupDeps {
  readonly now: () => number;
  /** The invocation's Jira issue facts, shared by every recompute of one run. */
  readonly issueCache: Map<string, IssueFacts | null>;
}

export function rollupDeps(now: () => number = Date.now): RollupDeps {
  return { now, issueCache: new Map() };
}

function doraDeployOf(deploy: Deploy, incidents: readonly DoraIncident[], fix: boolean): DoraDeploy {
  return {
    id: deploy.id,
    startedAt: Date.parse(deploy.startedAt),
    finishedAt: deploy.finishedAt === null ? null : Date.parse(deploy.finishedAt),
    state: deploy.state,
    commits: deploy.commits.map((c) => ({ sha: c.sha, timestamp: c.timestamp === null ? null : Date.parse(c.timestamp) })),
    isFix: fix,
    incidents,
  };
}

/**
 * Where a recompute must start for a change at `changedAt`: earlier failing deploys still waiting
 * for a success may be recovered by it, so from the first deploy after the last success before it.
 */
async function recomputeStart(deploys: DeployStore, projectKey: string, environmentId: string, changedAt: number): Promise<number> {
  const before = await deploys.recentTo(projectKey, environmentId, changedAt, 100);
  let start = changedAt;
  for (const d of before) {
    if (d.state === 'successful') break;
    start = Date.parse(d.startedAt);
  }
  return Date.parse(dayOf(Math.max(start, changedAt - MAX_OPEN_LOOKBACK_MS)));
}

async function fixesOf(window: readonly Deploy[], settings: DoraSettings, deps: RollupDeps): Promise<Set<string>> {
  const { issueTypes, labels } = settings.fixes;
  const needIssues = issueTypes.length > 0 || labels.length > 0;
  const facts = needIssues ? await issueFacts(window.flatMap((d) => d.issueKeys), deps.issueCache) : new Map<string, IssueFacts>();
  return new Set(window.filter((d) => isFix(d, facts, settings)).map((d) => d.id));
}

/**
 * An environment's deploys from `start` as the measures see them (incidents from the stored ties,
 * fixes per the settings), with the deploys before it that their commits may have shipped in.
 */
export async function doraHistory(
  projectKey: string,
  environmentId: string,
  start: number,
  deps: RollupDeps,
): Promise<{ history: DoraDeploy[]; deploys: Deploy[]; last: number }> {
  const store = new DoraStore();
  const deploys = (await new DeployStore().byProjectSince(projectKey, start - SHIPPED_LOOKBACK_MS)).filter((d) => d.environment.id === environmentId);
  const window = deploys.filter((d) => Date.parse(d.startedAt) >= start);
  const { settings } = await store.settings(projectKey);
  const last = Math.max(deps.now(), ...window.map((d) => Date.parse(d.startedAt)));
  const ties = await store.ties(projectKey, quartersBetween(start, last));
  const incidents = new Map<string, DoraIncident[]>();
  for (const quarter of ties.values()) {
    for (const [key, tie] of quarter) {
      if (tie.environmentId !== environmentId) continue;
      incidents.set(tie.deployId, [...(incidents.get(tie.deployId) ?? []), { key, createdAt: tie.createdAt, resolvedAt: tie.resolvedAt }]);
    }
  }
  const fixes = await fixesOf(window, settings, deps);
  return { history: deploys.map((d) => doraDeployOf(d, incidents.get(d.id) ?? [], fixes.has(d.id))), deploys, last };
}

/**
 * The writes that bring one environment's day rollups up to date from the day of `changedAt` (or
 * earlier, see recomputeStart) to today, from the deploys and stored incident ties: the same
 * facts whatever order deploys and incidents arrived in. Only quarters whose days changed.
 */
export async function planRollups(projectKey: string, environmentId: string, changedAt: number, deps: RollupDeps): Promise<DoraWrite[]> {
  const store = new DoraStore();
  const start = await recomputeStart(new DeployStore(), projectKey, environmentId, changedAt);
  const { history, last } = await doraHistory(projectKey, environmentId, start, deps);
  const facts = dayFactsOf(history, start);
  const firstDay = dayOf(start);
  const quarters = quartersBetween(start, last);
  const stored = await store.quarters(projectKey, environmentId, quarters);
  const writes: DoraWrite[] = [];
  for (const quarter of quarters) {
    const before = stored.get(quarter) ?? { days: new Map(), updatedAt: null };
    const days = new Map([...before.days].filter(([day]) => day < firstDay));
    for (const [day, f] of facts) if (quarterOf(Date.parse(day)) === quarter) days.set(day, f);
    const write = store.planQuarter(projectKey, environmentId, quarter, before, days, new Date(deps.now()).toISOString());
    if (write) writes.push(write);
  }
  return writes;
}

/** planRollups, written at once; returns the billed writes. */
export async function recomputeRollups(projectKey: string, environmentId: string, changedAt: number, deps: RollupDeps): Promise<number> {
  return new DoraStore().commit(await planRollups(projectKey, environmentId, changedAt, deps));
}

export interface RollupGroup {
  readonly projectKey: string;
  readonly environment: Environment;
  readonly from: number;
}

/**
 * The environments written deploys touch, each from its earliest changed deploy (also where a
 * changed deploy was before, if it moved). The page shows 90 days and the 90 before: older deploys
 * (a history import) change no figure, so they recompute nothing.
 */
export function rollupGroups(written: readonly { readonly deploy: Deploy; readonly previous: Deploy | undefined }[], now: number): Map<string, RollupGroup> {
  const groups = new Map<string, RollupGroup>();
  const retainedFrom = now - RETAINED_MS;
  const add = (d: Deploy) => {
    // Older still, it cannot even have shipped a commit first that a retained deploy carries.
    if (Date.parse(d.startedAt) < retainedFrom - SHIPPED_LOOKBACK_MS) return;
    const at = Math.max(Date.parse(d.startedAt), retainedFrom);
    const key = `${d.projectKey}\n${d.environment.id}`;
    const group = groups.get(key);
    if (!group || at < group.from) groups.set(key, { projectKey: d.projectKey, environment: d.environment, from: at });
  };
  for (const { deploy, previous } of written) {
    add(deploy);
    if (previous) add(previous);
  }
  return groups;
}

/** After deploys are written: every touched environment's rollups and the environment list, written together per project. */
export async function updateDoraRollups(written: readonly { readonly deploy: Deploy; readonly previous: Deploy | undefined }[], deps: RollupDeps = rollupDeps()): Promise<number> {
  const groups = [...rollupGroups(written, deps.now()).values()];
  const store = new DoraStore();
  let billed = 0;
  for (const projectKey of new Set(groups.map((g) => g.projectKey))) {
    const mine = groups.filter((g) => g.projectKey === projectKey);
    const writes: DoraWrite[] = [];
    const envs = store.planEnvironments(projectKey, await store.environments(projectKey), mine.map((g) => g.environment));
    if (envs) writes.push(envs);
    for (const g of mine) writes.push(...(await planRollups(projectKey, g.environment.id, g.from, deps)));
    billed += await store.commit(writes);
  }
  return billed;
}
