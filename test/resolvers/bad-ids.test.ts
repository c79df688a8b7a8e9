import { ISSUE_PANEL_RESOLVERS as PANEL } from '../../src/shared/contract/issue-panel';
import { DeployStore } from '../../src/storage/deploy-store';
import { aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';
import { failureOf } from '../connections/support/results';
import { invokePanel, panelPlatform, USERS } from '../issue-panel/support/panel-platform';

const platform = panelPlatform();
beforeAll(async () => {
  platform.install();
  for (let i = 0; i < 30; i++) await new DeployStore().save(aDeploy({ id: `page-${i}`, issueKeys: ['DEMO-1'] }), undefined);
});
afterAll(() => testPlatform().install());

/** Calls as a viewer of DEMO-1 and returns the failure, after checking nothing was written. */
async function refused(key: string, payload: unknown) {
  platform.kvs.resetStats();
  const answer = await invokePanel(platform, key, { as: USERS.viewer, payload });
  expect(platform.kvs.stats.writes).toBe(0);
  return failureOf(answer);
}

describe('a malformed id or cursor from the browser is an InvalidRequest, never a storage error', () => {
  it.each([
    ['a slash', 'DEMO-1/../x'],
    ['a letter outside ASCII', 'DEMO-ü-1'],
    ['blank', '   '],
    ['a line break', 'DEMO-1\nx'],
    ['a quote', 'DEMO-"1'],
    ['a hash sign', 'DEMO#1'],
  ])('given a deploy id with %s, when the panel asks for it, then it is refused with a message', async (_case, deployId) => {
    const failure = await refused(PANEL.deploy, { deployId });

    expect(failure).toMatchObject({ name: 'InvalidRequest', message: expect.stringMatching(/deployId/) });
    expect(JSON.stringify(failure)).not.toMatch(/at .*\.ts|ForgeKvs|BAD_REQUEST/);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['base64 of something else', Buffer.from('{"after":1}').toString('base64url')],
    ['a slash', 'a/b'],
    ['a letter outside ASCII', 'cürsor'],
  ])('given a paging cursor that is %s, when the panel pages, then it is refused with a message', async (_case, cursor) => {
    const failure = await refused(PANEL.more, { cursor });

    expect(failure).toMatchObject({ name: 'InvalidRequest', message: expect.stringMatching(/cursor/i) });
    expect(JSON.stringify(failure)).not.toMatch(/at .*\.ts|ForgeKvs|BAD_REQUEST/);
  });
});
