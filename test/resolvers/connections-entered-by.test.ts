import { kvs } from '@forge/kvs';
import { CONNECTION_RESOLVERS as KEYS, testResultSchema } from '../../src/shared/contract/connections';
import { keys } from '../../src/storage/keys';
import type { RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { fakeJenkins, JENKINS_TOKEN } from '../connections/support/fake-jenkins';
import { dataOf, failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, USERS, type Page, type User } from '../connections/support/settings-platform';

const HEADER_VALUE = 'cf-access-secret-9921bb';
const DEMO = projectPage('DEMO');
const ANOTHERS_TOKEN = /^Enter the API token again to test this connection: it was entered by another administrator/;

const platform = settingsPlatform();
/** The CI stand-in: every request it receives is counted. */
let jenkins: RecordedServer;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins({ requiredHeaders: { 'X-Proxy-Secret': HEADER_VALUE } });
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

const withHeader = { headers: { mode: 'replace', text: `X-Proxy-Secret: ${HEADER_VALUE}` } } as const;
const keptSecrets = (overrides: Parameters<typeof aJenkinsDraft>[1] = {}) => withoutToken(aJenkinsDraft(`${jenkins.url}/jenkins`, { headers: { mode: 'keep' }, ...overrides }));

/** A DEMO-scoped Jenkins whose token and header value `who` typed on DEMO's settings page. */
const demoJenkinsEnteredBy = (who: User) => saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, withHeader), { as: who, page: DEMO });

async function refusedUnsent(as: User, page: Page, key: string, payload: unknown) {
  const before = jenkins.requests.length;
  platform.kvs.resetStats();
  const failure = failureOf(await invoke(platform, key, { as, page, payload }));
  expect(jenkins.requests.length).toBe(before);
  expect(platform.kvs.stats.writes).toBe(0);
  return failure;
}

async function tested(as: User, page: Page, key: string, payload: unknown) {
  return dataOf(await invoke(platform, key, { as, page, payload }), testResultSchema);
}

const storedSecret = (id: string) => kvs.getSecret(keys.connectionSecret(id));

