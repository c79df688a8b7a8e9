import { kvs } from '@forge/kvs';
import { CONNECTION_RESOLVERS as KEYS, testResultSchema, usageSchema, removedSchema, validatedSchema } from '../../src/shared/contract/connections';
import { ConnectionStore } from '../../src/storage/connection-store';
import { keys } from '../../src/storage/keys';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { defaultProjectConfig } from '../../src/domain/project-config';
import type { RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aBuildkiteDraft, aCircleCiDraft, aJenkinsDraft } from '../connections/support/builders';
import { listed, saved } from '../connections/support/connection-calls';
import { fakeJenkins, JENKINS_TOKEN, JENKINS_USER } from '../connections/support/fake-jenkins';
import { dataOf, failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, USERS } from '../connections/support/settings-platform';

const platform = settingsPlatform();
const store = new ConnectionStore();
const configs = new ProjectConfigStore();
const demoConfig = (defaultConnectionId: string) => ({ ...defaultProjectConfig('DEMO', '2026-11-01T00:00:00.000Z'), defaultConnectionId });
const deploySource = (connectionId: string) => ({
  id: `source-${connectionId}`,
  connectionId,
  job: 'deploy-production',
  environment: { id: 'production', name: 'production', type: 'production' as const },
});
let jenkins: RecordedServer;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins({ requiredHeaders: { 'CF-Access-Client-Secret': 'cf-secret-4711' } });
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

const url = () => `${jenkins.url}/jenkins`;
const withHeaders = { mode: 'replace', text: 'CF-Access-Client-Id: cf-id-1, CF-Access-Client-Secret: cf-secret-4711' } as const;

describe('checking a form before asking for egress consent', () => {
  it('given a Jenkins form, when validated, then the normalised address to consent to comes back and nothing is written or fetched', async () => {
    platform.kvs.resetStats();
    const requests = jenkins.requests.length;

    const answer = await invoke(platform, KEYS.validate, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft(`${url()}/`) } });

    expect(dataOf(answer, validatedSchema)).toEqual({ egressDomain: jenkins.url });
    expect(platform.kvs.stats.writes).toBe(0);
    expect(jenkins.requests.length).toBe(requests);
  });

  it("given Buildkite on its own API, when validated, then no consent is needed (the manifest declares it)", async () => {
    expect(dataOf(await invoke(platform, KEYS.validate, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aBuildkiteDraft() } }), validatedSchema)).toEqual({
      egressDomain: null,
    });
  });

  it('given a plain-http address of a real host, when validated, then it is refused before any consent is asked', async () => {
    const answer = await invoke(platform, KEYS.validate, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft('http://ci.example.com') } });

    expect(failureOf(answer).name).toBe('InvalidConnection');
  });
});

describe('Test connection before saving', () => {
  it('given the form of a reachable Jenkins, when Ada tests it, then she sees its version and user and nothing is written', async () => {
    platform.kvs.resetStats();

    const answer = await invoke(platform, KEYS.testDraft, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft(url(), { headers: withHeaders }) } });

    expect(dataOf(answer, testResultSchema)).toEqual({ provider: 'jenkins', serverVersion: '2.440.3', user: JENKINS_USER, warnings: [] });
    expect(platform.kvs.stats.writes).toBe(0);
    expect(jenkins.requests.at(-1)?.headers['cf-access-client-id']).toBe('cf-id-1');
  });

  it('given a wrong token, when tested, then the 401 comes back as an AuthError with the Jenkins hint', async () => {
    const answer = await invoke(platform, KEYS.testDraft, {
      as: 'ada',
      page: ADMIN_PAGE,
      payload: { draft: aJenkinsDraft(url(), { apiToken: 'wrong-token-0000', headers: withHeaders }) },
    });

    const failure = failureOf(answer);
    expect(failure.name).toBe('AuthError');
    expect(failure.message).toMatch(/HTTP 401/);
    expect(failure.hint).toMatch(/Jenkins user name and API token/);
  });
});

