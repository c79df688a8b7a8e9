import api, { route } from '@forge/api';
import { z } from 'zod';
import { testPlatform } from '../../support/platform';
import { ADMIN, bodyOf, DEV, inInvocation, OUTSIDER, seedSite } from './fixture';
import { shapeErrors } from './openapi-shape';

const site = testPlatform().site;
beforeAll(() => seedSite(site));

const resultSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string().optional(), fields: z.record(z.string(), z.unknown()).optional() })),
  nextPageToken: z.string().optional(),
  isLast: z.boolean(),
});

async function searchGet(accountId: string, params: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return inInvocation(accountId, async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/search/jql?${new URLSearchParams(params)}`);
    return { status: response.status, body: await bodyOf(response) };
  });
}

async function searchPost(accountId: string, request: unknown): Promise<{ status: number; body: unknown }> {
  return inInvocation(accountId, async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return { status: response.status, body: await bodyOf(response) };
  });
}

async function keys(accountId: string, jql: string): Promise<string[]> {
  const result = await searchGet(accountId, { jql, fields: 'key', maxResults: '100' });
  return resultSchema.parse(result.body).issues.map((i) => i.key ?? '?');
}

describe('GET and POST /rest/api/3/search/jql', () => {
  it('answers ids only by default, in the documented shape', async () => {
    const { status, body } = await searchGet(DEV, { jql: 'key = DEMO-2' });
    expect(status).toBe(200);
    expect(shapeErrors('get', '/rest/api/3/search/jql', 200, body)).toEqual([]);
    expect(body).toEqual({ issues: [{ id: site.issue('DEMO-2')?.id }], isLast: true });
  });

  it('answers the requested fields in the documented shape', async () => {
    const { body } = await searchPost(DEV, { jql: 'key = DEMO-2', fields: ['summary', 'status', 'issuetype', 'project', 'created', 'updated'] });
    expect(shapeErrors('post', '/rest/api/3/search/jql', 200, body)).toEqual([]);
    const [issue] = resultSchema.parse(body).issues;
    expect(issue).toMatchObject({ key: 'DEMO-2', fields: { summary: expect.any(String), status: { name: 'To Do' }, project: { key: 'DEMO' }, created: '2026-01-01T00:01:00.000+0000' } });
  });

  it('pages with nextPageToken until isLast', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const body = resultSchema.parse((await searchPost(DEV, { jql: 'project = DEMO ORDER BY key ASC', fields: ['key'], maxResults: 7, nextPageToken: token })).body);
      seen.push(...body.issues.map((i) => i.key ?? '?'));
      token = body.nextPageToken;
      pages++;
      expect(body.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `DEMO-${i + 1}`));
  });

  it('supports key and issuekey lists, project, status, AND/OR/NOT and ORDER BY', async () => {
    expect(await keys(DEV, 'key in (DEMO-3, demo-1, DEMO-2) ORDER BY key')).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3']);
    expect(await keys(ADMIN, 'issuekey = DEMO-4 OR project = "Demo project" AND key in (DEMO-5) ORDER BY created DESC')).toEqual(['DEMO-5', 'DEMO-4']);
    expect(await keys(OUTSIDER, 'project = OPS AND status = "In Progress" AND NOT key = OPS-2 ORDER BY key DESC')).toEqual(['OPS-3', 'OPS-1']);
    expect(await keys(DEV, 'project in (DEMO) AND key not in (DEMO-1) ORDER BY updated')).toHaveLength(29);
  });

  it('filters out issues the user cannot browse', async () => {
    expect(await keys(ADMIN, 'status = "In Progress"')).toEqual([]);
    expect(await keys(OUTSIDER, 'status != Done ORDER BY key')).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
  });

  it('treats keys and projects the user cannot see as non-existent, as Jira does', async () => {
    const hiddenKey = await searchGet(OUTSIDER, { jql: 'key in (DEMO-1, OPS-1, OPS-99)' });
    const hiddenProject = await searchGet(OUTSIDER, { jql: 'project = DEMO' });
    expect(hiddenKey).toEqual({
      status: 400,
      body: {
        errorMessages: ["An issue with key 'DEMO-1' does not exist for field 'key'.", "An issue with key 'OPS-99' does not exist for field 'key'."],
        errors: {},
      },
    });
    expect(hiddenProject.body).toEqual({ errorMessages: ["The value 'DEMO' does not exist for the field 'project'."], errors: {} });
  });

  it('answers 400 with a clear message for invalid, unbounded and unsupported JQL', async () => {
    const cases: Record<string, string> = {
      'ORDER BY key': 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
      'key = UTF-8-x': "The issue key 'UTF-8-x' for field 'key' is invalid.",
      'project = DEMO AND': "Error in the JQL Query: Expecting a field name but got 'end of query'. (line 1, character 19)",
      'project = DEMO foo': "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 16)",
      'colour = red': "Field 'colour' does not exist or you do not have permission to view it.",
      'assignee = currentUser()': "The field 'assignee' is not supported by the emulator.",
      'summary ~ deploy': "The field 'summary' is not supported by the emulator.",
      'project ~ DEMO': "The operator '~' is not supported by the 'project' field in the emulator.",
      'key in (DEMO-1) ORDER BY rank': "Field 'rank' does not exist or you do not have permission to view it.",
    };
    for (const [jql, message] of Object.entries(cases)) {
      const { status, body } = await searchGet(DEV, { jql });
      expect({ jql, status, body }).toEqual({ jql, status: 400, body: { errorMessages: [expect.stringContaining(message)], errors: {} } });
    }
  });

  it('answers 400 for a malformed POST body and a forged page token', async () => {
    const badBody = await searchPost(DEV, { jql: 'project = DEMO', maxResults: 'ten' });
    const badToken = await searchGet(DEV, { jql: 'project = DEMO', nextPageToken: 'not-a-token' });
    expect(badBody).toEqual({ status: 400, body: { errorMessages: [expect.any(String)], errors: { maxResults: expect.any(String) } } });
    expect(badToken.status).toBe(400);
  });
});
