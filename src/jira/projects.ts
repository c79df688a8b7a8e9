import api, { route } from '@forge/api';
import { z } from 'zod';
import { JiraUnavailable } from './errors';

/** One page of GET /rest/api/3/project/search (Jira's PageBeanProject): only what paging needs. */
const projectPageSchema = z.object({
  startAt: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  isLast: z.boolean().optional(),
  values: z.array(z.object({ key: z.string().min(1) })),
});

/** Jira's largest page of projects: it quietly uses 100 for anything larger. */
const PAGE_SIZE = 100;
/** 5,000 projects: past that a site is far beyond what one sync or confirmation should page through. */
const MAX_PAGES = 50;

/**
 * Every project key on the site that the app can see, ordered by key. `asApp()` sees only the
 * projects whose permission schemes grant the app's user access. Used to keep only real issue keys
 * (`UTF-8` is not an issue of a project UTF) and to find the projects that use a connection.
 */
export async function siteProjectKeys(): Promise<string[]> {
  const keys: string[] = [];
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ startAt: String(startAt), maxResults: String(PAGE_SIZE), orderBy: 'key' });
    const response = await api.asApp().requestJira(route`/rest/api/3/project/search?${params}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when listing the site's projects.`);
    const parsed = projectPageSchema.safeParse(await response.json());
    if (!parsed.success) throw new JiraUnavailable("Jira listed the site's projects in an unexpected shape.");
    const { values, isLast, total } = parsed.data;
    keys.push(...values.map((p) => p.key));
    // The next page starts after what this page held, which may be fewer than asked for.
    startAt = (parsed.data.startAt ?? startAt) + values.length;
    const last = isLast ?? (total === undefined || startAt >= total);
    if (last || values.length === 0) break;
  }
  return keys;
}
