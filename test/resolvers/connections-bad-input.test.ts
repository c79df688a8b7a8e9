import { CONNECTION_RESOLVERS as KEYS } from '../../src/shared/contract/connections';
import { closedPortUrl } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { listed } from '../connections/support/connection-calls';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, settingsPlatform } from '../connections/support/settings-platform';

const platform = settingsPlatform();
beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

/** Saves as Ada on the admin page and returns the failure, after checking nothing was written. */
async function refusedSave(payload: unknown) {
  platform.kvs.resetStats();
  const answer = await invoke(platform, KEYS.save, { as: 'ada', page: ADMIN_PAGE, payload });
  const { writes, operations } = platform.kvs.stats;
  expect({ writes, setSecret: operations.setSecret }).toEqual({ writes: 0, setSecret: 0 });
  return failureOf(answer);
}

const save = (draft: unknown) => ({ draft, agentEnabled: false });

describe('bad input is refused with a clear message and writes nothing', () => {
  it.each([
    ['not a URL', 'ci example com', /is not an absolute URL such as https:\/\/ci\.example\.com\/jenkins/],
    ['plain http to a real host', 'http://ci.example.com/jenkins', /must start with https:\/\/ \(Forge only connects over HTTPS\)/],
    ['a port Forge cannot reach', 'https://ci.example.com:9000/jenkins', /port 9000 is not one Forge can reach \(allowed: 80, 443, 8080/],
    ['credentials inside the URL', 'https://bot:secret@ci.example.com/jenkins', /put the user name and token in their own fields/],
  ])('given %s as the Jenkins URL, when saved, then the URL problem is named', async (_case, baseUrl, message) => {
    const failure = await refusedSave(save(aJenkinsDraft(baseUrl)));

    expect(failure.name).toBe('InvalidConnection');
    expect(failure.message).toMatch(message);
    expect(failure.hint).toMatch(/Correct the settings listed/);
  });

  it('given a header value with a line break, when saved, then the headers are refused without quoting the value', async () => {
    const failure = await refusedSave(save(aJenkinsDraft('https://ci.example.com', { headers: { mode: 'replace', text: 'X-Proxy-Key: abc\r\nInjected: secret-value' } })));

    expect(failure.message).toMatch(/custom headers: a header cannot contain a line break/);
    expect(failure.message).not.toContain('secret-value');
  });

  it.each([
    ['no colon', 'just-a-secret-value', /header 1 is not written as Name: value/],
    ['an empty value', 'X-Proxy-Key:', /header "X-Proxy-Key" has no value/],
    ['Authorization', 'Authorization: Bearer abc', /the Authorization header is set by the app/],
    ['a bad name', 'X Proxy: abc', /header name "X Proxy" may only contain/],
  ])('given headers with %s, when saved, then the problem is named', async (_case, text, message) => {
    const failure = await refusedSave(save(aJenkinsDraft('https://ci.example.com', { headers: { mode: 'replace', text } })));

    expect(failure.message).toMatch(message);
    expect(failure.message).not.toContain('just-a-secret-value');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
  ])('given an %s API token on a new connection, when saved, then it asks for the token', async (_case, apiToken) => {
    const failure = await refusedSave(save(aJenkinsDraft('https://ci.example.com', { apiToken })));

    expect(failure.message).toMatch(/enter the API token/);
  });

  it('given no API token at all on a new connection, when saved, then it asks for the token', async () => {
    const { apiToken: _token, ...draft } = aJenkinsDraft('https://ci.example.com');

    expect((await refusedSave(save(draft))).message).toMatch(/enter the API token/);
  });

  it('given a 10 MB payload, when saved, then it is refused by size before anything else', async () => {
    const failure = await refusedSave(save(aJenkinsDraft('https://ci.example.com', { name: 'x'.repeat(10 * 1024 * 1024) })));

    expect(failure.name).toBe('InvalidRequest');
    expect(failure.message).toMatch(/The request is 10240 KB; the limit is 256 KB/);
  });

  it('given a field the form does not have, when saved, then the payload is refused', async () => {
    const failure = await refusedSave({ ...save(aJenkinsDraft('https://ci.example.com')), scope: { kind: 'project', projectKey: 'OPS' } });

    expect(failure.name).toBe('InvalidRequest');
    expect(failure.message).toMatch(/Unrecognized key: "scope"/);
  });

  it('given an empty name and URL, when saved, then both are asked for', async () => {
    const failure = await refusedSave(save(aJenkinsDraft('', { name: ' ' })));

    expect(failure.message).toMatch(/give the connection a name/);
    expect(failure.message).toMatch(/enter the Jenkins URL/);
  });

  it('given every refusal above, then no connection exists', async () => {
    expect((await listed(platform)).connections).toEqual([]);
  });
});

describe('local mode', () => {
  it('given the emulator (a DEVELOPMENT environment), when a loopback http URL is tested, then the URL is accepted and the server itself is tried', async () => {
    const nothingListening = await closedPortUrl();

    const answer = await invoke(platform, KEYS.testDraft, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft(`${nothingListening}/jenkins`) } });

    expect(failureOf(answer).name).toBe('UnreachableError');
  });
});
