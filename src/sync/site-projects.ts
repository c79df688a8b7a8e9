import api, { route } from '@forge/api';
import { z } from 'zod';
import { JiraUnavailable } from '../jira/errors';

const pageSchema = z.object({
  isLast: z.boolean().optional(),
  total: z.number().optional(),
  values: z.array(z.object({ key: z.string() })),
});

/** A site with more projects than this is far beyond what one sync should page through. */
const MAX_PAGES = 50;

/**
 * Every project key on the site, as the app sees them (asApp sees all projects). Used to keep
 * only real issue keys (`UTF-8` is not an issue of a project UTF) and to find configured projects.
 */
export async function siteProjectKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (let page = 0, startAt = 0; page < MAX_PAGES; page += 1) {
    const response = await api
      .asApp()
      .requestJira(route`/rest/api/3/project/search?startAt=${startAt}&maxResults=100&orderBy=key`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when listing the site's projects.`);
    const parsed = pageSchema.safeParse(await response.json());
    if (!parsed.success) throw new JiraUnavailable("Jira listed the site's projects in an unexpected shape.");
    keys.push(...parsed.data.values.map((p) => p.key));
    startAt += parsed.data.values.length;
    const last = parsed.data.isLast ?? (parsed.data.total === undefined || startAt >= parsed.data.total);
    if (last || parsed.data.values.length === 0) break;
  }
  return keys;
}
