import { CONNECTION_RESOLVERS, connectionViewSchema } from '../../src/shared/contract/connections';
import { PROJECT_SETTINGS_RESOLVERS } from '../../src/shared/contract/project-settings';
import { json, startRecordedServer, type RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aDeploySource, aJenkinsDraft } from '../connections/support/builders';
import { fakeJenkins, JENKINS_TOKEN } from '../connections/support/fake-jenkins';
import { dataOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Call } from '../connections/support/settings-platform';

const HEADER_VALUE = 'cf-secret-8d1e44b09a7c';
const NEW_TOKEN = 'tok-new-51c0ffee93b2aa';
const WRONG_TOKEN = 'tok-wrong-0badc0de7713';
const SECRETS = [JENKINS_TOKEN, HEADER_VALUE, NEW_TOKEN, WRONG_TOKEN];

const platform = settingsPlatform();
let jenkins: RecordedServer;
/** A misconfigured proxy that echoes every request header back in its error page. */
let echo: RecordedServer;
const answers: { key: string; raw: unknown }[] = [];

async function call(key: string, request: Call): Promise<unknown> {
  const raw = await invoke(platform, key, request);
  answers.push({ key, raw });
  return raw;
}

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins({ requiredHeaders: { 'X-Proxy-Secret': HEADER_VALUE } });
  echo = await startRecordedServer([{ path: /.*/, reply: (r) => json(JSON.stringify({ message: `denied: ${JSON.stringify(r.headers)}` }), 500) }]);
});
afterAll(async () => {
  await Promise.all([jenkins.close(), echo.close()]);
  testPlatform().install();
});

describe('no resolver answer ever contains a token or a header value', () => {
  it('given every resolver called on success and failure paths, then no answer holds a secret', async () => {
    const admin = (payload: unknown = {}): Call => ({ as: 'ada', page: ADMIN_PAGE, payload });
    const demo = (payload: unknown = {}): Call => ({ as: 'ada', page: projectPage('DEMO'), payload });
    const headers = { mode: 'replace', text: `X-Proxy-Secret: ${HEADER_VALUE}` } as const;
    const draft = aJenkinsDraft(`${jenkins.url}/jenkins`, { headers });
    const K = CONNECTION_RESOLVERS;
    const P = PROJECT_SETTINGS_RESOLVERS;

    await call(K.validate, admin({ draft }));
    await call(K.testDraft, admin({ draft }));
    await call(K.testDraft, admin({ draft: { ...draft, apiToken: WRONG_TOKEN } }));
    await call(K.testDraft, admin({ draft: aJenkinsDraft(`${echo.url}/jenkins`, { headers }) }));
    await call(K.testDraft, admin({ draft: { ...draft, headers: { mode: 'replace', text: `X-Proxy-Secret: ${HEADER_VALUE}\nX-Other: ${HEADER_VALUE}` } } }));
    const { id } = dataOf(await call(K.save, admin({ draft, agentEnabled: false })), connectionViewSchema);
    const echoed = dataOf(await call(K.save, admin({ draft: aJenkinsDraft(`${echo.url}/jenkins`, { headers }), agentEnabled: false })), connectionViewSchema);
    await call(K.list, admin());
    await call(K.list, demo());
    await call(K.health, admin());
    await call(K.testSaved, admin({ id }));
    await call(K.testSaved, admin({ id: echoed.id }));
    await call(K.validate, admin({ id, draft: { ...draft, apiToken: NEW_TOKEN, headers: { mode: 'keep' } } }));
    await call(K.testDraft, admin({ id, draft: { ...draft, apiToken: NEW_TOKEN, headers: { mode: 'keep' } } }));
    await call(K.save, admin({ id, draft: { ...draft, apiToken: NEW_TOKEN, headers: { mode: 'keep' } }, agentEnabled: true }));
    await call(K.save, admin({ id, draft: { ...draft, apiToken: '' }, agentEnabled: true }));

    await call(P.get, demo());
    await call(P.saveBuildServer, demo({ defaultConnectionId: id, jobs: [] }));
    await call(P.listJobs, demo({ connectionId: id }));
    await call(P.listJobs, demo({ connectionId: echoed.id }));
    await call(P.saveDeploySources, demo({ sources: [aDeploySource(id)] }));
    await call(P.previewDeploySource, demo({ source: aDeploySource(id, { job: 'deploy-*' }) }));
    await call(P.previewDeploySource, demo({ source: aDeploySource(echoed.id, { job: 'deploy-*' }) }));
    await call(P.saveIssueIntegration, demo({ provider: 'jira', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' }));
    await call(P.rotateDeploySecret, demo());
    await call(P.syncStatus, demo());
    await call(P.syncNow, demo());
    await call(P.get, demo());

    await call(K.usage, admin({ id }));
    await call(K.remove, admin({ id: echoed.id }));

    const called = new Set(answers.map((a) => a.key));
    expect([...Object.values(K), ...Object.values(P)].filter((key) => !called.has(key))).toEqual([]);
    expect(answers.some((a) => JSON.stringify(a.raw).includes('"ok":false'))).toBe(true);
    for (const { key, raw } of answers) {
      const text = JSON.stringify(raw);
      for (const secret of SECRETS) {
        expect({ key, leaks: text.includes(secret) || text.includes(secret.slice(0, 12)) }).toEqual({ key, leaks: false });
      }
      expect({ key, basic: /Basic [A-Za-z0-9+/=]{12,}/.test(text) }).toEqual({ key, basic: false });
    }
  });
});
