import { z } from 'zod';
import { BUILD_STATES, CAUSE_KINDS, PROVIDER_KINDS, type Build } from '../domain/build';

/** A Build as stored: validated on the way back in, so a damaged or older record is caught, not trusted. */
export const jobRefSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  url: z.string().nullable(),
  folderPath: z.array(z.string()),
});

export const commitSchema = z.object({
  sha: z.string(),
  message: z.string(),
  author: z.string().nullable(),
  timestamp: z.string().nullable(),
});

export const buildSchema = z.object({
  provider: z.enum(PROVIDER_KINDS),
  connectionId: z.string(),
  job: jobRefSchema,
  number: z.number(),
  state: z.enum(BUILD_STATES),
  rawState: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  tag: z.string().nullable(),
  commits: z.array(commitSchema),
  causes: z.array(z.object({ kind: z.enum(CAUSE_KINDS), description: z.string(), actor: z.string().nullable() })),
  parameters: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullable() })),
  url: z.string().nullable(),
  // Read back so a deploy sent to Jira later still names its commits' repository (src/sync/jira-devops.ts).
  repositoryUrl: z.string().nullish(),
}) satisfies z.ZodType<Build>;
