import type Resolver from '@forge/resolver';
import { z } from 'zod';

const contextSchema = z.object({
  accountId: z.string().optional(),
  extension: z.looseObject({
    type: z.string(),
    issue: z.object({ key: z.string() }).optional(),
    project: z.object({ key: z.string() }).optional(),
  }),
});

/**
 * What the module is looking at, taken from the Forge context (never from the payload).
 * The Custom UI shows it while the data views load, and tests use it to prove the bridge works end to end.
 */
export function defineAppInfoResolvers(resolver: Resolver): void {
  resolver.define('appInfo', ({ context }) => {
    const parsed = contextSchema.safeParse(context);
    if (!parsed.success) return { module: 'unknown' as const };
    const { extension } = parsed.data;
    return {
      module: extension.type,
      issueKey: extension.issue?.key ?? null,
      projectKey: extension.project?.key ?? null,
    };
  });
}
