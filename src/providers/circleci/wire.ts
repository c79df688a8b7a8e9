import { z } from 'zod';

/**
 * CircleCI API v2 shapes. Statuses and trigger types stay strings (values outside the documented
 * enums occur in real data); times may be RFC 3339, null or, in hand-edited data, empty strings.
 */

const text = z.string().nullish();

export const pipelineSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  project_slug: z.string(),
  state: text,
  created_at: text,
  updated_at: text,
  errors: z.array(z.object({ type: text, message: text })).nullish(),
  trigger: z
    .object({
      type: text,
      received_at: text,
      actor: z.object({ login: text, avatar_url: text }).nullish(),
    })
    .nullish(),
  vcs: z
    .object({
      revision: text,
      branch: text,
      tag: text,
      origin_repository_url: text,
      target_repository_url: text,
      provider_name: text,
      commit: z.object({ subject: text, body: text }).nullish(),
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
  pipeline_number: z.number().int().nullish(),
  project_slug: text,
  created_at: text,
  stopped_at: text,
  started_by: text,
  canceled_by: text,
  errored_by: text,
  tag: text,
});
export type WireWorkflow = z.infer<typeof workflowSchema>;

export const jobSchema = z.object({
  id: z.string(),
  name: text,
  type: text,
  status: text,
  job_number: z.number().int().nullish(),
  started_at: text,
  stopped_at: text,
  dependencies: z.array(z.string()).nullish(),
  approved_by: text,
  approval_request_id: text,
  canceled_by: text,
  project_slug: text,
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
export const userSchema = z.object({ id: z.string(), login: text, name: text });

export const projectSchema = z.object({
  slug: z.string(),
  name: text,
  id: text,
  organization_name: text,
  vcs_info: z.object({ vcs_url: text, default_branch: text, provider: text }).nullish(),
});
