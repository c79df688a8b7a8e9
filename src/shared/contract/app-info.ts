import * as z from 'zod/mini';

/**
 * What the module is looking at, from the Forge context of the call (src/resolvers/app-info.ts).
 * Every page shows it while its data views load, and tests use it to prove the bridge works end to end.
 */
export const APP_INFO_RESOLVERS = { get: 'appInfo' } as const;

export const appInfoSchema = z.object({
  module: z.string(),
  issueKey: z.optional(z.nullable(z.string())),
  projectKey: z.optional(z.nullable(z.string())),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
