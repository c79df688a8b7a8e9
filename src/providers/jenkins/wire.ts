import { z } from 'zod';

/**
 * Jenkins JSON API shapes, as loose as Jenkins versions and plugins make them: every field we do
 * not strictly need is optional or nullable, unknown fields are dropped, enum-like strings stay strings.
 * Old Jenkins (1.x) sends no `_class`; empty `{}` actions are normal.
 */

const text = z.string().nullish();

export const causeSchema = z.object({
  _class: z.string().optional(),
  shortDescription: text,
  userId: text,
  userName: text,
  upstreamProject: text,
  upstreamBuild: z.number().nullish(),
});

export const parameterSchema = z.object({
  _class: z.string().optional(),
  name: z.string(),
  value: z.unknown().optional(),
});

const branchSchema = z.object({ SHA1: text, name: text });

export const actionSchema = z
  .object({
    _class: z.string().optional(),
    causes: z.array(causeSchema).nullish(),
    parameters: z.array(parameterSchema).nullish(),
    lastBuiltRevision: z.object({ SHA1: text, branch: z.array(branchSchema).nullish() }).nullish(),
    remoteUrls: z.array(z.string()).nullish(),
    scmName: text,
  })
  .nullable();

export const changeItemSchema = z.object({
  commitId: text,
  id: text,
  msg: text,
  comment: text,
  timestamp: z.number().nullish(),
  date: text,
  authorEmail: text,
  author: z.object({ fullName: text }).nullish(),
  revision: z.union([z.number(), z.string()]).nullish(),
});

export const changeSetSchema = z.object({
  _class: z.string().optional(),
  kind: text,
  items: z.array(changeItemSchema).nullish(),
});

export const buildSchema = z.object({
  _class: z.string().optional(),
  number: z.number().int(),
  url: text,
  result: text,
  building: z.boolean().nullish(),
  timestamp: z.number().nullish(),
  duration: z.number().nullish(),
  displayName: text,
  fullDisplayName: text,
  actions: z.array(actionSchema).nullish(),
  changeSet: changeSetSchema.nullish(),
  changeSets: z.array(changeSetSchema).nullish(),
});
export type WireBuild = z.infer<typeof buildSchema>;
export type WireAction = NonNullable<z.infer<typeof actionSchema>>;
export type WireCause = z.infer<typeof causeSchema>;
export type WireChangeItem = z.infer<typeof changeItemSchema>;

export interface WireJob {
  _class?: string | undefined;
  name?: string | null | undefined;
  fullName?: string | null | undefined;
  url?: string | null | undefined;
  color?: string | null | undefined;
  lastBuild?: { number: number } | null | undefined;
  jobs?: WireJob[] | null | undefined;
}

/** A job, folder, view or the root: anything with nested `jobs` (folders, multibranch, organization folders). */
export const jobSchema: z.ZodType<WireJob> = z.object({
  _class: z.string().optional(),
  name: text,
  fullName: text,
  url: text,
  color: text,
  lastBuild: z.object({ number: z.number().int() }).nullish(),
  get jobs() {
    return z.array(jobSchema).nullish();
  },
});

/** `GET {job}/api/json?tree=builds[...]` or `allBuilds[...]`. */
export const jobBuildsSchema = z.object({
  _class: z.string().optional(),
  name: text,
  url: text,
  builds: z.array(buildSchema).nullish(),
  allBuilds: z.array(buildSchema).nullish(),
});

export const whoAmISchema = z.object({
  name: text,
  anonymous: z.boolean().nullish(),
  authenticated: z.boolean().nullish(),
});

export const rootSchema = z.object({
  _class: z.string().optional(),
  jobs: z.array(z.object({ name: text })).nullish(),
});

export const queueItemSchema = z.object({
  _class: z.string().optional(),
  id: z.number().int(),
  actions: z.array(actionSchema).nullish(),
  blocked: z.boolean().nullish(),
  stuck: z.boolean().nullish(),
  cancelled: z.boolean().nullish(),
  inQueueSince: z.number().nullish(),
  why: text,
  task: z.object({ name: text, url: text }).nullish(),
  executable: z.object({ number: z.number().int() }).nullish(),
});
export type WireQueueItem = z.infer<typeof queueItemSchema>;

export const queueSchema = z.object({ items: z.array(queueItemSchema) });

/** Pipeline Stage View REST API (`wfapi`): a stage, or a node with its flow nodes. */
export const stageSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: text,
  startTimeMillis: z.number().nullish(),
  durationMillis: z.number().nullish(),
  error: z.object({ message: text, type: text }).nullish(),
  stageFlowNodes: z
    .array(z.object({ id: z.string(), name: z.string(), status: text, startTimeMillis: z.number().nullish(), durationMillis: z.number().nullish() }))
    .nullish(),
});
export type WireStage = z.infer<typeof stageSchema>;

/** `GET {build}/wfapi/describe`, and each element of `GET {job}/wfapi/runs`. */
export const runSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: text,
  startTimeMillis: z.number().nullish(),
  endTimeMillis: z.number().nullish(),
  durationMillis: z.number().nullish(),
  stages: z.array(stageSchema).nullish(),
});
