import * as z from 'zod/mini';

/**
 * What the admin and project settings pages need to know about the app's own access, shared by
 * src/resolvers/app-access.ts and the pages: whether the caller may approve egress (Forge lets only
 * site administrators), and which configured projects `asApp()` cannot see, so the pages name them.
 */
export const APP_ACCESS_RESOLVERS = { get: 'appAccess.get' } as const;

export const appAccessSchema = z.object({
  /** A Jira site administrator, who may approve the addresses the app connects to. */
  siteAdmin: z.boolean(),
  /** False while the app sees no project at all: its grants arrive a few minutes after install. */
  projectsReady: z.boolean(),
  /** This page's project (settings page), or the configured projects (admin page), the app cannot see. */
  unseenProjects: z.array(z.string()),
  /** What to do about them, shown as is. */
  hint: z.string(),
});
export type AppAccess = z.infer<typeof appAccessSchema>;
