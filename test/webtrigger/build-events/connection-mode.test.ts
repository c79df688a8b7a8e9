import { ConnectionStore } from '../../../src/storage/connection-store';
import { testPlatform } from '../../support/platform';
import { aBuildkiteDraft, aJenkinsDraft } from '../../connections/support/builders';
import { listed, saved } from '../../connections/support/connection-calls';
import { failureOf } from '../../connections/support/results';
import { ADMIN_PAGE, invoke, settingsPlatform } from '../../connections/support/settings-platform';
import { CONNECTION_RESOLVERS as KEYS } from '../../../src/shared/contract/connections';

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
