import api, { route } from '@forge/api';
import { testPlatform } from '../../support/platform';
import { ADMIN, bodyOf, DEV, inInvocation, NOBODY, OUTSIDER, seedSite } from './fixture';
import { shapeErrors } from './openapi-shape';

const site = testPlatform().site;
beforeAll(() => seedSite(site));

async function myPermissions(accountId: string, query: string): Promise<{ status: number; body: unknown }> {
  return inInvocation(accountId, async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?${new URLSearchParams(query)}`);
    return { status: response.status, body: await bodyOf(response) };
  });
}

function havePermission(expected: boolean, key: string): unknown {
  return expect.objectContaining({ permissions: expect.objectContaining({ [key]: expect.objectContaining({ havePermission: expected }) }) });
}

describe('GET /rest/api/3/mypermissions', () => {
  it('gives a project admin ADMINISTER_PROJECTS, in the documented shape', async () => {
    const { status, body } = await myPermissions(ADMIN, 'projectKey=DEMO&permissions=ADMINISTER_PROJECTS,BROWSE_PROJECTS');
    expect(status).toBe(200);
    expect(shapeErrors('get', '/rest/api/3/mypermissions', 200, body)).toEqual([]);
    expect(body).toEqual({
      permissions: {
        ADMINISTER_PROJECTS: expect.objectContaining({ key: 'ADMINISTER_PROJECTS', id: '23', type: 'PROJECT', name: 'Administer Projects', havePermission: true }),
        BROWSE_PROJECTS: expect.objectContaining({ key: 'BROWSE_PROJECTS', havePermission: true }),
      },
    });
  });

  it('denies ADMINISTER_PROJECTS to a developer of the project who may still browse it', async () => {
    const { body } = await myPermissions(DEV, 'projectKey=DEMO&permissions=ADMINISTER_PROJECTS,BROWSE_PROJECTS');
    expect(body).toEqual(havePermission(false, 'ADMINISTER_PROJECTS'));
    expect(body).toEqual(havePermission(true, 'BROWSE_PROJECTS'));
  });

  it('gives a Jira admin ADMINISTER_PROJECTS on a project they have no role in', async () => {
    const { status, body } = await myPermissions(ADMIN, 'projectKey=OPS&permissions=ADMINISTER_PROJECTS,BROWSE_PROJECTS');
    expect(status).toBe(200);
    expect(body).toEqual(havePermission(true, 'ADMINISTER_PROJECTS'));
    expect(body).toEqual(havePermission(false, 'BROWSE_PROJECTS'));
  });

  it('answers 404 for a project the user cannot see, as for one that does not exist', async () => {
    const hidden = await myPermissions(OUTSIDER, 'projectKey=DEMO&permissions=BROWSE_PROJECTS');
    const missing = await myPermissions(OUTSIDER, 'projectKey=NOPE&permissions=BROWSE_PROJECTS');
    expect(hidden).toEqual({ status: 404, body: { errorMessages: ["No project could be found with key 'DEMO'."], errors: {} } });
    expect(missing).toEqual({ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} } });
  });

  it('answers for the project of an issue, by key or id', async () => {
    const issue = site.issue('DEMO-3');
    const byKey = await myPermissions(DEV, 'issueKey=DEMO-3&permissions=EDIT_ISSUES');
    const byId = await myPermissions(DEV, `issueId=${issue?.id ?? ''}&permissions=EDIT_ISSUES`);
    expect(byKey.body).toEqual(havePermission(true, 'EDIT_ISSUES'));
    expect(byId.body).toEqual(byKey.body);
    expect((await myPermissions(OUTSIDER, 'issueKey=DEMO-3&permissions=EDIT_ISSUES')).status).toBe(404);
  });

  it('answers project permissions site-wide when no project is given, and global ones', async () => {
    const dev = await myPermissions(DEV, 'permissions=BROWSE_PROJECTS,ADMINISTER,USER_PICKER');
    const nobody = await myPermissions(NOBODY, 'permissions=BROWSE_PROJECTS,ADMINISTER');
    const admin = await myPermissions(ADMIN, 'permissions=ADMINISTER');
    expect(dev.body).toEqual(havePermission(true, 'BROWSE_PROJECTS'));
    expect(dev.body).toEqual(havePermission(false, 'ADMINISTER'));
    expect(dev.body).toEqual(havePermission(true, 'USER_PICKER'));
    expect(nobody.body).toEqual(havePermission(false, 'BROWSE_PROJECTS'));
    expect(admin.body).toEqual(havePermission(true, 'ADMINISTER'));
  });

  it('answers 400 without a permissions parameter and for an unknown key', async () => {
    const without = await myPermissions(DEV, 'projectKey=DEMO');
    const unknown = await myPermissions(DEV, 'projectKey=DEMO&permissions=BROWSE_PROJECTS,FLY_PROJECTS');
    expect(without.status).toBe(400);
    expect(without.body).toEqual({ errorMessages: [expect.stringContaining("'permissions'")], errors: {} });
    expect(unknown).toEqual({ status: 400, body: { errorMessages: [], errors: { FLY_PROJECTS: 'Unrecognized permission' } } });
  });

  it('lets the app see everything', async () => {
    const response = await inInvocation(DEV, () => api.asApp().requestJira(route`/rest/api/3/mypermissions?projectKey=OPS&permissions=ADMINISTER_PROJECTS`));
    expect(await bodyOf(response)).toEqual(havePermission(true, 'ADMINISTER_PROJECTS'));
  });
});

async function check(accountId: string, request: unknown, asApp = false): Promise<{ status: number; body: unknown }> {
  return inInvocation(accountId, async () => {
    const requester = asApp ? api.asApp() : api.asUser();
    const response = await requester.requestJira(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return { status: response.status, body: await bodyOf(response) };
  });
}

describe('POST /rest/api/3/permissions/check', () => {
  const demoId = (): number => Number(site.project('DEMO')?.id);
  const opsId = (): number => Number(site.project('OPS')?.id);
  const issueId = (key: string): number => Number(site.issue(key)?.id);

  it("answers the caller's grants per permission, in the documented shape, ignoring unknown ids", async () => {
    const { status, body } = await check(DEV, {
      globalPermissions: ['ADMINISTER', 'USER_PICKER'],
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'], projects: [demoId(), opsId(), 999999], issues: [issueId('DEMO-1'), issueId('OPS-1')] },
      ],
    });
    expect(status).toBe(200);
    expect(shapeErrors('post', '/rest/api/3/permissions/check', 200, body)).toEqual([]);
    expect(body).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [demoId()], issues: [issueId('DEMO-1')] },
        { permission: 'ADMINISTER_PROJECTS', projects: [], issues: [] },
      ],
    });
  });

  it("lets a Jira admin, and the app, check another user's permissions", async () => {
    const request = { accountId: OUTSIDER, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [demoId(), opsId()] }] };
    const expected = { globalPermissions: [], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [opsId()], issues: [] }] };
    expect(await check(ADMIN, request)).toEqual({ status: 200, body: expected });
    expect(await check(DEV, request, true)).toEqual({ status: 200, body: expected });
  });

  it("refuses a non-admin asking about someone else's permissions", async () => {
    const result = await check(DEV, { accountId: OUTSIDER, globalPermissions: ['ADMINISTER'] });
    expect(result).toEqual({ status: 403, body: { errorMessages: ['Only Jira administrators can perform this operation.'], errors: {} } });
  });

  it('answers 400 for an invalid body and for unknown permissions', async () => {
    const invalid = await check(DEV, { projectPermissions: [{ permissions: 'BROWSE_PROJECTS', projects: ['DEMO'] }] });
    const unknown = await check(DEV, { globalPermissions: ['RULE_THE_WORLD'] });
    const empty = await check(DEV, { projectPermissions: [{ permissions: [], projects: [demoId()] }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({
      errorMessages: [expect.any(String)],
      errors: { 'projectPermissions.0.permissions': expect.any(String), 'projectPermissions.0.projects.0': expect.any(String) },
    });
    expect(unknown).toEqual({ status: 400, body: { errorMessages: [], errors: { RULE_THE_WORLD: 'Unrecognized permission' } } });
    expect(empty.status).toBe(400);
  });
});
