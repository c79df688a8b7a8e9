import { z } from 'zod';
import { ENVIRONMENT_TYPES } from './environment';

/**
 * What a project admin sets on the project settings page. Stored as one record per project;
 * the sync reads it once per run, the panel once per load.
 */
export const ISSUE_INTEGRATION_PROVIDERS = ['jira', 'app-only', 'none'] as const;
export type IssueIntegrationProvider = (typeof ISSUE_INTEGRATION_PROVIDERS)[number];

const environmentSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  type: z.enum(ENVIRONMENT_TYPES),
});

export const deploySourceSchema = z.object({
  id: z.string().min(1).max(64),
  connectionId: z.string().min(1).max(64),
  job: z.string().trim().min(1).max(500).describe('Job or pipeline: its full name, or a glob such as deploy-*'),
  branch: z.string().trim().max(255).optional(),
  parameterCondition: z.string().trim().max(255).optional(),
  environment: environmentSchema,
});

export const buildSelectionSchema = z.object({
  connectionId: z.string().min(1).max(64),
  /** Jobs or pipelines (names or globs) that count as builds for this project; empty means all. */
  jobs: z.array(z.string().trim().min(1).max(500)).max(100),
});

export const projectConfigSchema = z.object({
  schemaVersion: z.literal(1),
  projectKey: z.string().min(1).max(255),
  defaultConnectionId: z.string().max(64).nullable(),
  builds: z.array(buildSelectionSchema).max(20),
  deploySources: z.array(deploySourceSchema).max(100),
  issueIntegration: z.object({
    provider: z.enum(ISSUE_INTEGRATION_PROVIDERS),
    scanCommitMessages: z.boolean(),
    scanBranchNames: z.boolean(),
    keyScope: z.enum(['this-project', 'any-project']),
    /** When an admin last saved this choice; absent while the project runs on the default. */
    chosenAt: z.string().optional(),
  }),
  updatedAt: z.string(),
});

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export function defaultProjectConfig(projectKey: string, now: string): ProjectConfig {
  return {
    schemaVersion: 1,
    projectKey,
    defaultConnectionId: null,
    builds: [],
    deploySources: [],
    // Deploys link only this project's issues until its admin chooses otherwise: another project's
    // issues, and who may read them, are that project's business.
    issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'this-project' },
    updatedAt: now,
  };
}

/** Connections whose builds matter to this project, the default build server first. */
export function connectionsUsedBy(config: ProjectConfig): string[] {
  const ids = [
    ...(config.defaultConnectionId ? [config.defaultConnectionId] : []),
    ...config.builds.map((b) => b.connectionId),
    ...config.deploySources.map((s) => s.connectionId),
  ];
  return [...new Set(ids)];
}

export function isConfigured(config: ProjectConfig | undefined): boolean {
  return !!config && (config.deploySources.length > 0 || config.defaultConnectionId !== null);
}
