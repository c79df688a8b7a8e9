import { z } from 'zod';

/**
 * CircleCI API v2 shapes: only the fields the app reads (zod drops the rest unchecked; CircleCI
 * has no documented way to ask for fewer fields). Statuses and trigger types stay strings (values
 * outside the documented enums occur in real data); times may be RFC 3339, null or, in
 * hand-edited data, empty strings.
 */

const text = z.string().nullish();

export const pipelineSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  project_slug: z.string(),
  state: text,
  created_at: text,
  // Only whether there are any is read.
  errors: z.array(z.unknown()).nullish(),
  trigger: z.object({ type: text, actor: z.object({ login: text }).nullish() }).nullish(),
  vcs: z
    .object({
      revision: text,
      branch: text,
      tag: text,
      commit: z.object({ subject: text, body: text }).nullish(),
      // A fork's pull request runs from origin and targets target; otherwise they are the same.
      origin_repository_url: text,
      target_repository_url: text,
    })
    .nullish(),
  // Only the git part is read; the rest varies by trigger and must not fail the pipeline.
  trigger_parameters: z
    .object({ git: z.object({ checkout_sha: text, branch: text, tag: text }).nullish() })
    .nullish()
    .catch(null),
});
export type WirePipeline = z.infer<typeof pipelineSchema>;

export const workflowSchema = z.object({
  id: z.string(),
  name: text,
  status: text,
  pipeline_id: text,
  created_at: text,
  stopped_at: text,
});
export type WireWorkflow = z.infer<typeof workflowSchema>;

export const jobSchema = z.object({
  id: z.string(),
  name: text,
  status: text,
  started_at: text,
  stopped_at: text,
});
export type WireJob = z.infer<typeof jobSchema>;

/** `GET /api/v2/project/{slug}/job/{number}`. */
export const jobDetailsSchema = z.object({
  number: z.number().int(),
  name: text,
  status: text,
  web_url: text,
  started_at: text,
  stopped_at: text,
  duration: z.number().nullish(),
  pipeline: z.object({ id: z.string() }).nullish(),
  latest_workflow: z.object({ id: z.string(), name: text }).nullish(),
  project: z.object({ slug: z.string(), name: text, external_url: text }).nullish(),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_page_token: z.string().nullish() });
}

/** `GET /api/v2/me`; `GET /api/v2/user/{id}` has the same shape. */
export const userSchema = z.object({ login: text, name: text });

/** Read only to prove that the slug names a project the token may see. */
export const projectSchema = z.object({ slug: z.string() });
