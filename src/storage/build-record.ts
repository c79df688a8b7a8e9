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
}) satisfies z.ZodType<Build>;

/** Forge values may not contain `null`: stored JSON spells it as absence, and this puts it back. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

/** Restores the `null`s that `withoutNulls` dropped, for the fields a schema declares nullable. */
export function withNulls<T>(schema: z.ZodType<T>, stored: unknown): z.ZodSafeParseResult<T> {
  return schema.safeParse(fillNulls(schema, stored));
}

function fillNulls(schema: z.ZodType, value: unknown): unknown {
  const def = (schema as { def?: { type?: string } }).def;
  if (def?.type === 'nullable' && value === undefined) return null;
  if (def?.type === 'nullable') return fillNulls((schema as z.ZodNullable<z.ZodType>).unwrap(), value);
  if (def?.type === 'optional') return value === undefined ? undefined : fillNulls((schema as z.ZodOptional<z.ZodType>).unwrap(), value);
  if (def?.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = (schema as z.ZodObject).shape;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, child] of Object.entries(shape)) out[key] = fillNulls(child as z.ZodType, out[key]);
    return out;
  }
  if (def?.type === 'array' && Array.isArray(value)) {
    const element = (schema as z.ZodArray<z.ZodType>).element;
    return value.map((v) => fillNulls(element, v));
  }
  return value;
}
