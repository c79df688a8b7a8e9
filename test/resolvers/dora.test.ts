import path from 'node:path';
import Resolver from '@forge/resolver';
import { storeDemoDoraHistory } from '../../dev/demo/dora-history';
import { DEMO_USERS, seedDemoSite } from '../../dev/demo/seed';
import type { AppHandler } from '../../dev/emulator/functions';
import { defineDoraResolvers } from '../../src/resolvers/dora';
import { DEFAULT_DORA_SETTINGS } from '../../src/domain/dora/settings';
import {
  DEPLOY_CSV_COLUMNS,
  DORA_RESOLVERS as KEYS,
  exportCsvSchema,
  figuresSchema,
  MUTATING_DORA_RESOLVERS,
  settingsAnswerSchema,
} from '../../src/shared/contract/dora';
import { dataOf, failureOf } from '../connections/support/results';
import { createTestPlatform } from '../support/platform';

const resolver = new Resolver();
defineDoraResolvers(resolver);
const handler = resolver.getDefinitions() as AppHandler;
const platform = createTestPlatform({ appRoot: path.resolve(__dirname, '../..'), loadHandler: () => handler });
const OTTO = '712020:0770-0770-0770-000000000004';
const USERS = { ada: DEMO_USERS.admin.accountId, priya: DEMO_USERS.projectAdmin.accountId, uma: DEMO_USERS.user.accountId, otto: OTTO } as const;
type User = keyof typeof USERS;

beforeAll(async () => {
  platform.install();
  seedDemoSite(platform.site);
  platform.site.addUser({ accountId: OTTO, displayName: 'Otto Ops' });
  platform.site.grantRole(OTTO, 'OPS', 'administrator');
  await storeDemoDoraHistory(Date.now());
});
afterAll(() => platform.close());

/** Calls a DORA resolver from a project's DORA page (its project is Forge context), or from another module. */
function call(key: string, as: User, payload: unknown, where: { project?: string; module?: string } = {}) {
  const project = platform.site.project(where.project ?? 'DEMO');
  if (!project) throw new Error('no such project');
  return platform.app.invokeResolver({
    moduleKey: where.module ?? 'deploy-tracker-dora',
    functionKey: key,
    payload,
    accountId: USERS[as],
    extension: { project: { key: project.key, id: project.id } },
  });
}

describe('the DORA resolvers', () => {
  it('give anyone who browses the project its figures for the production environment by default, within the contract', async () => {
    const figures = dataOf(await call(KEYS.figures, 'uma', { periodDays: 30 }), figuresSchema);
    expect(figures.projectKey).toBe('DEMO');
    expect(figures.environment).toEqual({ id: 'production', name: 'Production', type: 'production' });
    expect(figures.period).toMatchObject({ days: 30, granularity: 'day' });
    expect(figures.measures.deploymentFrequency.series).toHaveLength(30);
    expect(figures.measures.changeFailureRate.value).not.toBeNull();
  });

  it('refuse the figures, the export and the settings to someone who cannot browse the project', async () => {
    for (const key of [KEYS.figures, KEYS.exportCsv, KEYS.settings]) {
      const payload = key === KEYS.settings ? {} : { periodDays: 7, what: 'figures' };
      const failure = failureOf(await call(key, 'otto', key === KEYS.figures ? { periodDays: 7 } : payload));
      expect(failure).toMatchObject({ name: 'Forbidden' });
    }
  });

  it('take the project from the page, never the payload, and only from the DORA page', async () => {
    expect(failureOf(await call(KEYS.figures, 'uma', { periodDays: 7, projectKey: 'OPS' }))).toMatchObject({ name: 'InvalidRequest' });
    expect(failureOf(await call(KEYS.figures, 'ada', { periodDays: 7 }, { module: 'deploy-tracker-project-settings' }))).toMatchObject({ name: 'Forbidden' });
  });

  it('serve the settings to the project settings page\'s DORA tab too, saving only for project admins', async () => {
    const fromSettingsPage = { module: 'deploy-tracker-project-settings' };
    const read = dataOf(await call(KEYS.settings, 'priya', {}, fromSettingsPage), settingsAnswerSchema);
    expect(read.canEdit).toBe(true);

    const saved = dataOf(await call(KEYS.saveSettings, 'priya', { settings: read.settings }, fromSettingsPage), settingsAnswerSchema);
    expect(saved.canEdit).toBe(true);
    expect(failureOf(await call(KEYS.saveSettings, 'uma', { settings: read.settings }, fromSettingsPage))).toMatchObject({ name: 'Forbidden' });
  });

  it('let only project admins save the settings; others read them without the right to edit', async () => {
    expect(MUTATING_DORA_RESOLVERS).toEqual([KEYS.saveSettings]);
    const settings = { ...DEFAULT_DORA_SETTINGS, fixes: { issueTypes: [], labels: ['hotfix'], branchPatterns: ['hotfix/*', 'fix/*'] } };
    expect(failureOf(await call(KEYS.saveSettings, 'uma', { settings }))).toMatchObject({ name: 'Forbidden' });
    expect(dataOf(await call(KEYS.settings, 'uma', {}), settingsAnswerSchema)).toMatchObject({ canEdit: false, settings: DEFAULT_DORA_SETTINGS });

    const saved = dataOf(await call(KEYS.saveSettings, 'priya', { settings }), settingsAnswerSchema);
    expect(saved).toMatchObject({ canEdit: true, settings });
    expect(dataOf(await call(KEYS.settings, 'priya', {}), settingsAnswerSchema).settings).toEqual(settings);
    expect(failureOf(await call(KEYS.saveSettings, 'priya', { settings: { ...settings, incidents: { ...settings.incidents, tie: 'whatever' } } }))).toMatchObject({
      name: 'InvalidRequest',
    });
  });

  it('export the figures and every deploy behind them as CSV a spreadsheet reads', async () => {
    const figures = dataOf(await call(KEYS.exportCsv, 'uma', { periodDays: 90, what: 'figures' }), exportCsvSchema);
    expect(figures.filename).toBe('DEMO-production-90d-figures.csv');
    expect(figures.csv.split('\r\n')[0]).toBe('measure,unit,value,previous,change,direction,band,count');
    expect(figures.rows).toBe(6);

    const deploys = dataOf(await call(KEYS.exportCsv, 'uma', { periodDays: 30, what: 'deploys' }), exportCsvSchema);
    const lines = deploys.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(DEPLOY_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(deploys.rows + 1);
    // The export's failures are the figures' failures: a lead can check the number row by row.
    const shown = dataOf(await call(KEYS.figures, 'uma', { periodDays: 30 }), figuresSchema).measures.changeFailureRate.failures;
    const current = lines.slice(1).filter((l) => l.startsWith('current,'));
    expect(current.filter((l) => /,(failed|rolled_back|incident),/.test(l))).toHaveLength(shown);
  });
});
