import { CONNECTION_RESOLVERS as KEYS } from '../../src/shared/contract/connections';
import type { RecordedServer } from '../providers/support/recorded-server';
import { testPlatform } from '../support/platform';
import { aJenkinsDraft } from '../connections/support/builders';
import { listed, saved } from '../connections/support/connection-calls';
import { fakeJenkins } from '../connections/support/fake-jenkins';
import { failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage, settingsPlatform } from '../connections/support/settings-platform';

/**
 * "Readable by every Jira user through the agent" is a Jira admin's choice, made on the admin page
 * after the form's warning; a project admin can neither make it nor lose it by saving their form.
 */
const platform = settingsPlatform();
let jenkins: RecordedServer;

beforeAll(async () => {
  platform.install();
  jenkins = await fakeJenkins();
});
afterAll(async () => {
  await jenkins.close();
  testPlatform().install();
});

const draft = (name: string) => aJenkinsDraft(`${jenkins.url}/jenkins`, { name });
const save = (as: 'ada' | 'priya', page: typeof ADMIN_PAGE | ReturnType<typeof projectPage>, payload: Record<string, unknown>) => invoke(platform, KEYS.save, { as, page, payload });

describe('the agent-for-every-user flag', () => {
  it('given Ada on the admin page, when she opens a connection to every Jira user, then it is stored and shown', async () => {
    const view = await saved(platform, draft('Open Jenkins'), { agentEnabled: true });
    const result = await save('ada', ADMIN_PAGE, { id: view.id, draft: draft('Open Jenkins'), agentEnabled: true, agentReadableByAll: true });
    expect(result).toMatchObject({ ok: true, data: { agentEnabled: true, agentReadableByAll: true } });
  });

  it('given the agent switched off, then the flag goes with it', async () => {
    const result = await save('ada', ADMIN_PAGE, { draft: draft('Closed Jenkins'), agentEnabled: false, agentReadableByAll: true });
    expect(result).toMatchObject({ ok: true, data: { agentEnabled: false, agentReadableByAll: false } });
  });

  it('given Priya on DEMO settings, when she asks for it on her own connection, then she is refused and nothing is saved', async () => {
    const result = await save('priya', projectPage('DEMO'), { draft: draft('Priya Jenkins'), agentEnabled: true, agentReadableByAll: true });
    expect(failureOf(result)).toMatchObject({ name: 'Forbidden', message: expect.stringMatching(/Only Jira admins/) });
    expect((await listed(platform)).connections.map((c) => c.name)).not.toContain('Priya Jenkins');
  });

  it("given Ada opened Priya's connection, when Priya saves her form without the choice, then it stays; when she turns it off, it goes", async () => {
    const mine = await saved(platform, draft('DEMO Jenkins'), { as: 'priya', page: projectPage('DEMO'), agentEnabled: true });
    await save('ada', ADMIN_PAGE, { id: mine.id, draft: draft('DEMO Jenkins'), agentEnabled: true, agentReadableByAll: true });

    const kept = await save('priya', projectPage('DEMO'), { id: mine.id, draft: draft('DEMO Jenkins'), agentEnabled: true });
    const dropped = await save('priya', projectPage('DEMO'), { id: mine.id, draft: draft('DEMO Jenkins'), agentEnabled: true, agentReadableByAll: false });

    expect(kept).toMatchObject({ ok: true, data: { agentReadableByAll: true } });
    expect(dropped).toMatchObject({ ok: true, data: { agentReadableByAll: false } });
  });
});
