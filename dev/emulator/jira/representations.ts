import type { JiraIssue, JiraProject, JiraSite, JiraUser } from './site';

/** The JSON shapes of Jira's REST API v3 (components/schemas in jira-platform.v3.json), built from site data. */

/** Jira writes dates as `2021-01-17T12:34:00.000+0000`. */
export function jiraDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function avatarUrls(base: string): Record<string, string> {
  return {
    '16x16': `${base}&size=xsmall`,
    '24x24': `${base}&size=small`,
    '32x32': `${base}&size=medium`,
    '48x48': `${base}&size=large`,
  };
}

/** `User`. The email address is shown only to its owner: Jira hides it from others by default (profile visibility). */
export function userJson(site: JiraSite, user: JiraUser, options: { withEmail: boolean }): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(options.withEmail && user.emailAddress !== undefined ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(`${site.baseUrl}/secure/useravatar?accountId=${encodeURIComponent(user.accountId)}`),
    displayName: user.displayName,
    active: user.active,
    timeZone: 'UTC',
    locale: 'en_US',
  };
}

const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

const KNOWN_STATUSES: Record<string, { id: string; category: keyof typeof STATUS_CATEGORIES }> = {
  'to do': { id: '10000', category: 'new' },
  backlog: { id: '10001', category: 'new' },
  'in progress': { id: '3', category: 'indeterminate' },
  'in review': { id: '10002', category: 'indeterminate' },
  done: { id: '10003', category: 'done' },
};

export const STANDARD_STATUSES = ['To Do', 'Backlog', 'In Progress', 'In Review', 'Done'];

export function statusJson(site: JiraSite, name: string): Record<string, unknown> {
  const known = KNOWN_STATUSES[name.toLowerCase()];
  const id = known?.id ?? String(20000 + [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0));
  const category = STATUS_CATEGORIES[known?.category ?? 'indeterminate'];
  return {
    self: `${site.baseUrl}/rest/api/3/status/${id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name,
    id,
    statusCategory: { self: `${site.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

const ISSUE_TYPES: Record<string, { id: string; hierarchyLevel: number; subtask: boolean }> = {
  task: { id: '10001', hierarchyLevel: 0, subtask: false },
  bug: { id: '10002', hierarchyLevel: 0, subtask: false },
  story: { id: '10003', hierarchyLevel: 0, subtask: false },
  epic: { id: '10004', hierarchyLevel: 1, subtask: false },
  subtask: { id: '10005', hierarchyLevel: -1, subtask: true },
};

export const STANDARD_ISSUE_TYPES = ['Task', 'Bug', 'Story', 'Epic', 'Subtask'];

export function issueTypeJson(site: JiraSite, name: string): Record<string, unknown> {
  const known = ISSUE_TYPES[name.toLowerCase()] ?? { id: '10009', hierarchyLevel: 0, subtask: false };
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${known.id}`,
    id: known.id,
    description: '',
    iconUrl: `${site.baseUrl}/secure/viewavatar?size=medium&avatarType=issuetype&avatarId=${known.id}`,
    name,
    subtask: known.subtask,
    hierarchyLevel: known.hierarchyLevel,
  };
}

/** The compact `Project` that project search and issue fields give. */
export function projectJson(site: JiraSite, project: JiraProject, expand: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const lead = site.user(project.leadAccountId);
  return {
    self: `${site.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    ...(expand.has('description') ? { description: project.description } : {}),
    ...(expand.has('lead') && lead ? { lead: userJson(site, lead, { withEmail: false }) } : {}),
    ...(expand.has('issueTypes') ? { issueTypes: STANDARD_ISSUE_TYPES.map((t) => issueTypeJson(site, t)) } : {}),
    name: project.name,
    avatarUrls: avatarUrls(`${site.baseUrl}/secure/projectavatar?pid=${project.id}`),
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

/** The full `Project` that `GET /rest/api/3/project/{projectIdOrKey}` gives. */
export function projectDetailJson(site: JiraSite, project: JiraProject): Record<string, unknown> {
  const lead = site.user(project.leadAccountId);
  return {
    ...projectJson(site, project, new Set(['description', 'issueTypes'])),
    ...(lead ? { lead: userJson(site, lead, { withEmail: false }) } : {}),
    components: [],
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  };
}

/** Every field the emulated issues carry, all of them navigable. */
export const ISSUE_FIELDS = ['summary', 'status', 'issuetype', 'project', 'created', 'updated'] as const;

function fieldValue(site: JiraSite, issue: JiraIssue, field: (typeof ISSUE_FIELDS)[number]): unknown {
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'status':
      return statusJson(site, issue.status);
    case 'issuetype':
      return issueTypeJson(site, issue.issuetype);
    case 'project':
      return projectJson(site, site.projectOf(issue));
    case 'created':
      return jiraDate(issue.created);
    case 'updated':
      return jiraDate(issue.updated);
  }
}

/**
 * Resolves Jira's `fields` parameter (`*all`, `*navigable`, names, `-name` to exclude) to the fields
 * to return. Unknown names are ignored, as Jira ignores them.
 */
export function selectFields(requested: readonly string[], defaults: readonly string[]): Set<string> {
  const items = (requested.length ? requested : defaults).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  const selected = new Set<string>();
  for (const item of items) {
    if (item === '*all' || item === '*navigable') ISSUE_FIELDS.forEach((f) => selected.add(f));
    else if (!item.startsWith('-')) selected.add(item);
  }
  // An exclusion alone means "the default fields except this one".
  if (items.every((i) => i.startsWith('-'))) ISSUE_FIELDS.forEach((f) => selected.add(f));
  for (const item of items) if (item.startsWith('-')) selected.delete(item.slice(1));
  return selected;
}

/** `IssueBean`: `{ id }` alone when only the id was asked for, as enhanced search answers by default. */
export function issueJson(site: JiraSite, issue: JiraIssue, fields: ReadonlySet<string>): Record<string, unknown> {
  const wanted = ISSUE_FIELDS.filter((f) => fields.has(f));
  if (wanted.length === 0 && !fields.has('key')) return { id: issue.id };
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(wanted.map((f) => [f, fieldValue(site, issue, f)])),
  };
}
