// zod/mini, as every contract (see contract/resolver.ts). The domain modules imported here hold
// constants only, so the page gets them without any schema code of the backend.
import * as z from 'zod/mini';
import { DEPLOY_STATES } from '../../domain/deploy';
import { BAND_LEVELS, DORA_2024_BANDS, DORA_BANDS_SOURCE } from '../../domain/dora/bands';
import { INCIDENT_TIES, type DoraSettings } from '../../domain/dora/settings';
import { ENVIRONMENT_TYPES } from '../../domain/environment';
import { issuedId } from './ids';

/**
 * The DORA page's resolvers (jira:projectPage, src/resolvers/dora.ts). The project is always the
 * page's own, from the Forge context (`extension.project.key`); no payload names a project.
 * Figures and the CSV export: anyone who may browse the project. Settings: project admins.
 * Where they are called from: figures, exportCsv and settings (for `canEdit`, the settings link)
 * from the jira:projectPage; settings and saveSettings also from the project settings page's DORA
 * tab (jira:projectSettingsPage, static/project-settings/src/tabs/DoraTab.tsx), whose context
 * names the project the same way.
 */
export const DORA_RESOLVERS = {
  figures: 'dora.figures',
  settings: 'dora.settings',
  saveSettings: 'dora.saveSettings',
  exportCsv: 'dora.exportCsv',
} as const;

export const MUTATING_DORA_RESOLVERS = [DORA_RESOLVERS.saveSettings] as const;

/** Where the bands come from and how they are applied; the page shows this as the citation. */
export { BAND_LEVELS, DORA_2024_BANDS, DORA_BANDS_SOURCE };
export type { BandLevel } from '../../domain/dora/bands';

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export const MEASURES = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'recoveryTime', 'reworkRate'] as const;
export type Measure = (typeof MEASURES)[number];

const periodDays = z.union([z.literal(7), z.literal(30), z.literal(90)]);
/** An environment id as the sync made it (lower-case name with dashes); omitted: the default one. */
const environmentId = issuedId(100);

export const figuresPayloadSchema = z.strictObject({ environmentId: z.optional(environmentId), periodDays });
export type FiguresPayload = z.infer<typeof figuresPayloadSchema>;

export const environmentSchema = z.object({ id: z.string(), name: z.string(), type: z.enum(ENVIRONMENT_TYPES) });
const band = z.nullable(z.enum(BAND_LEVELS));

/**
 * A measure's value against the previous period of the same length. `change` is relative
 * ((current - previous) / previous), null when either is missing or previous is 0; `direction`
 * says whether the move is good news for this measure (more deploys is better, longer lead
 * time is worse); 'same' when the change is within 1%.
 */
export const trendSchema = z.object({
  previous: z.nullable(z.number()),
  change: z.nullable(z.number()),
  direction: z.nullable(z.enum(['better', 'worse', 'same'])),
});
export type Trend = z.infer<typeof trendSchema>;

/**
 * One point per day (7 and 30 days) or per week (90 days, weeks starting on the period's first
 * day, the last one possibly shorter): `start` is an ISO date (YYYY-MM-DD, UTC); `value` in the
 * measure's unit, null where there is nothing to measure (no deploys that day).
 */
export const seriesSchema = z.array(z.object({ start: z.string(), value: z.nullable(z.number()) }));

