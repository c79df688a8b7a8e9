import { createHash } from 'node:crypto';

/**
 * Every storage key and entity name the app uses, in one place. KVS keys allow only
 * `[a-zA-Z0-9:._\s-#]`, so free text (job names, branch names) goes in as a short hash.
 */
export const ENTITY = {
  build: 'build',
  deploy: 'deploy',
  issueDeploy: 'issue-deploy',
} as const;

export const INDEX = {
  buildsBySha: 'by-sha',
  buildsByJob: 'by-job',
  buildsByBranch: 'by-branch',
  deploysByEnvironment: 'by-environment',
  deploysByProject: 'by-project',
  deploysBySha: 'by-sha',
  linksByIssue: 'by-issue',
} as const;

export function digest(text: string, length = 24): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

export const keys = {
  build: (connectionId: string, jobId: string, number: number) => `b:${digest(`${connectionId}\n${jobId}`)}:${number}`,
  deploy: (deployId: string) => `d:${deployId}`,
  issueDeploy: (issueKey: string, deployId: string) => `l:${digest(issueKey, 16)}:${deployId}`,
  connectionPrefix: 'conn:',
  connection: (id: string) => `conn:${id}`,
  connectionSecret: (id: string) => `conn-secret:${id}`,
  projectPrefix: 'project:',
  projectConfig: (projectKey: string) => `project:${digest(projectKey, 16)}:config`,
  deploySecret: (projectKey: string) => `project:${digest(projectKey, 16)}:deploy-secret`,
  syncCursor: (connectionId: string) => `sync:cursor:${connectionId}`,
  syncStatus: (connectionId: string) => `sync:status:${connectionId}`,
  syncLease: (connectionId: string) => `sync:lease:${connectionId}`,
  /** Where a connection's history import stands (src/sync/history), apart from the sync cursor. */
  syncHistory: (connectionId: string) => `sync:history:${connectionId}`,
  syncHealth: 'sync:health',
  /** One record per failing connection, all read with one prefix query (written by that connection's runs only). */
  syncHealthPrefix: 'sync:health:',
  syncHealthOf: (connectionId: string) => `sync:health:${connectionId}`,
  /** Builds and deploys stored per connection, with the last writer's claim (src/storage/stored-count-store.ts). */
  syncStored: (connectionId: string) => `sync:stored:${connectionId}`,
  /** What the last connection test learnt about the token (never the token itself). */
  tokenDetails: (connectionId: string) => `conn-token:${connectionId}`,
  replayGuard: (signature: string) => `replay:${digest(signature, 32)}`,
  /** A connection's build webhook (src/webtrigger/build-events): its opaque URL id, secret hint, CircleCI webhook ids. */
  webhook: (connectionId: string) => `hook:conn:${connectionId}`,
  /** The signing secret and the connection, found by the URL's opaque id in one read. */
  webhookSecret: (hookId: string) => `hook-secret:${hookId}`,
  webhookSeenPrefix: 'hook:seen:',
  /** When the connection's last webhook event arrived (push health), all read with one prefix query. */
  webhookSeen: (connectionId: string) => `hook:seen:${connectionId}`,
};

/** Partition values of the indexes: never empty, since an index cannot hold an empty partition. */
export const partitions = {
  job: (connectionId: string, jobId: string) => digest(`${connectionId}\n${jobId}`),
  branch: (connectionId: string, branch: string | null) => (branch ? digest(`${connectionId}\n${branch}`) : '-'),
  sha: (sha: string | null) => (sha ? sha.toLowerCase() : '-'),
  environment: (projectKey: string, environmentId: string) => `${projectKey}:${environmentId}`,
};
