// zod/mini, as every contract (see contract/resolver.ts); the domain modules imported here build no schema when
// loaded, so the pages get their constants and nothing else.
import * as z from 'zod/mini';
import { BUILD_STATES } from '../../domain/build';
import { ENVIRONMENT_TYPES } from '../../domain/environment';
import { storedCountsSchema } from './connections';
import { issuedId } from './ids';
import type { IssueIntegrationProvider } from '../../domain/project-config';

/** The domain's providers, in the order the page offers them; the type check keeps the two lists equal. */
export const ISSUE_INTEGRATION_PROVIDERS = ['jira', 'app-only', 'none'] as const satisfies readonly IssueIntegrationProvider[];
type Missing = Exclude<IssueIntegrationProvider, (typeof ISSUE_INTEGRATION_PROVIDERS)[number]>;
const everyProviderListed: [Missing] extends [never] ? true : Missing = true;
void everyProviderListed;

/**
 * The project settings page's resolvers. The project is always the one the page is shown for
 * (Forge context); no payload here names a project.
 */
export const PROJECT_SETTINGS_RESOLVERS = {
  get: 'projectSettings.get',
  listJobs: 'projectSettings.listJobs',
  saveBuildServer: 'projectSettings.saveBuildServer',
  saveDeploySources: 'projectSettings.saveDeploySources',
  previewDeploySource: 'projectSettings.previewDeploySource',
  saveIssueIntegration: 'projectSettings.saveIssueIntegration',
  rotateDeploySecret: 'projectSettings.rotateDeploySecret',
  syncStatus: 'projectSettings.syncStatus',
  syncNow: 'projectSettings.syncNow',
} as const;

export const MUTATING_PROJECT_SETTINGS_RESOLVERS = [
  PROJECT_SETTINGS_RESOLVERS.saveBuildServer,
  PROJECT_SETTINGS_RESOLVERS.saveDeploySources,
  PROJECT_SETTINGS_RESOLVERS.saveIssueIntegration,
  PROJECT_SETTINGS_RESOLVERS.rotateDeploySecret,
  PROJECT_SETTINGS_RESOLVERS.syncNow,
] as const;

export const ISSUE_INTEGRATION_LABELS: Readonly<Record<(typeof ISSUE_INTEGRATION_PROVIDERS)[number], string>> = {
  jira: 'Jira (this site)',
  'app-only': 'This app only',
  none: 'None',
};

const ID = issuedId(64);
const connectionId = ID;
const trimmed = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const jobPattern = z.string().check(z.trim(), z.minLength(1, 'enter a job or pipeline name, or a glob such as deploy-*'), z.maxLength(500));

export const saveBuildServerPayloadSchema = z.strictObject({
  defaultConnectionId: z.nullable(connectionId),
  /** Names or globs of the jobs that count as builds; empty means every job. */
  jobs: z.array(jobPattern).check(z.maxLength(100)),
});

export const deploySourceInputSchema = z.strictObject({
  id: z.optional(ID),
  connectionId,
  job: jobPattern,
  branch: z.optional(trimmed(255)),
  parameterCondition: z.optional(trimmed(255)),
  environmentName: z.string().check(z.trim(), z.minLength(1, 'name the environment, e.g. production'), z.maxLength(100)),
  environmentType: z.enum(ENVIRONMENT_TYPES),
});
export type DeploySourceInput = z.infer<typeof deploySourceInputSchema>;

export const saveDeploySourcesPayloadSchema = z.strictObject({ sources: z.array(deploySourceInputSchema).check(z.maxLength(100)) });
export const previewPayloadSchema = z.strictObject({ source: deploySourceInputSchema });
export const listJobsPayloadSchema = z.strictObject({ connectionId });
export const syncNowPayloadSchema = z.strictObject({ connectionId: z.optional(connectionId) });

export const issueIntegrationSchema = z.strictObject({
  provider: z.enum(ISSUE_INTEGRATION_PROVIDERS),
  scanCommitMessages: z.boolean(),
  scanBranchNames: z.boolean(),
  keyScope: z.enum(['this-project', 'any-project']),
});

