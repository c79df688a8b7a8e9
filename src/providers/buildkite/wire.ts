import { z } from 'zod';

/** Buildkite REST v2 shapes. `state` and `source` stay strings: new values must not break a sync. */

const text = z.string().nullish();

export const pipelineSchema = z.object({
  id: text,
  slug: z.string(),
  name: text,
  web_url: text,
  repository: text,
});

export const buildSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  state: z.string(),
  web_url: text,
  message: text,
  commit: text,
  branch: text,
  tag: text,
  source: text,
  blocked: z.boolean().nullish(),
  author: z.object({ name: text, username: text, email: text }).nullish(),
  creator: z.object({ name: text, email: text }).nullish(),
  created_at: text,
  scheduled_at: text,
  started_at: text,
  finished_at: text,
  rebuilt_from: z.object({ number: z.number().int().nullish() }).nullish(),
  pull_request: z.object({ id: text, base: text }).nullish(),
  pipeline: pipelineSchema,
});
export type WireBuild = z.infer<typeof buildSchema>;

export const buildListSchema = z.array(buildSchema);
export const pipelineListSchema = z.array(pipelineSchema);

export const accessTokenSchema = z.object({
  uuid: text,
  scopes: z.array(z.string()),
  user: z.object({ name: text, email: text }).nullish(),
});

export const errorBodySchema = z.object({
  message: z.string(),
  errors: z.array(z.object({ field: text, code: text })).nullish(),
});
