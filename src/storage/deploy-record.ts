import { z } from 'zod';
import { BUILD_STATES, PROVIDER_KINDS } from '../domain/build';
import { DEPLOY_STATES, type Deploy } from '../domain/deploy';
import { ENVIRONMENT_TYPES } from '../domain/environment';
import { issueKeyCandidates } from '../domain/issue-keys';
import { commitSchema, jobRefSchema } from './build-record';

export const deploySchema = z.object({
  id: z.string(),
  projectKey: z.string(),
  environment: z.object({ id: z.string(), name: z.string(), type: z.enum(ENVIRONMENT_TYPES) }),
  origin: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ci'),
      sourceId: z.string(),
      provider: z.enum(PROVIDER_KINDS),
      connectionId: z.string(),
      jobId: z.string(),
      buildNumber: z.number(),
    }),
    z.object({ kind: z.literal('registration'), pipelineId: z.string(), runId: z.string() }),
  ]),
  pipeline: z.object({ id: z.string(), displayName: z.string(), url: z.string().nullable() }),
  sequence: z.number(),
  state: z.enum(DEPLOY_STATES),
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  url: z.string().nullable(),
  trigger: z.string().nullable(),
  commits: z.array(commitSchema),
  commitsOmitted: z.number(),
  issueKeys: z.array(z.string()),
  snapshot: z.array(
    z.object({
      provider: z.enum(PROVIDER_KINDS),
      connectionId: z.string(),
      job: jobRefSchema,
      number: z.number(),
      url: z.string().nullable(),
      stateAtDeploy: z.enum(BUILD_STATES),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      durationMs: z.number().nullable(),
    }),
  ),
  // Optional: deploys stored before it was kept read as they were, with no link for their SHA.
  repositoryUrl: z.string().optional(),
}) satisfies z.ZodType<Deploy>;

/** What an issue's link keeps of its deploy, so the panel renders from one query. */
export const deploySummarySchema = deploySchema.pick({
  id: true,
  projectKey: true,
  environment: true,
  pipeline: true,
  sequence: true,
  state: true,
  sha: true,
  branch: true,
  startedAt: true,
  finishedAt: true,
  url: true,
  trigger: true,
  repositoryUrl: true,
}).extend({
  // Optional: links written before these fields parse as they are (no provider: a registration).
  /** The CI that ran the deploy, so the panel can tell runs of different CIs apart. */
  provider: z.enum(PROVIDER_KINDS).optional(),
  /** When the newest commit that mentions the link's issue was made, if the CI said. */
  issueCommitAt: z.string().optional(),
});
export type DeploySummary = z.infer<typeof deploySummarySchema>;

export function summaryOf(deploy: Deploy): DeploySummary {
  const { id, projectKey, environment, pipeline, sequence, state, sha, branch, startedAt, finishedAt, url, trigger, origin, repositoryUrl } = deploy;
  // The repository travels with the summary so the panel's list links each SHA from the one query it makes.
  const summary = { id, projectKey, environment, pipeline, sequence, state, sha, branch, startedAt, finishedAt, url, trigger, ...(repositoryUrl ? { repositoryUrl } : {}) };
  return origin.kind === 'ci' ? { ...summary, provider: origin.provider } : summary;
}

/** The summary as one issue's link keeps it: with the time of the newest commit that mentions it. */
export function linkSummaryOf(deploy: Deploy, issueKey: string): DeploySummary {
  const key = issueKey.toUpperCase();
  const times = deploy.commits
    .filter((c) => c.timestamp !== null && !Number.isNaN(Date.parse(c.timestamp)) && issueKeyCandidates(c.message).includes(key))
    .map((c) => c.timestamp ?? '');
  const newest = times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return newest ? { ...summaryOf(deploy), issueCommitAt: newest } : summaryOf(deploy);
}
