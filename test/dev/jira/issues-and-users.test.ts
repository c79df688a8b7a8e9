import api, { route } from '@forge/api';
import { z } from 'zod';
import { testPlatform } from '../../support/platform';
import { ADMIN, bodyOf, DEV, inInvocation, OUTSIDER, seedSite } from './fixture';
import { shapeErrors } from './openapi-shape';

const platform = testPlatform();
const site = platform.site;
beforeAll(() => seedSite(site));

describe('GET /rest/api/3/issue/{issueIdOrKey}', () => {
  it('answers every field by default, in the documented shape', async () => {
    const response = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/issue/DEMO-7`));
    const body = await bodyOf(response);
    expect(response.status).toBe(200);
    expect(shapeErrors('get', '/rest/api/3/issue/{issueIdOrKey}', 200, body)).toEqual([]);
    expect(body).toMatchObject({
      id: site.issue('DEMO-7')?.id,
      key: 'DEMO-7',
      self: `https://jira.example.test/rest/api/3/issue/${site.issue('DEMO-7')?.id ?? ''}`,
      fields: {
        summary: expect.any(String),
        status: { name: 'To Do', statusCategory: { key: 'new' } },
        issuetype: { name: 'Task', subtask: false },
        project: { key: 'DEMO' },
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
        updated: expect.any(String),
      },
    });
  });

  it('answers only the fields asked for, by id or by key in any case', async () => {
    const id = site.issue('DEMO-7')?.id ?? '';
    const byId = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/issue/${id}?fields=summary,status`));
    const byLowerKey = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/issue/demo-7?fields=summary,status`));
    const body = await bodyOf(byId);
    expect(body).toMatchObject({ key: 'DEMO-7' });
    expect(Object.keys(z.object({ fields: z.record(z.string(), z.unknown()) }).parse(body).fields)).toEqual(['summary', 'status']);
    expect(await bodyOf(byLowerKey)).toEqual(body);
  });

  it('answers 404 for an issue of a project the user cannot browse, as for a missing one', async () => {
    const hidden = await inInvocation(OUTSIDER, () => api.asUser().requestJira(route`/rest/api/3/issue/DEMO-1`));
    const missing = await inInvocation(OUTSIDER, () => api.asUser().requestJira(route`/rest/api/3/issue/OPS-404`));
    const expected = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };
    expect([hidden.status, await bodyOf(hidden)]).toEqual([404, expected]);
    expect([missing.status, await bodyOf(missing)]).toEqual([404, expected]);
  });
});

describe('users', () => {
  it('answers myself with the email address, in the documented shape', async () => {
    const response = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/myself`));
    const body = await bodyOf(response);
    expect(shapeErrors('get', '/rest/api/3/myself', 200, body)).toEqual([]);
    expect(body).toMatchObject({ accountId: DEV, displayName: 'Dev Eloper', emailAddress: 'dev@example.com', accountType: 'atlassian', active: true });
  });

  it("answers the app's own account as myself for asApp()", async () => {
    const body = await bodyOf(await inInvocation(DEV, () => api.asApp().requestJira(route`/rest/api/3/myself`)));
    expect(body).toMatchObject({ accountId: site.appUser.accountId, accountType: 'app' });
  });

  it("answers another user without their email address, and 404 for an unknown one", async () => {
    const known = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/user?accountId=${ADMIN}`));
    const unknown = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/user?accountId=${'acc-ghost'}`));
    const body = await bodyOf(known);
    expect(shapeErrors('get', '/rest/api/3/user', 200, body)).toEqual([]);
    expect(body).toMatchObject({ accountId: ADMIN, displayName: 'Ada Admin' });
    expect(body).not.toHaveProperty('emailAddress');
    expect(unknown.status).toBe(404);
  });
});

describe('acting identity', () => {
  it('refuses asUser(accountId) without scopes that allow impersonation (impersonation.test.ts has the rest)', async () => {
    const response = await inInvocation(DEV, () => api.asUser(OUTSIDER).requestJira(route`/rest/api/3/myself`));
    expect(response.status).toBe(401);
  });

  it('answers 401 to asUser() when the invocation has no user, as in a scheduled trigger', async () => {
    const inTrigger = await inInvocation(undefined, () => api.asUser().requestJira(route`/rest/api/3/myself`));
    const outside = await api.asUser().requestJira(route`/rest/api/3/myself`);
    for (const response of [inTrigger, outside]) {
      expect(response.status).toBe(401);
      expect(await bodyOf(response)).toEqual({ code: 401, message: expect.stringContaining('asUser() needs a user') });
    }
  });

  it('answers 401 for an unknown or deactivated user', async () => {
    site.addUser({ accountId: 'acc-gone', displayName: 'Gone', active: false });
    const unknown = await inInvocation('acc-ghost', () => api.asUser().requestJira(route`/rest/api/3/myself`));
    const gone = await inInvocation('acc-gone', () => api.asUser().requestJira(route`/rest/api/3/myself`));
    expect([unknown.status, gone.status]).toEqual([401, 401]);
  });

  it('logs every request with who made it', async () => {
    const before = platform.jira.requests.length;
    await inInvocation(DEV, async () => {
      await api.asUser().requestJira(route`/rest/api/3/myself`);
      await api.asApp().requestJira(route`/rest/api/3/project/DEMO`);
    });
    expect(platform.jira.requests.slice(before)).toEqual([
      { method: 'GET', path: '/rest/api/3/myself', as: `user:${DEV}` },
      { method: 'GET', path: '/rest/api/3/project/DEMO', as: 'app' },
    ]);
  });
});

describe('routes the emulator does not know', () => {
  it('answers a loud 404 naming the method and path, and warns on the console', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const response = await inInvocation(ADMIN, () => api.asApp().requestJira(route`/rest/api/3/issue/DEMO-1/transitions`, { method: 'POST', body: '{}' }));
      const expected = "The local Forge emulator does not emulate Jira's POST /rest/api/3/issue/DEMO-1/transitions";
      expect(response.status).toBe(404);
      expect(await bodyOf(response)).toEqual({ errorMessages: [expect.stringContaining(expected)], errors: {} });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(expected));
    } finally {
      warn.mockRestore();
    }
  });
});
