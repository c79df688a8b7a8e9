import { ConnectionStore } from '../../../src/storage/connection-store';
import { testPlatform } from '../../support/platform';
import { aBuildkiteDraft, aJenkinsDraft } from '../../connections/support/builders';
import { listed, saved } from '../../connections/support/connection-calls';
import { dataOf, failureOf } from '../../connections/support/results';
import { ADMIN_PAGE, invoke, settingsPlatform } from '../../connections/support/settings-platform';
import { CONNECTION_RESOLVERS as KEYS, testResultSchema } from '../../../src/shared/contract/connections';

const platform = settingsPlatform();

beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

describe('how builds arrive, chosen in the connection form', () => {
  it('saves a pushed-only Jenkins with no URL, user or token: the firewalled case, with no address to allow', async () => {
    // When an admin saves a Jenkins that will only push
    const view = await saved(platform, aJenkinsDraft('', { username: '', apiToken: '', mode: 'pushed' }));

    // Then it is stored as pushed, without an address for egress
    expect(view).toMatchObject({ kind: 'jenkins', mode: 'pushed', egressDomain: null, settings: { baseUrl: '' } });
  });

  it('tests a pushed-only Jenkins without reaching for it: the answer says whether its build events arrive', async () => {
    // Given a firewalled Jenkins that only pushes, and no event from it yet
    const view = await saved(platform, aJenkinsDraft('', { username: '', apiToken: '', mode: 'pushed' }));

    // When the admin presses Test connection
    const answer = await invoke(platform, KEYS.testSaved, { as: 'ada', page: ADMIN_PAGE, payload: { id: view.id } });

    // Then nothing is sent anywhere, and the page learns what to do next
    const result = dataOf(answer, testResultSchema);
    expect(result).toMatchObject({ provider: 'jenkins', serverVersion: null, user: null });
    expect(result.warnings.join(' ')).toMatch(/Pushed only: Deploy Tracker does not contact this server\. No build event has arrived yet/);
  });

  it('still asks a polled Jenkins for its URL and token', async () => {
    const answer = await invoke(platform, KEYS.save, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft('', { apiToken: '' }), agentEnabled: false } });
    expect(failureOf(answer).message).toMatch(/enter the Jenkins URL/);
  });

  it('reads a connection stored before modes existed as polled', async () => {
    // Given a record written without a mode
    const view = await saved(platform, aBuildkiteDraft());
    const entry = await new ConnectionStore().get(view.id);

    // Then it reads as polled, on the page too
    expect(entry?.connection.mode).toBeUndefined();
    expect((await listed(platform)).connections.find((c) => c.id === view.id)?.mode).toBe('polled');
  });
});
