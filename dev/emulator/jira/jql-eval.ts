import { JqlError, parseJql, type JqlClause, type JqlExpression, type JqlQuery } from './jql';
import { STANDARD_ISSUE_TYPES, STANDARD_STATUSES } from './representations';
import type { Actor, JiraIssue, JiraSite } from './site';

const ISSUE_KEY = /^\p{L}[\p{L}\p{Nd}_]*-\p{Nd}+$/u;

/** A clause whose values were checked against the site: the sets it matches against. */
interface ResolvedClause {
  readonly clause: JqlClause;
  readonly matches: (issue: JiraIssue) => boolean;
}

/**
 * Checks every value against what the actor can see, collecting all problems as Jira does
 * (one error message each): projects and issues the actor cannot browse "do not exist".
 */
function resolveClause(site: JiraSite, actor: Actor, clause: JqlClause, errors: string[]): ResolvedClause {
  const { field, spelled, values } = clause;
  const sets = new Set<string>();
  for (const value of values) {
    if (field === 'project') {
      const project = site.project(value) ?? site.projects().find((p) => p.name.toLowerCase() === value.toLowerCase());
      if (project && site.canBrowse(actor, project)) sets.add(project.id);
      else errors.push(`The value '${value}' does not exist for the field '${spelled}'.`);
    } else if (field === 'key') {
      if (!/^\d+$/.test(value) && !ISSUE_KEY.test(value)) {
        errors.push(`The issue key '${value}' for field '${spelled}' is invalid.`);
        continue;
      }
      const issue = site.issue(value);
      if (issue && site.canBrowse(actor, site.projectOf(issue))) sets.add(issue.id);
      else errors.push(`An issue with key '${value}' does not exist for field '${spelled}'.`);
    } else {
      const known = field === 'status' ? [...STANDARD_STATUSES, ...site.issues().map((i) => i.status)] : [...STANDARD_ISSUE_TYPES, ...site.issues().map((i) => i.issuetype)];
      if (known.some((k) => k.toLowerCase() === value.toLowerCase())) sets.add(value.toLowerCase());
      else errors.push(`The value '${value}' does not exist for the field '${spelled}'.`);
    }
  }
  const valueOf = (issue: JiraIssue): string =>
    field === 'project' ? issue.projectId : field === 'key' ? issue.id : field === 'status' ? issue.status.toLowerCase() : issue.issuetype.toLowerCase();
  switch (clause.operator) {
    case '=':
    case 'in':
      return { clause, matches: (issue) => sets.has(valueOf(issue)) };
    case '!=':
    case 'not in':
      return { clause, matches: (issue) => !sets.has(valueOf(issue)) };
    case 'is empty':
      return { clause, matches: () => false };
    case 'is not empty':
      return { clause, matches: () => true };
  }
}

function compile(site: JiraSite, actor: Actor, expression: JqlExpression, errors: string[]): (issue: JiraIssue) => boolean {
  switch (expression.type) {
    case 'clause':
      return resolveClause(site, actor, expression, errors).matches;
    case 'not': {
      const operand = compile(site, actor, expression.operand, errors);
      return (issue) => !operand(issue);
    }
    case 'and': {
      const left = compile(site, actor, expression.left, errors);
      const right = compile(site, actor, expression.right, errors);
      return (issue) => left(issue) && right(issue);
    }
    case 'or': {
      const left = compile(site, actor, expression.left, errors);
      const right = compile(site, actor, expression.right, errors);
      return (issue) => left(issue) || right(issue);
    }
  }
}

function compareKeys(a: JiraIssue, b: JiraIssue): number {
  const [projectA = '', numberA = '0'] = a.key.split('-');
  const [projectB = '', numberB = '0'] = b.key.split('-');
  return projectA.localeCompare(projectB) || Number(numberA) - Number(numberB);
}

function sorter(orderBy: JqlQuery['orderBy']): (a: JiraIssue, b: JiraIssue) => number {
  // Jira documents no order for a query without ORDER BY; newest first is what its issue navigator shows.
  const sorts = orderBy.length ? orderBy : [{ field: 'created', direction: 'desc' } as const];
  return (a, b) => {
    for (const { field, direction } of sorts) {
      const order = field === 'key' ? compareKeys(a, b) : a[field] - b[field];
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return Number(b.id) - Number(a.id);
  };
}

/**
 * Runs a JQL query as the actor: only issues of projects the actor may browse are found.
 * Throws JqlError (a 400 for the caller) for an unbounded, invalid or unsupported query.
 */
export function searchIssues(site: JiraSite, actor: Actor, jql: string): JiraIssue[] {
  const query = parseJql(jql);
  if (!query.where) {
    throw new JqlError(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  }
  const errors: string[] = [];
  const matches = compile(site, actor, query.where, errors);
  if (errors.length) throw new JqlError(errors);
  return site
    .issues()
    .filter((issue) => site.canBrowse(actor, site.projectOf(issue)) && matches(issue))
    .sort(sorter(query.orderBy));
}
