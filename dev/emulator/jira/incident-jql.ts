import { z } from 'zod';
import type { JiraIssue } from './model';
import type { JiraSite } from './site';

/**
 * The one JQL form the app sends (src/jira/incidents.ts, incidentJql): the incidents of some
 * projects created since a date. Anything else is not evaluated: the caller answers Jira's 400.
 *
 *   project in ("A", "B") AND (issuetype in ("Incident") OR labels in ("incident") OR project in ("OPS"))
 *   AND created >= "2026-06-10 12:00" ORDER BY created ASC
 *
 * The emulated issues have no labels, so a labels clause matches nothing here.
 */
export interface IncidentQuery {
  readonly projects: readonly string[];
  readonly issueTypes: readonly string[];
  readonly labels: readonly string[];
  readonly incidentProjects: readonly string[];
  readonly createdSince: number;
}

const LIST = String.raw`"(?:[^"\\]|\\.)*"(?:, "(?:[^"\\]|\\.)*")*`;
const FORM = new RegExp(String.raw`^project in \((${LIST})\) AND \(((?:issuetype|labels|project) in \(${LIST}\)(?: OR (?:issuetype|labels|project) in \(${LIST}\))*)\) AND created >= "(\d{4}-\d{2}-\d{2} \d{2}:\d{2})" ORDER BY created ASC$`);
const CLAUSE = new RegExp(String.raw`(issuetype|labels|project) in \((${LIST})\)`, 'g');

function values(list: string): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
}

export function parseIncidentJql(jql: string): IncidentQuery | null {
  const form = FORM.exec(jql.trim());
  if (!form) return null;
  const query = { projects: values(form[1] ?? ''), issueTypes: [] as string[], labels: [] as string[], incidentProjects: [] as string[] };
  for (const clause of (form[2] ?? '').matchAll(CLAUSE)) {
    const list = values(clause[2] ?? '');
    if (clause[1] === 'issuetype') query.issueTypes.push(...list);
    else if (clause[1] === 'labels') query.labels.push(...list);
    else query.incidentProjects.push(...list);
  }
  return { ...query, createdSince: Date.parse(`${(form[3] ?? '').replace(' ', 'T')}:00Z`) };
}

export function matchIncidents(site: JiraSite, query: IncidentQuery): JiraIssue[] {
  const types = new Set(query.issueTypes.map((t) => t.toLowerCase()));
  return site
    .issues()
    .filter((issue) => {
      const project = site.projectOf(issue).key;
      if (!query.projects.includes(project) || issue.created < query.createdSince) return false;
      return types.has(issue.issuetype.toLowerCase()) || query.incidentProjects.includes(project);
    })
    .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
}

export const searchBodySchema = z.object({
  jql: z.string(),
  fields: z.array(z.string()).optional(),
  maxResults: z.number().int().min(1).optional(),
  nextPageToken: z.string().optional(),
});
