import api, { route } from '@forge/api';
import { z } from 'zod';
import type { IssueFacts } from '../domain/dora/rules';
import type { DoraSettings } from '../domain/dora/settings';
import { JiraUnavailable } from './errors';

/**
 * The Jira issues the DORA measures need, read as the app (so only within the projects the app
 * may see), with only the fields used: a deploy's issues (type, labels: is it a fix?) and the
 * incidents (type, labels, project, created, resolution date, linked issues).
 */

const FACT_FIELDS = 'issuetype,labels,project';
const INCIDENT_FIELDS = ['issuetype', 'labels', 'project', 'created', 'resolutiondate', 'issuelinks'];

const issueSchema = z.object({
  key: z.string().min(1),
  fields: z.object({
    issuetype: z.object({ name: z.string() }).optional(),
    labels: z.array(z.string()).optional(),
    project: z.object({ key: z.string() }).optional(),
    created: z.string().optional(),
    resolutiondate: z.string().nullable().optional(),
    issuelinks: z
      .array(z.object({ inwardIssue: z.object({ key: z.string() }).optional(), outwardIssue: z.object({ key: z.string() }).optional() }))
      .optional(),
  }),
});
type WireIssue = z.infer<typeof issueSchema>;

function factsOf(issue: WireIssue): IssueFacts {
  return {
    key: issue.key,
    projectKey: issue.fields.project?.key ?? issue.key.replace(/-\d+$/, ''),
    issueType: issue.fields.issuetype?.name ?? '',
    labels: issue.fields.labels ?? [],
  };
}

/** At most this many issues are looked up per recompute: past it, fixes are told by branch only. */
export const MAX_ISSUE_LOOKUPS = 100;

/**
 * Type and labels of each issue, one GET per key not in `cache` (the invocation's own map, never
 * module state). An issue the app cannot see, or that is gone, is simply not in the answer.
 */
export async function issueFacts(issueKeys: readonly string[], cache: Map<string, IssueFacts | null>): Promise<Map<string, IssueFacts>> {
  const wanted = [...new Set(issueKeys)].filter((k) => !cache.has(k)).slice(0, MAX_ISSUE_LOOKUPS);
  for (const key of wanted) {
    const response = await api.asApp().requestJira(route`/rest/api/3/issue/${key}?fields=${FACT_FIELDS}`, { headers: { Accept: 'application/json' } });
    if (response.status === 404) {
      cache.set(key, null);
      continue;
    }
    if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when reading issue ${key}.`);
    const parsed = issueSchema.safeParse(await response.json());
    if (!parsed.success) throw new JiraUnavailable(`Jira described issue ${key} in an unexpected shape.`);
    cache.set(key, factsOf(parsed.data));
  }
  const found = new Map<string, IssueFacts>();
  for (const key of issueKeys) {
    const facts = cache.get(key);
    if (facts) found.set(key, facts);
  }
  return found;
}

export interface JiraIncident extends IssueFacts {
  readonly createdAt: number;
  readonly resolvedAt: number | null;
  readonly linkedIssueKeys: readonly string[];
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The JQL for the incidents of `projectKey` (and the settings' incident projects) created since
 * a date: `(project = A OR project in (...)) AND (issuetype in (...) OR labels in (...) OR project in (...)) AND created >= "yyyy-MM-dd HH:mm" ORDER BY created ASC`.
 * The local emulator evaluates exactly this form (dev/emulator/jira/routes/issues.ts).
 */
export function incidentJql(projectKey: string, settings: DoraSettings, sinceMillis: number): string | null {
  const { issueTypes, labels, projectKeys } = settings.incidents;
  const which = [
    issueTypes.length ? `issuetype in (${issueTypes.map(quote).join(', ')})` : null,
    labels.length ? `labels in (${labels.map(quote).join(', ')})` : null,
    projectKeys.length ? `project in (${projectKeys.map(quote).join(', ')})` : null,
  ].filter((c): c is string => c !== null);
  if (which.length === 0) return null;
  const projects = [projectKey, ...projectKeys.filter((k) => k !== projectKey)].map(quote).join(', ');
  const since = new Date(sinceMillis).toISOString().slice(0, 16).replace('T', ' ');
  return `project in (${projects}) AND (${which.join(' OR ')}) AND created >= "${since}" ORDER BY created ASC`;
}

const searchSchema = z.object({ issues: z.array(issueSchema), nextPageToken: z.string().optional(), isLast: z.boolean().optional() });
const MAX_PAGES = 20;

/** Incidents created since `sinceMillis`, oldest first, page by page (at most 2,000). */
export async function searchIncidents(projectKey: string, settings: DoraSettings, sinceMillis: number): Promise<JiraIncident[]> {
  const jql = incidentJql(projectKey, settings, sinceMillis);
  if (jql === null) return [];
  const incidents: JiraIncident[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = JSON.stringify({ jql, fields: INCIDENT_FIELDS, maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) });
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body,
    });
    if (!response.ok) throw new JiraUnavailable(`Jira answered ${response.status} when searching the incidents of ${projectKey}.`);
    const parsed = searchSchema.safeParse(await response.json());
    if (!parsed.success) throw new JiraUnavailable('Jira listed incidents in an unexpected shape.');
    for (const issue of parsed.data.issues) {
      const createdAt = Date.parse(issue.fields.created ?? '');
      if (Number.isNaN(createdAt)) continue;
      const resolved = issue.fields.resolutiondate ? Date.parse(issue.fields.resolutiondate) : Number.NaN;
      const links = issue.fields.issuelinks ?? [];
      incidents.push({
        ...factsOf(issue),
        createdAt,
        resolvedAt: Number.isNaN(resolved) ? null : resolved,
        linkedIssueKeys: links.flatMap((l) => [l.inwardIssue?.key, l.outwardIssue?.key]).filter((k): k is string => k !== undefined),
      });
    }
    nextPageToken = parsed.data.nextPageToken;
    if (!nextPageToken || parsed.data.isLast === true) break;
  }
  return incidents;
}