describe('on a project page, only the administrator who typed a secret sends it', () => {
  it("given a DEMO Jenkins whose token Ada typed, when Priya tests it, with the form's kept token or as saved, then both are refused and the CI receives nothing", async () => {
    // given
    const connection = await demoJenkinsEnteredBy('ada');

    // when
    const failures = [
      await refusedUnsent('priya', DEMO, KEYS.testDraft, { id: connection.id, draft: keptSecrets() }),
      await refusedUnsent('priya', DEMO, KEYS.testSaved, { id: connection.id }),
    ];

    // then
    for (const failure of failures) expect(failure).toMatchObject({ name: 'SecretsEnteredByAnother', message: expect.stringMatching(/^Enter the API token and custom headers again to test this connection: they were entered by another administrator/) });
  });

  it("given Ada's DEMO Jenkins, when Priya saves a rename (test on save), then the save keeps Ada as the author and the test that follows is refused unsent", async () => {
    // given
    const connection = await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`), { as: 'ada', page: DEMO });

    // when
    const renamed = await invoke(platform, KEYS.save, { as: 'priya', page: DEMO, payload: { id: connection.id, draft: keptSecrets({ name: 'Renamed' }), agentEnabled: false } });
    const failure = await refusedUnsent('priya', DEMO, KEYS.testSaved, { id: connection.id });

    // then
    expect(renamed).toMatchObject({ ok: true, data: { name: 'Renamed' } });
    expect(await storedSecret(connection.id)).toMatchObject({ apiToken: JENKINS_TOKEN, enteredBy: USERS.ada });
    expect(failure.message).toMatch(ANOTHERS_TOKEN);
    expect(failure.hint).toMatch(/type them yourself/);
  });

  it("given Ada's DEMO Jenkins, when Priya types the token and header value herself, then her test reaches the CI, and once saved her kept secrets serve her", async () => {
    // given
    const connection = await demoJenkinsEnteredBy('ada');
    const herOwn = { id: connection.id, draft: aJenkinsDraft(`${jenkins.url}/jenkins`, withHeader) };

    // when
    const before = jenkins.requests.length;
    const typed = await tested('priya', DEMO, KEYS.testDraft, herOwn);
    const savedAnswer = await invoke(platform, KEYS.save, { as: 'priya', page: DEMO, payload: { ...herOwn, agentEnabled: false } });
    const kept = await tested('priya', DEMO, KEYS.testDraft, { id: connection.id, draft: keptSecrets() });
    const asSaved = await tested('priya', DEMO, KEYS.testSaved, { id: connection.id });

    // then
    expect(savedAnswer).toMatchObject({ ok: true });
    expect(await storedSecret(connection.id)).toMatchObject({ enteredBy: USERS.priya });
    expect([typed, kept, asSaved].map((r) => r.provider)).toEqual(['jenkins', 'jenkins', 'jenkins']);
    expect(jenkins.requests.length).toBeGreaterThan(before);
  });

  it("given Priya's token and Ada's kept header value, when Priya tests, then the header value is what she must type again", async () => {
    const connection = await demoJenkinsEnteredBy('ada');

    const failure = await refusedUnsent('priya', DEMO, KEYS.testDraft, { id: connection.id, draft: aJenkinsDraft(`${jenkins.url}/jenkins`, { headers: { mode: 'keep' } }) });

    expect(failure.message).toMatch(/^Enter the custom headers again to test this connection: they were entered by another administrator/);
  });

  it("given Ada's header value kept beside Priya's typed token, when saved, then the secret has no single author: Ada on DEMO must retype too", async () => {
    const connection = await demoJenkinsEnteredBy('ada');
    const mixed = aJenkinsDraft(`${jenkins.url}/jenkins`, { headers: { mode: 'keep' } });

    const answer = await invoke(platform, KEYS.save, { as: 'priya', page: DEMO, payload: { id: connection.id, draft: mixed, agentEnabled: false } });
    const failure = await refusedUnsent('ada', DEMO, KEYS.testSaved, { id: connection.id });

    expect(answer).toMatchObject({ ok: true });
    expect(await storedSecret(connection.id)).not.toHaveProperty('enteredBy');
    expect(failure.name).toBe('SecretsEnteredByAnother');
  });

  it('given a DEMO Jenkins Ada typed, when Ada tests it on DEMO or Jira admin Ada tests one Priya typed on the admin page, then the kept secrets serve', async () => {
    const adas = await demoJenkinsEnteredBy('ada');
    const priyas = await demoJenkinsEnteredBy('priya');

    const results = [
      await tested('ada', DEMO, KEYS.testSaved, { id: adas.id }),
      await tested('ada', DEMO, KEYS.testDraft, { id: adas.id, draft: keptSecrets() }),
      await tested('ada', ADMIN_PAGE, KEYS.testSaved, { id: priyas.id }),
      await tested('ada', ADMIN_PAGE, KEYS.testDraft, { id: priyas.id, draft: keptSecrets() }),
    ];

    expect(results.map((r) => r.provider)).toEqual(['jenkins', 'jenkins', 'jenkins', 'jenkins']);
  });

  it('given a secret stored before authors were recorded, when a project admin tests with it, then it counts as typed by someone else; on the admin page it still serves', async () => {
    // given: Priya's own connection, its secret as older versions wrote it (no enteredBy)
    const connection = await demoJenkinsEnteredBy('priya');
    await kvs.setSecret(keys.connectionSecret(connection.id), { apiToken: JENKINS_TOKEN, headers: { 'X-Proxy-Secret': HEADER_VALUE } });

    // when
    const failures = [
      await refusedUnsent('priya', DEMO, KEYS.testSaved, { id: connection.id }),
      await refusedUnsent('priya', DEMO, KEYS.testDraft, { id: connection.id, draft: keptSecrets() }),
    ];
    const onAdminPage = await tested('ada', ADMIN_PAGE, KEYS.testSaved, { id: connection.id });

    // then
    expect(failures.map((f) => f.name)).toEqual(['SecretsEnteredByAnother', 'SecretsEnteredByAnother']);
    expect(onAdminPage.provider).toBe('jenkins');
  });

  it('given a payload that names who entered the token, when saved, then it is refused: the author comes from the Forge context only', async () => {
    const draft = { ...aJenkinsDraft(`${jenkins.url}/jenkins`), enteredBy: USERS.ada };

    const failure = await refusedUnsent('priya', DEMO, KEYS.save, { draft, agentEnabled: false });

    expect(failure.name).toBe('InvalidRequest');
  });
});

function withoutToken<T extends { apiToken?: string | undefined }>(draft: T): Omit<T, 'apiToken'> {
  const { apiToken: _dropped, ...rest } = draft;
  return rest;
}
