import { z } from 'zod';
import { buildSchema, queueItemSchema } from '../wire';

/**
 * The Jenkins answers the insight capabilities read, beyond what the sync reads (../wire.ts).
 * As loose as there: optional or nullable wherever Jenkins versions and plugins differ.
 */

const text = z.string().nullish();

/** `lastBuild[number,result,building,timestamp,duration,url]` and list elements of that shape. */
export const briefSchema = z.object({
  _class: z.string().optional(),
  number: z.number().int(),
  result: text,
  building: z.boolean().nullish(),
  timestamp: z.number().nullish(),
  duration: z.number().nullish(),
  url: text,
});
export type WireBrief = z.infer<typeof briefSchema>;

export interface WireListedJob {
  _class?: string | undefined;
  name?: string | null | undefined;
  fullName?: string | null | undefined;
  color?: string | null | undefined;
  lastBuild?: WireBrief | null | undefined;
  jobs?: WireListedJob[] | null | undefined;
}

/** An item of a folder listing; containers carry their own `jobs`, as deep as the `tree=` asked. */
export const listedJobSchema: z.ZodType<WireListedJob> = z.object({
  _class: z.string().optional(),
  name: text,
  fullName: text,
  color: text,
  lastBuild: briefSchema.nullish(),
  get jobs() {
    return z.array(listedJobSchema).nullish();
  },
});

export const healthSchema = z.object({ score: z.number().nullish(), description: text });

/** `GET {job}/api/json` with JOB_DETAILS_TREE. */
export const jobDetailsSchema = z.object({
  _class: z.string().optional(),
  name: text,
  fullName: text,
  displayName: text,
  description: text,
  color: text,
  healthReport: z.array(healthSchema).nullish(),
  lastBuild: briefSchema.nullish(),
  lastSuccessfulBuild: briefSchema.nullish(),
  lastFailedBuild: briefSchema.nullish(),
  builds: z.array(briefSchema).nullish(),
  jobs: z.array(listedJobSchema).nullish(),
});
export type WireJobDetails = z.infer<typeof jobDetailsSchema>;

/** `GET {build}/api/json` with BUILD_DETAILS_TREE. */
export const buildDetailsSchema = buildSchema.extend({
  description: text,
  estimatedDuration: z.number().nullish(),
});
export type WireBuildDetails = z.infer<typeof buildDetailsSchema>;

/** The queue as `GET /queue/api/json` lists it; `_class` tells waiting, blocked, buildable and left items apart. */
export const queueEntrySchema = queueItemSchema.extend({ buildable: z.boolean().nullish() });
export type WireQueueEntry = z.infer<typeof queueEntrySchema>;
export const queueListSchema = z.object({ items: z.array(queueEntrySchema) });

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
