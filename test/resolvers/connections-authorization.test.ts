import { CONNECTION_RESOLVERS as KEYS, PRIVILEGED_CONNECTION_RESOLVERS } from '../../src/shared/contract/connections';
import type { RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { listed, saved } from '../connections/support/connection-calls';
import { fakeJenkins } from '../connections/support/fake-jenkins';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform, type Page, type User } from '../connections/support/settings-platform';

const platform = settingsPlatform();
let jenkins: RecordedServer;
let siteId: string;
let demoId: string;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins();
  siteId = (await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { name: 'Site Jenkins' }))).id;
  demoId = (await saved(platform, aJenkinsDraft(`${jenkins.url}/jenkins`, { name: 'DEMO Jenkins' }), { as: 'priya', page: projectPage('DEMO') })).id;
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

/** A valid payload for every resolver, so a refusal can only come from who is asking. */
function payloadFor(key: string, id: string): unknown {
  const draft = aJenkinsDraft(`${jenkins.url}/jenkins`, { name: 'Changed' });
  switch (key) {
    case KEYS.list:
    case KEYS.health:
      return {};
    case KEYS.testDraft:
    case KEYS.validate:
      return { id, draft };
    case KEYS.save:
      return { id, draft, agentEnabled: true };
    default:
      return { id };
  }
}

const EVERY_KEY = Object.values(KEYS);

/** Runs the call and checks it left no trace: no storage write, no request to the CI server. */
async function refused(key: string, as: User, page: Page, id: string) {
  platform.kvs.resetStats();
  const requestsBefore = jenkins.requests.length;
  const failure = failureOf(await invoke(platform, key, { as, page, payload: payloadFor(key, id) }));
  expect(platform.kvs.stats.writes).toBe(0);
  expect(jenkins.requests.length).toBe(requestsBefore);
  return failure;
}

describe('who may call the connection resolvers', () => {
  it('covers every mutating resolver the contract declares', () => {
    expect(PRIVILEGED_CONNECTION_RESOLVERS.every((key) => EVERY_KEY.includes(key))).toBe(true);
  });

  it.each(EVERY_KEY)('given Uma (no admin rights) on the admin page, when she calls %s, then Jira admin is required', async (key) => {
    expect(await refused(key, 'uma', ADMIN_PAGE, siteId)).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/Only Jira administrators/) });
  });

  it.each(EVERY_KEY)('given Uma on the DEMO settings page, when she calls %s, then DEMO admin is required', async (key) => {
    expect(await refused(key, 'uma', projectPage('DEMO'), demoId)).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/administrators of project DEMO/) });
  });

  it.each(EVERY_KEY)('given Priya (DEMO admin, not Jira admin) on the admin page, when she calls %s, then she is refused', async (key) => {
    expect((await refused(key, 'priya', ADMIN_PAGE, demoId)).name).toBe('Forbidden');
  });

  it.each(EVERY_KEY)('given Otto (admin of OPS) on the DEMO settings page, when he calls %s, then he is refused', async (key) => {
    expect((await refused(key, 'otto', projectPage('DEMO'), demoId)).name).toBe('Forbidden');
  });

  it.each([...PRIVILEGED_CONNECTION_RESOLVERS, KEYS.usage, KEYS.validate])(
    "given Otto on his own OPS page, when he calls %s with DEMO's connection, then it does not exist for him",
    async (key) => {
      expect((await refused(key, 'otto', projectPage('OPS'), demoId)).name).toBe('ConnectionNotFound');
    },
  );

  it.each([KEYS.validate, KEYS.testDraft, KEYS.testSaved, KEYS.save, KEYS.usage, KEYS.remove])(
    'given Priya on the DEMO page, when she calls %s on a site-wide connection, then only Jira admins may',
    async (key) => {
      expect(await refused(key, 'priya', projectPage('DEMO'), siteId)).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/site-wide connection/) });
    },
  );

  it('given Otto on his OPS page, when he lists connections, then DEMO’s own connection is not among them', async () => {
    expect((await listed(platform, 'otto', projectPage('OPS'))).connections.map((c) => c.id)).not.toContain(demoId);
  });

  it('given a call from the issue panel, when it reaches a connection resolver, then it is refused whoever makes it', async () => {
    const answer = await platform.app.invokeResolver({
      moduleKey: 'deploy-tracker-issue-panel',
      functionKey: KEYS.list,
      payload: {},
      accountId: platform.site.users()[0]?.accountId ?? '',
      extension: { issue: { key: 'DEMO-1', id: '10000' }, project: { key: 'DEMO', id: '10000' } },
    });

    expect(failureOf(answer).name).toBe('Forbidden');
  });
});