const kind = z.enum(['jenkins', 'buildkite', 'circleci']);
const environmentSchema = z.object({ id: z.string(), name: z.string(), type: z.enum(ENVIRONMENT_TYPES) });
const deploySourceSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  job: z.string(),
  branch: z.optional(z.string()),
  parameterCondition: z.optional(z.string()),
  environment: environmentSchema,
});

export const projectSettingsSchema = z.object({
  projectKey: z.string(),
  defaultConnectionId: z.nullable(z.string()),
  /** The jobs counted as builds on the default build server. */
  buildJobs: z.array(z.string()),
  deploySources: z.array(deploySourceSchema),
  issueIntegration: z.object({
    provider: z.enum(ISSUE_INTEGRATION_PROVIDERS),
    scanCommitMessages: z.boolean(),
    scanBranchNames: z.boolean(),
    keyScope: z.enum(['this-project', 'any-project']),
  }),
  /** Whether an admin has saved the issue integration once (the set-up checklist's step); absent from older backends. */
  issueIntegrationChosen: z.optional(z.boolean()),
  /** Connections this project may use: the site's and its own. */
  connections: z.array(z.object({ id: z.string(), name: z.string(), kind, scope: z.enum(['site', 'project']) })),
  deployRegistration: z.object({
    url: z.nullable(z.string()),
    secretConfigured: z.boolean(),
    signatureHeader: z.string(),
    timestampHeader: z.string(),
  }),
  updatedAt: z.nullable(z.string()),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

export const jobListSchema = z.object({
  jobs: z.array(z.object({ id: z.string(), displayName: z.string() })),
  truncated: z.boolean(),
});

export const previewSchema = z.object({
  /** Jobs the name or glob matched (the job itself when it is not a glob). */
  jobs: z.array(z.string()),
  runs: z.array(
    z.object({
      jobId: z.string(),
      number: z.number(),
      state: z.enum(BUILD_STATES),
      branch: z.nullable(z.string()),
      startedAt: z.nullable(z.string()),
      url: z.nullable(z.string()),
      parameters: z.string(),
    }),
  ),
  /** Runs of the matched jobs that the branch filter or parameter condition left out. */
  excluded: z.number(),
  note: z.nullable(z.string()),
  /** When the job does not exist on the server: the closest real job id, if one is close. */
  suggestion: z.optional(z.nullable(z.string())),
});
export type Preview = z.infer<typeof previewSchema>;

/** Shown once, right after it was created: the page cannot ask for it again. */
export const deploySecretSchema = z.object({ secret: z.string(), url: z.nullable(z.string()) });

const errorSchema = z.object({ name: z.string(), message: z.string(), hint: z.string() });
export const syncStatusListSchema = z.object({
  connections: z.array(
    z.object({
      connectionId: z.string(),
      name: z.string(),
      kind,
      /** Its CI sends every build (a server behind a firewall): never polled, so it never has a sync run. */
      pushedOnly: z.optional(z.boolean()),
      /** What is stored for the connection, as the admin page's health hub shows it; null before anything was counted. */
      stored: z.optional(z.nullable(storedCountsSchema)),
      status: z.nullable(
        z.object({
          lastRunAt: z.string(),
          lastSuccessAt: z.nullable(z.string()),
          durationMs: z.number(),
          buildsWritten: z.number(),
          deploysWritten: z.number(),
          requests: z.number(),
          complete: z.boolean(),
          error: z.nullable(errorSchema),
          problems: z.array(z.extend(errorSchema, { jobId: z.string() })),
        }),
      ),
    }),
  ),
});
export type SyncStatusList = z.infer<typeof syncStatusListSchema>;

export const syncRequestedSchema = z.object({
  requested: z.array(z.string()),
  /** Pushed-only connections asked for: never polled, their CI keeps them up to date. */
  pushedOnly: z.optional(z.array(z.string())),
});
export const savedSchema = z.object({ updatedAt: z.string() });
