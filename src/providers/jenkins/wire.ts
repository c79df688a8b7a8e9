import { z } from 'zod';

/**
 * Jenkins JSON API shapes: exactly the fields our `tree=` queries ask for (tree.ts) and the mapping
 * reads, as loose as Jenkins versions and plugins make them (optional or nullable, unknown fields
 * dropped, enum-like strings kept as strings). Old Jenkins (1.x) sends no `_class`; empty `{}`
 * actions are normal.
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

export const parameterSchema = z.object({ name: z.string(), value: z.unknown().optional() });

/**
 * A build action: `CauseAction` (what started it), `InterruptedBuildAction` (what stopped it; its
 * causes are reasons of interruption, not triggers), `ParametersAction`, the git plugin's `BuildData`,
 * a test result action.
 */
export const actionSchema = z
  .object({
    _class: z.string().optional(),
    causes: z.array(causeSchema).nullish(),
    parameters: z.array(parameterSchema).nullish(),
    lastBuiltRevision: z.object({ SHA1: text, branch: z.array(z.object({ name: text })).nullish() }).nullish(),
    /** The remotes a BuildData checkout cloned. */
    remoteUrls: z.array(z.string()).nullish(),
    /** A test result action's counts (JUnit and the plugins built on it). */
    failCount: z.number().int().nonnegative().nullish(),
    skipCount: z.number().int().nonnegative().nullish(),
    totalCount: z.number().int().nonnegative().nullish(),
  })
  .nullable();

export const changeItemSchema = z.object({
  commitId: text,
  /** Git entries of Jenkins 1.4xx, before core exported `commitId`. */
  id: text,
  /** The whole message (git); `msg` is its first line for git and the whole message for other SCMs. */
  comment: text,
  msg: text,
  timestamp: z.number().nullish(),
  author: z.object({ fullName: text }).nullish(),
});

export const changeSetSchema = z.object({ items: z.array(changeItemSchema).nullish() });

export const buildSchema = z.object({
  _class: z.string().optional(),
  number: z.number().int(),
  result: text,
  building: z.boolean().nullish(),
  timestamp: z.number().nullish(),
  duration: z.number().nullish(),
  actions: z.array(actionSchema).nullish(),
  changeSet: changeSetSchema.nullish(),
  changeSets: z.array(changeSetSchema).nullish(),
});
export type WireBuild = z.infer<typeof buildSchema>;
export type WireAction = NonNullable<z.infer<typeof actionSchema>>;
export type WireCause = z.infer<typeof causeSchema>;
export type WireChangeItem = z.infer<typeof changeItemSchema>;

/** A build as the insight's build details read it: what the sync reads, and what only a person looks at. */
export const buildDetailsSchema = buildSchema.extend({
  displayName: text,
  description: text,
  estimatedDuration: z.number().nullish(),
});
export type WireBuildDetails = z.infer<typeof buildDetailsSchema>;

/** Number, class and whether it still runs: what a permalink stands for. */
export const buildIdentitySchema = z.object({ _class: z.string().optional(), number: z.number().int(), building: z.boolean().nullish() });

/** A saved answer of any Jenkins version (the inspect command): also names its own job. */
export const recordedBuildSchema = buildSchema.extend({ url: text, fullDisplayName: text });
export type RecordedBuild = z.infer<typeof recordedBuildSchema>;
export const recordedJobSchema = z.object({
  name: text,
  url: text,
  builds: z.array(recordedBuildSchema).nullish(),
  allBuilds: z.array(recordedBuildSchema).nullish(),
});

/** `lastBuild[number,result,building,timestamp,duration,url]` and list elements of that shape. */
export const briefSchema = z.object({
  number: z.number().int(),
  result: text,
  building: z.boolean().nullish(),
  timestamp: z.number().nullish(),
  duration: z.number().nullish(),
  url: text,
});
export type WireBrief = z.infer<typeof briefSchema>;

/**
 * An item of a folder, view or the root; containers (folders, multibranch projects, organization
 * folders) carry their own `jobs`, as deep as the `tree=` asked. The sync asks for `lastBuild[number]`
 * only; the insight listing for a brief and the colour. Items may come with `fullName` only.
 */
export interface WireJob {
  _class?: string | undefined;
  name?: string | null | undefined;
  fullName?: string | null | undefined;
  color?: string | null | undefined;
  lastBuild?: (Partial<WireBrief> & { number: number }) | null | undefined;
  jobs?: WireJob[] | null | undefined;
}

export const jobSchema: z.ZodType<WireJob> = z.object({
  _class: z.string().optional(),
  name: text,
  fullName: text,
  color: text,
  lastBuild: briefSchema.partial().extend({ number: z.number().int() }).nullish(),
  get jobs() {
    return z.array(jobSchema).nullish();
  },
});

/** `GET {job}/api/json?tree=builds[...]` or `allBuilds[...]`. */
export const jobBuildsSchema = z.object({
  builds: z.array(buildSchema).nullish(),
  allBuilds: z.array(buildSchema).nullish(),
});

export const healthSchema = z.object({ score: z.number().nullish(), description: text });

/** `GET {job}/api/json` with JOB_DETAILS_TREE. */
export const jobDetailsSchema = z.object({
  _class: z.string().optional(),
  description: text,
  color: text,
  healthReport: z.array(healthSchema).nullish(),
  lastBuild: briefSchema.nullish(),
  lastSuccessfulBuild: briefSchema.nullish(),
  lastFailedBuild: briefSchema.nullish(),
  builds: z.array(briefSchema).nullish(),
  jobs: z.array(jobSchema).nullish(),
});
export type WireJobDetails = z.infer<typeof jobDetailsSchema>;

/** An item's class alone: is a job's parent a multibranch project. */
export const itemClassSchema = z.object({ _class: z.string().optional() });

export const whoAmISchema = z.object({
  name: text,
  anonymous: z.boolean().nullish(),
  authenticated: z.boolean().nullish(),
});

export const rootSchema = z.object({ jobs: z.array(z.object({ name: text })).nullish() });

/** A queue item; `_class` tells waiting, blocked, buildable and left items apart. */
export const queueItemSchema = z.object({
  _class: z.string().optional(),
  id: z.number().int(),
  actions: z.array(actionSchema).nullish(),
  blocked: z.boolean().nullish(),
  buildable: z.boolean().nullish(),
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
});
export type WireStage = z.infer<typeof stageSchema>;

/** `GET {build}/wfapi/describe`, and each element of `GET {job}/wfapi/runs`. */
export const runSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: text,
  startTimeMillis: z.number().nullish(),
  durationMillis: z.number().nullish(),
  stages: z.array(stageSchema).nullish(),
});

/**
 * What HttpClient receives in place of a console log answer (see log-fetch.ts): the text read,
 * the log size and whether the build still writes to it.
 */
export const logChunkSchema = z.object({
  text: z.string(),
  bytes: z.number().int().nonnegative(),
  textSize: z.number().int().nonnegative().nullable(),
  moreData: z.boolean(),
  cut: z.boolean(),
});
export type LogChunk = z.infer<typeof logChunkSchema>;