export const figuresSchema = z.object({
  projectKey: z.string(),
  /** Null when the project has no deploys to any environment yet. */
  environment: z.nullable(environmentSchema),
  /** Every environment with deploys, production first, for the picker. */
  environments: z.array(environmentSchema),
  period: z.object({
    days: periodDays,
    /** ISO instants: [from, to) is the period, [previousFrom, from) the previous one. */
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    granularity: z.enum(['day', 'week']),
  }),
  measures: z.object({
    /** Successful deploys. `value` per day; `perWeek` = per day x 7. Unit of series: deploys per bucket. */
    deploymentFrequency: z.object({
      value: z.number(),
      perWeek: z.number(),
      deploys: z.number(),
      trend: trendSchema,
      band,
      series: seriesSchema,
    }),
    /** Commit time to its first successful deploy to the environment, in seconds. Series: median. */
    leadTime: z.object({
      value: z.nullable(z.number()),
      p90: z.nullable(z.number()),
      changes: z.number(),
      trend: trendSchema,
      p90Trend: trendSchema,
      band,
      series: seriesSchema,
    }),
    /** Share (0..1) of finished deploys that failed, were rolled back, or caused an incident. */
    changeFailureRate: z.object({
      value: z.nullable(z.number()),
      failures: z.number(),
      deploys: z.number(),
      trend: trendSchema,
      band,
      series: seriesSchema,
    }),
    /** Median seconds from a failing deploy to the next successful one, or to its incident's resolution. */
    recoveryTime: z.object({
      value: z.nullable(z.number()),
      recoveries: z.number(),
      /** Failures not recovered by the end of the period; not in the median. */
      open: z.number(),
      trend: trendSchema,
      band,
      series: seriesSchema,
    }),
    /** Share (0..1) of deploys that were unplanned fixes (2025 report); no band exists for it. */
    reworkRate: z.object({
      value: z.nullable(z.number()),
      fixes: z.number(),
      deploys: z.number(),
      trend: trendSchema,
      series: seriesSchema,
    }),
  }),
  /** The most recent day the rollups were written for this environment; null if never. */
  updatedAt: z.nullable(z.string()),
});
export type Figures = z.infer<typeof figuresSchema>;

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(255));
const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(255), z.regex(/^\S+$/, 'a label has no spaces'));
const projectKey = z.string().check(z.trim(), z.regex(/^[A-Z][A-Z0-9_]{1,254}$/, 'is not a project key (e.g. OPS)'));
const glob = z.string().check(z.trim(), z.minLength(1), z.maxLength(255));

export const doraSettingsSchema = z.strictObject({
  incidents: z.strictObject({
    issueTypes: z.array(name).check(z.maxLength(20)),
    labels: z.array(label).check(z.maxLength(20)),
    projectKeys: z.array(projectKey).check(z.maxLength(10)),
    tie: z.enum(INCIDENT_TIES),
  }),
  fixes: z.strictObject({
    issueTypes: z.array(name).check(z.maxLength(20)),
    labels: z.array(label).check(z.maxLength(20)),
    branchPatterns: z.array(glob).check(z.maxLength(20)),
  }),
  defaultEnvironmentId: z.nullable(environmentId),
});
// The contract and the domain type describe the same settings.
type SettingsMatch = z.infer<typeof doraSettingsSchema> extends DoraSettings ? true : false;
const settingsMatch: SettingsMatch = true;
void settingsMatch;

export const INCIDENT_TIE_LABELS: Readonly<Record<(typeof INCIDENT_TIES)[number], string>> = {
  'linked-issues': "A deploy that carries one of the incident's linked issues",
  'latest-deploy-before': 'The latest deploy to the environment before the incident was opened',
  'linked-issues-then-latest-deploy': 'Linked issues first, else the latest deploy before it',
};

export const settingsPayloadSchema = z.strictObject({});
export const settingsAnswerSchema = z.object({
  settings: doraSettingsSchema,
  /** Whether the caller may save (project admin); the page shows the form read-only otherwise. */
  canEdit: z.boolean(),
  updatedAt: z.nullable(z.string()),
});
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;

export const saveSettingsPayloadSchema = z.strictObject({ settings: doraSettingsSchema });
export type SaveSettingsPayload = z.infer<typeof saveSettingsPayloadSchema>;
/** Saving answers what `settings` answers. Ties already stored are kept: only new incidents use the new rule. */

/**
 * CSV export. `figures`: one row per measure (value, previous, change, band, count). `deploys`:
 * one row per deploy of both periods with what it counts for: state, successful, failure reason
 * (failed | rolled_back | incident), incident keys, fix, lead time of its changes (median,
 * seconds), recovery seconds; so any figure can be checked by hand.
 */
export const exportCsvPayloadSchema = z.strictObject({
  environmentId: z.optional(environmentId),
  periodDays,
  what: z.enum(['figures', 'deploys']),
});
export type ExportCsvPayload = z.infer<typeof exportCsvPayloadSchema>;

export const exportCsvSchema = z.object({
  /** e.g. DEMO-production-90d-deploys.csv */
  filename: z.string(),
  /** RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when needed. */
  csv: z.string(),
  rows: z.number(),
});
export type ExportCsv = z.infer<typeof exportCsvSchema>;

export const DEPLOY_CSV_COLUMNS = [
  'period',
  'deployId',
  'startedAt',
  'finishedAt',
  'state',
  'successful',
  'failure',
  'incidents',
  'fix',
  'commits',
  'leadTimeMedianSeconds',
  'recoverySeconds',
  'url',
] as const;

export { DEPLOY_STATES };
