import * as z from 'zod/mini';

/**
 * What the `appInfo` resolver answers (src/resolvers/app-info.ts). Checked here because the
 * bridge hands the UI plain JSON: a resolver change must show up as a clear error, not a blank page.
 */
export const appInfoSchema = z.object({
  module: z.string(),
  issueKey: z.optional(z.nullable(z.string())),
  projectKey: z.optional(z.nullable(z.string())),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

export const parseAppInfo = (value: unknown) => appInfoSchema.safeParse(value);
