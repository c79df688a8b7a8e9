import path from 'node:path';
import api, { route } from '@forge/api';
import { Queue } from '@forge/events';
import type { AppHandler } from '../../../dev/emulator/functions';
import type { Platform } from '../../../dev/emulator/platform';
import { createTestPlatform } from '../../support/platform';
import { bodyOf, DEV, seedSite } from './fixture';

/**
 * Forge refuses `asUser(accountId)` (user impersonation) unless the manifest declares its scopes as
 * a map with `allowImpersonation: true`, and `asUser()` where the invocation has no user:
 * https://developer.atlassian.com/platform/forge/manifest-reference/permissions
 */
type Probe = () => Promise<{ status: number; text(): Promise<string> }>;
let probe: Probe = () => api.asUser().requestJira(route`/rest/api/3/myself`);
const answers: { status: number; body: unknown }[] = [];

const record: AppHandler = async () => {
  const response = await probe();
  answers.push({ status: response.status, body: await bodyOf(response) });
  return { statusCode: 204 };
};

function platformFor(manifest: string): Platform {
  const platform = createTestPlatform({
    ...(manifest === 'app' ? {} : { manifestPath: path.join(__dirname, '../fixtures', manifest) }),
    loadHandler: () => record,
  });
  seedSite(platform.site);
  return platform;
}

const ourApp = platformFor('app');
const impersonating = platformFor('impersonation-manifest.yml');

beforeEach(() => {
  answers.length = 0;
  probe = () => api.asUser().requestJira(route`/rest/api/3/myself`);
});
afterAll(() => ourApp.install());

describe('asUser() with no argument', () => {
  beforeAll(() => ourApp.install());

  it('acts as the user of a resolver invocation', async () => {
    // Given a resolver invoked by DEV
    // When it calls asUser() with no argument
    await ourApp.app.invokeResolver({ moduleKey: 'deploy-tracker-project-settings', functionKey: 'any', accountId: DEV });

    // Then Jira sees DEV
    expect(answers).toEqual([{ status: 200, body: expect.objectContaining({ accountId: DEV }) }]);
  });

  it.each([
    ['a scheduled trigger', (p: Platform) => p.app.runScheduledTrigger('sync-schedule')],
    ['a web trigger', (p: Platform) => p.app.runWebtrigger('deploy-registration', { method: 'POST', path: '/', headers: {}, queryParameters: {}, body: '{}' })],
    [
      'a queue consumer',
      async (p: Platform) => {
        await new Queue({ key: 'sync-work' }).push([{ body: { connectionId: 'c1' } }]);
        const [event] = p.queues.takeReady(true);
        if (event) await p.app.deliver(event);
      },
    ],
  ])('is refused with 401 in %s, which has no user', async (_, run) => {
    // When a function that runs without a user calls asUser()
    await run(ourApp);

    // Then the platform refuses it in the proxy's shape, saying what to use instead
    expect(answers[0]).toEqual({ status: 401, body: { code: 401, message: expect.stringContaining('asUser() needs a user') } });
  });
});

describe('asUser(accountId): user impersonation', () => {
  beforeEach(() => {
    probe = () => api.asUser(DEV).requestJira(route`/rest/api/3/myself`);
  });

  it('is refused, even for the invoking user, when the scopes are a plain list', async () => {
    // Given our manifest, whose scopes are a list
    ourApp.install();

    // When a resolver invoked by DEV impersonates DEV
    await ourApp.app.invokeResolver({ moduleKey: 'deploy-tracker-project-settings', functionKey: 'any', accountId: DEV });

    // Then Forge refuses the impersonation and names the manifest setting
    expect(answers).toEqual([{ status: 401, body: { code: 401, message: expect.stringContaining('allowImpersonation: true') } }]);
  });

  it('acts as the given user from a trigger when a scope allows impersonation', async () => {
    // Given a manifest whose read scope has allowImpersonation: true
    impersonating.install();

    // When its scheduled trigger, which has no user, impersonates DEV
    await impersonating.app.runScheduledTrigger('nightly');

    // Then Jira sees DEV
    expect(answers).toEqual([{ status: 200, body: expect.objectContaining({ accountId: DEV }) }]);
  });
});
