import { z } from 'zod';
import { jsonResponse } from '../../types';
import { intParam, JiraHttpError, listParam, parseBody, type Route, type RouteContext } from '../http';
import { JqlError } from '../jql';
import { searchIssues } from '../jql-eval';
import { issueJson, selectFields } from '../representations';
import type { JiraIssue } from '../site';
import { ISSUE_NOT_FOUND } from './permissions';

interface SearchRequest {
  readonly jql: string;
  readonly nextPageToken: string | undefined;
  readonly maxResults: number | undefined;
  readonly fields: readonly string[];
}

// Enhanced search returns up to 5000 issues a page when only ids or keys are asked for, fewer otherwise.
const MAX_PAGE_IDS_ONLY = 5000;
const MAX_PAGE_WITH_FIELDS = 100;

const tokenSchema = z.object({ offset: z.number().int().nonnegative() });

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    return tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))).offset;
  } catch {
    throw new JiraHttpError(400, [`The nextPageToken '${token}' is not valid: pass the token of the previous page unchanged.`]);
  }
}

function runQuery({ site, actor }: RouteContext, jql: string): JiraIssue[] {
  try {
    return searchIssues(site, actor, jql);
  } catch (error) {
    if (error instanceof JqlError) throw new JiraHttpError(400, error.messages);
    throw error;
  }
}

function search(context: RouteContext, request: SearchRequest): Response {
  const { site } = context;
  const fields = selectFields(request.fields, ['id']);
  const idsOnly = [...fields].every((f) => f === 'id' || f === 'key');
  const cap = idsOnly ? MAX_PAGE_IDS_ONLY : MAX_PAGE_WITH_FIELDS;
  const pageSize = Math.max(1, Math.min(request.maxResults ?? 50, cap));
  const offset = decodeToken(request.nextPageToken);
  const found = runQuery(context, request.jql);
  const page = found.slice(offset, offset + pageSize);
  const isLast = offset + page.length >= found.length;
  return jsonResponse(200, {
    issues: page.map((issue) => issueJson(site, issue, fields)),
    // The last page carries no token, as the documentation says.
    ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length) }),
    isLast,
  });
}

/** GET /rest/api/3/search/jql */
function searchGet(context: RouteContext): Response {
  const { url } = context;
  return search(context, {
    jql: url.searchParams.get('jql') ?? '',
    nextPageToken: url.searchParams.get('nextPageToken') ?? undefined,
    maxResults: url.searchParams.has('maxResults') ? intParam(url, 'maxResults', 50) : undefined,
    fields: listParam(url, 'fields'),
  });
}

const searchBodySchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().nonnegative().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).max(5).optional(),
  fieldsByKeys: z.boolean().optional(),
  failFast: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).max(50).optional(),
});

/** POST /rest/api/3/search/jql */
function searchPost(context: RouteContext): Response {
  const body = parseBody(searchBodySchema, context.body ?? '{}');
  return search(context, {
    jql: body.jql ?? '',
    nextPageToken: body.nextPageToken,
    maxResults: body.maxResults,
    fields: body.fields ?? [],
  });
}

/** GET /rest/api/3/issue/{issueIdOrKey} */
function getIssue({ site, actor, url, params }: RouteContext): Response {
  const issue = site.issue(params[0] ?? '');
  // Jira does not tell an issue the caller may not see from one that does not exist.
  if (!issue || !site.canBrowse(actor, site.projectOf(issue))) throw new JiraHttpError(404, [ISSUE_NOT_FOUND]);
  return jsonResponse(200, issueJson(site, issue, selectFields(listParam(url, 'fields'), ['*all'])));
}

export const issueRoutes: readonly Route[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchGet },
  { method: 'POST', pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchPost },
  { method: 'GET', pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/, handler: getIssue },
];
