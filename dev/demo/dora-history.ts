import type { Deploy, DeployState } from '../../src/domain/deploy';
import type { JiraIncident } from '../../src/jira/incidents';
import { DeployStore } from '../../src/storage/deploy-store';
import { recordIncidents } from '../../src/sync/dora-incidents';
import { rollupDeps, updateDoraRollups } from '../../src/sync/dora-rollups';
import type { JiraSite } from '../emulator/jira/site';

/**
 * 180 days of releases of the demo's storefront to Production, so the DORA page has every measure
 * for 7, 30 and 90 days with the period before: daily deploys with their commits (lead times that
 * shorten over time), failures and one rollback each followed by a hotfix/* deploy (recovery,
 * rework), and incidents a few hours after some releases, resolved later. The same `now` always
 * gives the same history (a seeded generator), so the Jira incidents (seed.ts) and the stored
 * ties (ci-demo.ts) describe the same events. No issue keys: no issue panel changes.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DAYS = 180;
const PROJECT = 'DEMO';
const PRODUCTION = { id: 'production', name: 'Production', type: 'production' } as const;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoIncident {
  readonly summary: string;
  readonly createdAt: number;
  readonly resolvedAt: number;
}

export interface DemoDoraHistory {
  readonly deploys: Deploy[];
  readonly incidents: DemoIncident[];
}

function hex(random: () => number): string {
  return Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join('');
}

export function demoDoraHistory(nowMillis: number): DemoDoraHistory {
  // Anchored on the day, so seed.ts and ci-demo.ts, called moments apart, describe the same history.
  const now = Math.floor(nowMillis / DAY) * DAY;
  const random = generator(17);
  const deploys: Deploy[] = [];
  const incidents: DemoIncident[] = [];
  let sequence = 0;
  let hotfixNext = false;
  for (let day = DAYS - 1; day >= 0; day--) {
    const base = now - (day + 1) * DAY;
    const weekend = [0, 6].includes(new Date(base).getUTCDay());
    const count = weekend ? (random() < 0.3 ? 1 : 0) : 1 + Math.floor(random() * (day < 45 ? 4 : 3));
    // Older history waits longer between commit and release: the trend improves.
    const maxLeadHours = day < 45 ? 20 : day < 90 ? 40 : 70;
    for (let i = 0; i < count; i++) {
      const startedAt = base + (9 + i * 2 + random()) * HOUR;
      sequence += 1;
      const roll = random();
      const state: DeployState = hotfixNext ? 'successful' : sequence === 40 ? 'rolled_back' : roll < 0.09 ? 'failed' : 'successful';
      const branch = hotfixNext ? `hotfix/release-${sequence}` : 'main';
      hotfixNext = state !== 'successful';
      const commits = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, c) => ({
        sha: hex(random),
        message: `Storefront change ${sequence}.${c + 1}`,
        author: 'Demo Developer',
        timestamp: new Date(startedAt - (1 + random() * maxLeadHours) * HOUR).toISOString(),
      }));
      const finishedAt = startedAt + (8 + random() * 10) * 60_000;
      deploys.push({
        id: `${PROJECT}-r-demo-history-${sequence}`,
        projectKey: PROJECT,
        environment: PRODUCTION,
        origin: { kind: 'registration', pipelineId: 'storefront-release', runId: `history-${sequence}` },
        pipeline: { id: 'storefront-release', displayName: 'Storefront release', url: null },
        sequence,
        state,
        sha: commits[0]?.sha ?? hex(random),
        branch,
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        url: null,
        trigger: 'Demo history',
        commits,
        commitsOmitted: 0,
        issueKeys: [],
        snapshot: [],
      });
      if (state === 'successful' && !branch.startsWith('hotfix/') && random() < 0.06) {
        const createdAt = finishedAt + (0.5 + random() * 2) * HOUR;
        if (createdAt < now) incidents.push({ summary: `Checkout errors after release ${sequence}`, createdAt, resolvedAt: Math.min(now, createdAt + (1 + random() * 6) * HOUR) });
      }
    }
  }
  return { deploys, incidents };
}

/** The demo's incidents as Jira issues of type Incident in DEMO (after its 30 issues). */
export function addDemoIncidents(site: JiraSite, now: number): void {
  for (const incident of demoDoraHistory(now).incidents) {
    site.addIssue({ project: PROJECT, summary: incident.summary, issuetype: 'Incident', status: 'Done', created: incident.createdAt, updated: incident.resolvedAt });
  }
}

/**
 * Stores the history, ties the incidents (keys DEMO-31 onwards, as addDemoIncidents made them)
 * and builds the rollups: what the sync and the incident reading would have done over 180 days.
 */
export async function storeDemoDoraHistory(now: number, firstIncidentNumber = 31): Promise<void> {
  const { deploys, incidents } = demoDoraHistory(now);
  await new DeployStore().saveAll(deploys.map((deploy) => ({ deploy, previous: undefined })));
  const deps = rollupDeps(() => now);
  await updateDoraRollups(deploys.map((deploy) => ({ deploy, previous: undefined })), deps);
  const jiraIncidents: JiraIncident[] = incidents.map((incident, i) => ({
    key: `${PROJECT}-${firstIncidentNumber + i}`,
    projectKey: PROJECT,
    issueType: 'Incident',
    labels: [],
    createdAt: incident.createdAt,
    resolvedAt: incident.resolvedAt,
    linkedIssueKeys: [],
  }));
  await recordIncidents(PROJECT, jiraIncidents, deps);
}
