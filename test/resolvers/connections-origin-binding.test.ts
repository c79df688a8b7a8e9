import { CONNECTION_RESOLVERS as KEYS } from '../../src/shared/contract/connections';
import { json, startRecordedServer, type RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aBuildkiteDraft, aCircleCiDraft, aJenkinsDraft } from '../connections/support/builders';
import { saved } from '../connections/support/connection-calls';
import { fakeJenkins, JENKINS_TOKEN } from '../connections/support/fake-jenkins';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Page, type User } from '../connections/support/settings-platform';

const ADA_BUILDKITE_TOKEN = 'bkua_ada0000000000000000000000000001';
const HEADER_VALUE = 'cf-access-secret-4471aa';

const platform = settingsPlatform();
let jenkins: RecordedServer;
/** A server of Priya's choosing: it records whatever it is sent. */
let priyas: RecordedServer;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins({ requiredHeaders: { 'X-Proxy-Secret': HEADER_VALUE } });
  priyas = await startRecordedServer([{ path: /.*/, reply: json('{}') }]);
});
afterAll(async () => {
  await Promise.all([jenkins.close(), priyas.close()]);
  testPlatform().install();
});

const leaked = () => priyas.requests.filter((r) => JSON.stringify(r.headers).match(new RegExp(`${ADA_BUILDKITE_TOKEN}|${JENKINS_TOKEN}|${HEADER_VALUE}|${Buffer.from(`deploy-bot:${JENKINS_TOKEN}`).toString('base64')}`)));

async function refused(as: User, page: Page, key: string, payload: unknown) {
  platform.kvs.resetStats();
  const answer = await invoke(platform, key, { as, page, payload });
  expect(platform.kvs.stats.writes).toBe(0);
  return failureOf(answer);
}

describe('kept secrets go only to the origin they were entered for', () => {
  it("given a DEMO Buildkite connection whose token Ada entered, when Priya points it at her own server keeping the token, then testDraft and save refuse and her server receives nothing", async () => {
    // given
    const connection = await saved(platform, aBuildkiteDraft({ apiToken: ADA_BUILDKITE_TOKEN }), { as: 'ada', page: projectPage('DEMO') });
    const atHerServer = withoutToken(aBuildkiteDraft({ apiBaseUrl: priyas.url }));

    // when
    const tested = await refused('priya', projectPage('DEMO'), KEYS.testDraft, { id: connection.id, draft: atHerServer });
    const savedAnswer = await refused('priya', projectPage('DEMO'), KEYS.save, { id: connection.id, draft: atHerServer, agentEnabled: false });

    // then
    for (const failure of [tested, savedAnswer]) {
      expect(failure.name).toBe('InvalidConnection');
      expect(failure.message).toMatch(/API base URL changed: enter the API token again/);
    }
    expect(priyas.requests).toEqual([]);
  });

  it('given a Jenkins connection with a token and custom headers, when its URL changes and either is kept, then it asks for them again', async () => {
    const headers = { mode: 'replace', text: `X-Proxy-Secret: ${HEADER_VALUE}` } as const;
    const connection = await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { headers }), { as: 'ada', page: projectPage('DEMO') });
    const keepToken = withoutToken(aJenkinsDraft(`${priyas.url}/jenkins`, { headers: { mode: 'replace', text: '' } }));
    const keepHeaders = aJenkinsDraft(`${priyas.url}/jenkins`, { apiToken: 'priyas-own-token', headers: { mode: 'keep' } });
    const otherPath = withoutToken(aJenkinsDraft(`${jenkins.url}/other`));

    const answers = [
      await refused('priya', projectPage('DEMO'), KEYS.testDraft, { id: connection.id, draft: keepToken }),
      await refused('priya', projectPage('DEMO'), KEYS.save, { id: connection.id, draft: keepHeaders, agentEnabled: false }),
      await refused('ada', ADMIN_PAGE, KEYS.testDraft, { id: connection.id, draft: otherPath }),
    ];

    expect(answers.map((a) => a.message)).toEqual([
      expect.stringMatching(/URL changed: enter the API token again/),
      expect.stringMatching(/URL changed: enter the custom headers again/),
      expect.stringMatching(/URL changed: enter the API token again/),
    ]);
    expect(leaked()).toEqual([]);
  });

  it('given the same origin, when the name or user changes, then the kept token and headers still serve', async () => {
    const headers = { mode: 'replace', text: `X-Proxy-Secret: ${HEADER_VALUE}` } as const;
    const connection = await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { headers }), { as: 'ada', page: projectPage('DEMO') });
    const renamed = withoutToken(aJenkinsDraft(`${jenkins.url}/jenkins/`, { name: 'Renamed', headers: { mode: 'keep' } }));

    const answer = await invoke(platform, KEYS.save, { as: 'priya', page: projectPage('DEMO'), payload: { id: connection.id, draft: renamed, agentEnabled: false } });
    // Ada typed them: on a project's page only she may send them (connections-entered-by.test.ts).
    const tested = await invoke(platform, KEYS.testSaved, { as: 'ada', page: projectPage('DEMO'), payload: { id: connection.id } });

    expect(answer).toMatchObject({ ok: true, data: { name: 'Renamed' } });
    expect(tested).toMatchObject({ ok: true });
  });

  it('given new secrets with the new URL, when saved, then the change is accepted', async () => {
    const connection = await saved(platform, aCircleCiDraft(), { as: 'ada', page: projectPage('DEMO') });

    const answer = await invoke(platform, KEYS.save, {
      as: 'priya',
      page: projectPage('DEMO'),
      payload: { id: connection.id, draft: aCircleCiDraft({ apiBaseUrl: priyas.url, apiToken: 'priyas-own-token' }), agentEnabled: false },
    });

    expect(answer).toMatchObject({ ok: true });
  });

  it.each([
    ['testDraft', KEYS.testDraft, (id: string) => ({ id, draft: withoutToken(aBuildkiteDraft({ apiBaseUrl: 'https://api.buildkite.com' })) })],
    ['testDraft at her URL', KEYS.testDraft, (id: string) => ({ id, draft: withoutToken(aBuildkiteDraft({ apiBaseUrl: priyas.url })) })],
    ['save', KEYS.save, (id: string) => ({ id, draft: withoutToken(aBuildkiteDraft({ name: 'mine now' })), agentEnabled: false })],
    ['testSaved', KEYS.testSaved, (id: string) => ({ id })],
  ])("given a site-wide connection Ada entered, when Priya calls %s with its kept token, then it is refused", async (_name, key, payload) => {
    const site = await saved(platform, aBuildkiteDraft({ apiToken: ADA_BUILDKITE_TOKEN }), { as: 'ada', page: ADMIN_PAGE });

    const failure = await refused('priya', projectPage('DEMO'), key, payload(site.id));

    expect(failure.name).toMatch(/Forbidden|NotFound/);
    expect(leaked()).toEqual([]);
  });
});

function withoutToken<T extends { apiToken?: string | undefined }>(draft: T): Omit<T, 'apiToken'> {
  const { apiToken: _dropped, ...rest } = draft;
  return rest;
}
