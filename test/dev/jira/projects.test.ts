import api, { route } from '@forge/api';
import { z } from 'zod';
import { testPlatform } from '../../support/platform';
import { ADMIN, bodyOf, DEV, inInvocation, NOBODY, OUTSIDER, seedSite } from './fixture';
import { shapeErrors } from './openapi-shape';

const site = testPlatform().site;
beforeAll(() => {
  seedSite(site);
  // Enough projects for several pages: ALPHA01..ALPHA12, browsable by DEV.
  for (let i = 1; i <= 12; i++) {
    site.addProject({ key: `ALPHA${String(i).padStart(2, '0')}`, name: `Alpha team ${i}`, lead: ADMIN, roles: { [DEV]: 'viewer' } });
  }
});

const pageSchema = z.object({
  self: z.string(),
  nextPage: z.string().optional(),
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  isLast: z.boolean(),
  values: z.array(z.object({ key: z.string(), id: z.string(), name: z.string() })),
});

async function searchAs(accountId: string, query: string): Promise<{ status: number; body: unknown }> {
  return inInvocation(accountId, async () => {
    const response = await api.asUser().requestJira(route`/rest/api/3/project/search?${new URLSearchParams(query)}`);
    return { status: response.status, body: await bodyOf(response) };
  });
}

describe('GET /rest/api/3/project/search', () => {
  it('pages through the projects the user can see, in the documented shape', async () => {
    const first = await searchAs(DEV, 'maxResults=5');
    expect(first.status).toBe(200);
    expect(shapeErrors('get', '/rest/api/3/project/search', 200, first.body)).toEqual([]);
    const page1 = pageSchema.parse(first.body);
    expect(page1).toMatchObject({ startAt: 0, maxResults: 5, total: 13, isLast: false });
    expect(page1.values.map((p) => p.key)).toEqual(['ALPHA01', 'ALPHA02', 'ALPHA03', 'ALPHA04', 'ALPHA05']);
    expect(page1.nextPage).toBe('https://jira.example.test/rest/api/3/project/search?maxResults=5&startAt=5');

    const last = pageSchema.parse((await searchAs(DEV, 'startAt=10&maxResults=5')).body);
    expect(last).toMatchObject({ startAt: 10, total: 13, isLast: true });
    expect(last.nextPage).toBeUndefined();
    expect(last.values.map((p) => p.key)).toEqual(['ALPHA11', 'ALPHA12', 'DEMO']);
  });

  it('lists only browsable projects: a project of another team stays hidden', async () => {
    const outsider = pageSchema.parse((await searchAs(OUTSIDER, '')).body);
    const nobody = pageSchema.parse((await searchAs(NOBODY, '')).body);
    expect(outsider.values.map((p) => p.key)).toEqual(['OPS']);
    expect(nobody).toMatchObject({ total: 0, isLast: true, values: [] });
  });

  it('lists every project to a Jira admin and to the app', async () => {
    const admin = pageSchema.parse((await searchAs(ADMIN, 'maxResults=100')).body);
    const app = pageSchema.parse(await bodyOf(await inInvocation(DEV, () => api.asApp().requestJira(route`/rest/api/3/project/search?maxResults=100`))));
    expect(admin.total).toBe(14);
    expect(app.total).toBe(14);
  });

  it('filters by keys and by query on key or name', async () => {
    const byKeys = pageSchema.parse((await searchAs(DEV, 'keys=DEMO&keys=alpha03&keys=OPS')).body);
    const byQuery = pageSchema.parse((await searchAs(DEV, 'query=team 1')).body);
    expect(byKeys.values.map((p) => p.key)).toEqual(['ALPHA03', 'DEMO']);
    expect(byQuery.values.map((p) => p.key)).toEqual(['ALPHA01', 'ALPHA10', 'ALPHA11', 'ALPHA12']);
  });

  it('orders by name descending and caps maxResults at 100', async () => {
    const page = pageSchema.parse((await searchAs(ADMIN, 'orderBy=-name&maxResults=500')).body);
    expect(page.maxResults).toBe(100);
    expect(page.values[0]?.name).toBe('Operations');
  });

  it('answers 400 for a non-numeric startAt', async () => {
    const result = await searchAs(DEV, 'startAt=first');
    expect(result).toEqual({ status: 400, body: { errorMessages: [expect.stringContaining("'startAt'")], errors: {} } });
  });
});

describe('GET /rest/api/3/project/{projectIdOrKey}', () => {
  it('answers a visible project by key or id, in the documented shape', async () => {
    const byKey = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/project/DEMO`));
    const body = await bodyOf(byKey);
    expect(byKey.status).toBe(200);
    expect(shapeErrors('get', '/rest/api/3/project/{projectIdOrKey}', 200, body)).toEqual([]);
    expect(body).toMatchObject({ key: 'DEMO', name: 'Demo project', projectTypeKey: 'software', lead: { accountId: ADMIN } });
    const id = site.project('DEMO')?.id ?? '';
    const byId = await inInvocation(DEV, () => api.asUser().requestJira(route`/rest/api/3/project/${id}`));
    expect(await bodyOf(byId)).toEqual(body);
  });

  it('answers 404 for a project the user cannot see', async () => {
    const response = await inInvocation(OUTSIDER, () => api.asUser().requestJira(route`/rest/api/3/project/DEMO`));
    expect(response.status).toBe(404);
    expect(await bodyOf(response)).toEqual({ errorMessages: ["No project could be found with key 'DEMO'."], errors: {} });
  });
});

describe('the shape check itself', () => {
  it('flags wrong types and undeclared properties', () => {
    const errors = shapeErrors('get', '/rest/api/3/project/{projectIdOrKey}', 200, { key: 7, madeUp: true });
    expect(errors).toEqual(['body.key: expected a string, got 7', 'body.madeUp: not declared by the schema']);
  });
});
