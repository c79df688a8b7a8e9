import { z } from 'zod';

/**
 * Per project slug: the highest pipeline number seen, and the pipelines that were still open
 * (running, on hold) then. Pipeline lists come newest first, so paging stops at `last`.
 */
export const circleCiCursorSchema = z.object({
  provider: z.literal('circleci'),
  version: z.literal(1),
  projects: z.record(
    z.string(),
    z.object({
      last: z.number().int().nonnegative(),
      open: z.array(z.object({ id: z.string(), number: z.number().int() })).max(50).optional(),
    }),
  ),
});
export type CircleCiCursor = z.infer<typeof circleCiCursorSchema>;
export type CircleCiCursorEntry = CircleCiCursor['projects'][string];