describe('saving and testing a connection', () => {
  it('given a new Jenkins, when Ada saves it, then it is listed with hints only and its secrets are in secret storage', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Main Jenkins', headers: withHeaders }));

    expect(view).toMatchObject({
      kind: 'jenkins',
      name: 'Main Jenkins',
      scope: { kind: 'site' },
      settings: { kind: 'jenkins', baseUrl: url(), username: JENKINS_USER },
      tokenHint: '••••d605',
      headers: [
        { name: 'CF-Access-Client-Id', hint: '••••id-1' },
        { name: 'CF-Access-Client-Secret', hint: '••••4711' },
      ],
      canManage: true,
      egressDomain: jenkins.url,
    });
    expect(await kvs.getSecret(keys.connectionSecret(view.id))).toEqual({
      apiToken: JENKINS_TOKEN,
      headers: { 'CF-Access-Client-Id': 'cf-id-1', 'CF-Access-Client-Secret': 'cf-secret-4711' },
      enteredBy: USERS.ada,
    });
    expect(JSON.stringify(await kvs.get(keys.connection(view.id)))).not.toContain('cf-secret-4711');
    const list = await listed(platform);
    expect(list.connections.map((c) => c.id)).toContain(view.id);
    expect(list.providers.find((p) => p.kind === 'jenkins')?.connections).toBeGreaterThan(0);
  });

  it('given a saved connection, when tested after saving, then the stored token and headers are used', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Tested Jenkins', headers: withHeaders }));

    const answer = await invoke(platform, KEYS.testSaved, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } });

    expect(dataOf(answer, testResultSchema).user).toBe(JENKINS_USER);
  });

  it('given a saved connection, when Ada tests a new wrong token, then the test fails and the stored token still works', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Token Jenkins', headers: withHeaders }));
    const edited = aJenkinsDraft(url(), { name: 'Token Jenkins', apiToken: 'a-wrong-new-token', headers: { mode: 'keep' } });

    const test = await invoke(platform, KEYS.testDraft, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id, draft: edited } });

    expect(failureOf(test).name).toBe('AuthError');
    expect(dataOf(await invoke(platform, KEYS.testSaved, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), testResultSchema).user).toBe(JENKINS_USER);
  });

  it('given a saved connection, when renamed with the token and headers left blank, then both are kept', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Old name', headers: withHeaders }));
    const { apiToken: _token, ...withoutToken } = aJenkinsDraft(url(), { name: 'New name', headers: { mode: 'keep' } });

    const renamed = await saved(platform, withoutToken, { id: view.id });

    expect(renamed).toMatchObject({ id: view.id, name: 'New name', tokenHint: '••••d605', headers: view.headers });
    expect((await store.secret(view.id))?.apiToken).toBe(JENKINS_TOKEN);
  });

  it('given stored headers, when the admin asks to remove them, then none are sent any more', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Header Jenkins', headers: withHeaders }));
    const { apiToken: _token, ...draft } = aJenkinsDraft(url(), { name: 'Header Jenkins', headers: { mode: 'replace', text: '' } });

    const cleared = await saved(platform, draft, { id: view.id });

    expect(cleared.headers).toEqual([]);
    expect((await store.secret(view.id))?.headers).toEqual({});
  });

  it('given Buildkite and CircleCI forms, when saved, then each is its own connection with its own settings', async () => {
    const buildkite = await saved(platform, aBuildkiteDraft({ name: 'Buildkite A' }));
    const second = await saved(platform, aBuildkiteDraft({ name: 'Buildkite B', organization: 'other-org' }));
    const circle = await saved(platform, aCircleCiDraft());

    expect(buildkite.settings).toEqual({ kind: 'buildkite', organization: 'acme', apiBaseUrl: null });
    expect(second.settings).toEqual({ kind: 'buildkite', organization: 'other-org', apiBaseUrl: null });
    expect(circle.settings).toEqual({ kind: 'circleci', projectSlugs: ['gh/acme/web'], apiBaseUrl: null });
    expect(buildkite.egressDomain).toBeNull();
    expect((await listed(platform)).providers.find((p) => p.kind === 'buildkite')?.connections).toBeGreaterThanOrEqual(2);
  });
});

describe('project-scoped connections', () => {
  it("given Priya on DEMO's settings, when she adds a connection, then DEMO sees it as its own and OPS does not see it", async () => {
    const own = await saved(platform, aJenkinsDraft(url(), { name: 'DEMO only' }), { as: 'priya', page: projectPage('DEMO') });

    const demo = await listed(platform, 'priya', projectPage('DEMO'));
    const ops = await listed(platform, 'otto', projectPage('OPS'));

    expect(own.scope).toEqual({ kind: 'project', projectKey: 'DEMO' });
    expect(demo.connections.find((c) => c.id === own.id)?.canManage).toBe(true);
    expect(demo.connections.filter((c) => c.scope.kind === 'site').every((c) => !c.canManage)).toBe(true);
    expect(ops.connections.map((c) => c.id)).not.toContain(own.id);
  });
});

describe('removing a connection', () => {
  it('given DEMO deploys from a connection, when Ada removes it, then the confirmation names DEMO and DEMO no longer points at it', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Doomed Jenkins' }));
    const kept = await saved(platform, aJenkinsDraft(url(), { name: 'Kept Jenkins' }));
    await configs.save({ ...demoConfig(kept.id), deploySources: [deploySource(view.id)] });

    const usage = dataOf(await invoke(platform, KEYS.usage, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), usageSchema);
    const removed = dataOf(await invoke(platform, KEYS.remove, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), removedSchema);

    expect(usage.projects).toEqual(['DEMO']);
    // Kept Jenkins reaches the same address, so its egress consent must stay.
    expect(removed).toEqual({ removed: view.id, projectsUpdated: ['DEMO'], addressStillUsed: true });
    expect(await configs.get('DEMO')).toMatchObject({ defaultConnectionId: kept.id, deploySources: [] });
    expect(await kvs.getSecret(keys.connectionSecret(view.id))).toBeUndefined();
    expect((await listed(platform)).connections.map((c) => c.id)).not.toContain(view.id);
  });

  // Known defect outside this screen: ProjectConfig keeps "no default build server" as null and
  // ProjectConfigStore.save writes it as is, which Forge KVS refuses ("Values cannot contain null").
  // Flip to `it` once the store omits nulls.
  it('given DEMO builds on a connection by default, when Ada removes it, then DEMO has no default build server', async () => {
    const view = await saved(platform, aJenkinsDraft(url(), { name: 'Default Jenkins' }));
    await configs.save(demoConfig(view.id));

    const removed = dataOf(await invoke(platform, KEYS.remove, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } }), removedSchema);

    expect(removed.projectsUpdated).toEqual(['DEMO']);
    expect((await configs.get('DEMO'))?.defaultConnectionId).toBeNull();
  });

  it('given the last connection of a provider, when removed, then that provider shows as disconnected', async () => {
    const circles = (await listed(platform)).connections.filter((c) => c.kind === 'circleci');
    const only = circles.length ? circles : [await saved(platform, aCircleCiDraft())];

    for (const c of only) await invoke(platform, KEYS.remove, { as: 'ada', page: ADMIN_PAGE, payload: { id: c.id } });

    expect((await listed(platform)).providers.find((p) => p.kind === 'circleci')).toEqual({ kind: 'circleci', connections: 0 });
  });
});
