import * as z from 'zod/mini';
import { BUILD_STATES, PROVIDER_KINDS } from '../../domain/build';
import { DEPLOY_STATES } from '../../domain/deploy';
import { ENVIRONMENT_TYPES } from '../../domain/environment';
import { issuedId, pagingCursor } from './ids';

/**
 * The issue panel's resolvers, shared by the backend (src/resolvers/issue-panel.ts) and the panel
 * (static/issue-panel). zod/mini keeps the panel's bundle small. The issue and project are never
 * in a payload: the backend takes them from the Forge context of the call.
 */
export const ISSUE_PANEL_RESOLVERS = {
  /** Everything the panel shows first: its deploys (one page of links), or why there are none. */
  load: 'issuePanel.load',
  /** The next page of the issue's deploys. */
  more: 'issuePanel.more',
  /** One deploy's builds (at deploy and now) and commits. */
  deploy: 'issuePanel.deploy',
} as const;

/** The settings page the "not configured" state links admins to (manifest.yml). */
export const PROJECT_SETTINGS_MODULE_KEY = 'deploy-tracker-project-settings';

/** Deploys the panel lists per environment before it paginates. */
export const DEPLOYS_PER_PAGE = 20;

export const loadPayloadSchema = z.strictObject({});
export const morePayloadSchema = z.strictObject({ cursor: pagingCursor });
export const deployPayloadSchema = z.strictObject({ deployId: issuedId(400) });
export type MorePayload = z.infer<typeof morePayloadSchema>;
export type DeployPayload = z.infer<typeof deployPayloadSchema>;

const url = z.nullable(z.string());

export const environmentSchema = z.object({ id: z.string(), name: z.string(), type: z.enum(ENVIRONMENT_TYPES) });

export const deployRowSchema = z.object({
  id: z.string(),
  environment: environmentSchema,
  state: z.enum(DEPLOY_STATES),
  pipeline: z.object({ displayName: z.string(), url }),
  sequence: z.number(),
  sha: z.nullable(z.string()),
  branch: z.nullable(z.string()),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  url,
  trigger: z.nullable(z.string()),
  /** The CI that ran it; null for a deploy registered through the web trigger. */
  provider: z.optional(z.nullable(z.enum(PROVIDER_KINDS))),
  /** The project whose deploy source recorded it: a badge when not the issue's own. */
  projectKey: z.optional(z.string()),
  /** Rows with the same key are one real deploy (src/domain/deploy-identity.ts). */
  realKey: z.optional(z.string()),
  /** How many stored records (connections to one server) this real deploy was seen through. */
  records: z.optional(z.number()),
  /** When the newest commit that mentions the issue was made, when the CI said. */
  issueCommitAt: z.optional(z.nullable(z.string())),
  /** The commit's page on its Git host, when the repository's address is known. */
  commitUrl: z.optional(z.nullable(z.string())),
});
export type DeployRow = z.infer<typeof deployRowSchema>;

/**
 * What the panel shows may be out of date: a connection the project uses stopped syncing. Every
 * viewer gets one note saying so; which connection, its error and hint (which can name internal
 * addresses) only admins of the project or of Jira, one note per failing connection.
 */
export const staleNoteSchema = z.object({
  failedAt: z.string(),
  lastSuccessAt: z.nullable(z.string()),
  detail: z.nullable(z.object({ connectionId: z.string(), message: z.string(), hint: z.string() })),
});
export type StaleNote = z.infer<typeof staleNoteSchema>;

export const panelSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('not-configured'),
    projectKey: z.string(),
    /** Whether the viewer may open the project's settings (a project or Jira admin). */
    canConfigure: z.boolean(),
  }),
  z.object({
    status: z.literal('ready'),
    issueKey: z.string(),
    /** Newest first; empty when no deploy mentions the issue yet. */
    deploys: z.array(deployRowSchema),
    /** Set when older deploys exist: pass it to `issuePanel.more`. */
    cursor: z.nullable(z.string()),
    /** Real deploys that mention the issue in projects the viewer sees, as stored; null when not counted yet. */
    total: z.optional(z.nullable(z.number())),
    stale: z.array(staleNoteSchema),
  }),
]);
export type PanelView = z.infer<typeof panelSchema>;

export const deployPageSchema = z.object({ deploys: z.array(deployRowSchema), cursor: z.nullable(z.string()) });
export type DeployPage = z.infer<typeof deployPageSchema>;

export const snapshotRowSchema = z.object({
  provider: z.enum(PROVIDER_KINDS),
  connectionId: z.string(),
  jobId: z.string(),
  jobName: z.string(),
  folderPath: z.array(z.string()),
  number: z.number(),
  url,
  stateAtDeploy: z.enum(BUILD_STATES),
  /** The build's state in storage today; null when it is no longer there. */
  stateNow: z.nullable(z.enum(BUILD_STATES)),
  startedAt: z.nullable(z.string()),
  durationMs: z.nullable(z.number()),
  /** A run of a deploy job (another deploy of the commit), not a build: it never raises the warning. */
  kind: z.optional(z.enum(['build', 'deploy'])),
  /** Whether the viewer may open its stages and log (Jenkins, a job of a project they may see). */
  drilldown: z.optional(z.boolean()),
});
export type SnapshotRow = z.infer<typeof snapshotRowSchema>;

export const commitRowSchema = z.object({
  sha: z.string(),
  message: z.string(),
  author: z.nullable(z.string()),
  timestamp: z.nullable(z.string()),
  /** The commit's page on its Git host, when the repository's address is known. */
  url: z.optional(z.nullable(z.string())),
});
export type CommitRow = z.infer<typeof commitRowSchema>;

/** The CI run that was the deploy, for a drill-down into it. */
export const deployRunSchema = z.object({
  provider: z.enum(PROVIDER_KINDS),
  connectionId: z.string(),
  jobId: z.string(),
  buildNumber: z.number(),
  /** Whether the viewer may open its stages and log. */
  drilldown: z.optional(z.boolean()),
});

export const deployDetailSchema = z.object({
  deploy: deployRowSchema,
  run: z.nullable(deployRunSchema),
  builds: z.array(snapshotRowSchema),
  /** The deploy went out while a build of its commit was failing, or still running. */
  warning: z.nullable(z.enum(['failing', 'running'])),
  /** Commits whose message mentions this issue first, then the others. */
  commits: z.object({ mentioning: z.array(commitRowSchema), others: z.array(commitRowSchema), omitted: z.number() }),
});
export type DeployDetail = z.infer<typeof deployDetailSchema>;
