import type Resolver from '@forge/resolver';
import type { DomainFigures } from '../domain/dora/figures';
import type { DoraSettings } from '../domain/dora/settings';
import type { CallerContext } from '../forge/caller';
import { ForbiddenError } from '../jira/errors';
import { canBrowseProject, requireProjectAdmin, isProjectAdmin } from '../jira/permissions';
import {
  DORA_RESOLVERS as KEYS,
  exportCsvPayloadSchema,
  figuresPayloadSchema,
  saveSettingsPayloadSchema,
  settingsPayloadSchema,
  type Figures,
  type SettingsAnswer,
} from '../shared/contract/dora';
import { loadFigures } from '../storage/dora-figures';
import { DoraStore } from '../storage/dora-store';
import { exportCsv } from '../sync/dora-export';
import { recomputeRollups, rollupDeps } from '../sync/dora-rollups';
import { defineResolver } from './define';

/** Figures and exports come from the DORA page (a jira:projectPage); settings also from the project settings page's DORA tab. */
const FIGURE_PAGES = ['jira:projectPage'];
const SETTINGS_PAGES = ['jira:projectPage', 'jira:projectSettingsPage'];

/** The project of the calling page, from the Forge context, never the payload. */
function pageProject(caller: CallerContext, pages: readonly string[] = FIGURE_PAGES): string {
  if (!pages.includes(caller.moduleType) || !caller.projectKey) throw new ForbiddenError('The DORA figures can only be read from the project page.');
  return caller.projectKey;
}

async function requireBrowse(caller: CallerContext, pages: readonly string[] = FIGURE_PAGES): Promise<string> {
  const projectKey = pageProject(caller, pages);
  if (!caller.accountId || !(await canBrowseProject(projectKey))) throw new ForbiddenError(`You do not have permission to see project ${projectKey}.`);
  return projectKey;
}

function settingsOf(s: DoraSettings): SettingsAnswer['settings'] {
  const { incidents, fixes } = s;
  return {
    incidents: { issueTypes: [...incidents.issueTypes], labels: [...incidents.labels], projectKeys: [...incidents.projectKeys], tie: incidents.tie },
    fixes: { issueTypes: [...fixes.issueTypes], labels: [...fixes.labels], branchPatterns: [...fixes.branchPatterns] },
    defaultEnvironmentId: s.defaultEnvironmentId,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The page shows at most 90 days and the 90 before. */
const RECOUNT_DAYS = 180;

const iso = (millis: number) => new Date(millis).toISOString();

function answerOf(projectKey: string, loaded: Awaited<ReturnType<typeof loadFigures>>): Figures {
  const f: DomainFigures = loaded.figures;
  const { period } = f;
  return {
    projectKey,
    environment: loaded.environment,
    environments: loaded.environments,
    period: { days: period.days, from: iso(period.from), to: iso(period.to), previousFrom: iso(period.previousFrom), granularity: period.granularity },
    measures: {
      deploymentFrequency: f.deploymentFrequency,
      leadTime: f.leadTime,
      changeFailureRate: f.changeFailureRate,
      recoveryTime: f.recoveryTime,
      reworkRate: f.reworkRate,
    },
    updatedAt: loaded.updatedAt,
  };
}

/**
 * The DORA project page: figures and CSV for anyone who may browse the project (asked of Jira as
 * the caller), settings saved by project admins only. The project is never taken from a payload.
 */
export function defineDoraResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.figures, figuresPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireBrowse(caller);
    return answerOf(projectKey, await loadFigures(projectKey, payload.periodDays, payload.environmentId, Date.now()));
  });

  defineResolver(resolver, KEYS.settings, settingsPayloadSchema, async ({ caller }): Promise<SettingsAnswer> => {
    const projectKey = await requireBrowse(caller, SETTINGS_PAGES);
    const stored = await new DoraStore().settings(projectKey);
    return { settings: settingsOf(stored.settings), canEdit: await isProjectAdmin(projectKey), updatedAt: stored.updatedAt };
  });

  defineResolver(resolver, KEYS.saveSettings, saveSettingsPayloadSchema, async ({ payload, caller }): Promise<SettingsAnswer> => {
    const projectKey = pageProject(caller, SETTINGS_PAGES);
    await requireProjectAdmin(caller.accountId, projectKey);
    const now = new Date().toISOString();
    const store = new DoraStore();
    await store.saveSettings(projectKey, payload.settings, now);
    // What counts changed: the figures of the whole retained history are counted again under it.
    const deps = rollupDeps();
    for (const environment of await store.environments(projectKey)) await recomputeRollups(projectKey, environment.id, deps.now() - RECOUNT_DAYS * DAY_MS, deps);
    return { settings: payload.settings, canEdit: true, updatedAt: now };
  });

  defineResolver(resolver, KEYS.exportCsv, exportCsvPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireBrowse(caller);
    return exportCsv(projectKey, payload.periodDays, payload.environmentId, payload.what, Date.now());
  });
}
