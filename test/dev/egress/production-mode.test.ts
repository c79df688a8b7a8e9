import { createTestPlatform, testPlatform } from '../../support/platform';
import { forgeApiOn, inInvocation, productionPlatform, quietEgressWarnings, startLocalServer, testInvocation, type ForgeApi, type LocalServer } from './support';

// A platform that claims to be a PRODUCTION environment, as `forge deploy -e production` gives:
// https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/
let server: LocalServer;
let forge: ForgeApi;
const platform = productionPlatform();

beforeAll(async () => {
  server = await startLocalServer();
  forge = await forgeApiOn(platform);
});
afterAll(async () => {
  await server.close();
  testPlatform().install();
});
quietEgressWarnings();

describe('the emulator in production mode', () => {
  it('reports PRODUCTION from getAppContext', async () => {
    const type = await inInvocation(testInvocation(), () => Promise.resolve(forge.getAppContext().environmentType));

    expect(type).toBe('PRODUCTION');
  });

  it('refuses a loopback server over plain http, as Forge does, and sends nothing', async () => {
    const response = await inInvocation(testInvocation(), () => forge.fetch(`${server.origin}/builds`));

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Forge only allows HTTPS egress');
    expect(server.hits).toEqual([]);
  });

  it('cannot be asked for local mode', () => {
    expect(() => createTestPlatform({ environmentType: 'PRODUCTION', localMode: true })).toThrow(/cannot be in local mode/);
    expect(() => createTestPlatform({ environmentType: 'STAGING', localMode: true })).toThrow(/cannot be in local mode/);
  });

  it('stays DEVELOPMENT unless told, as npm start and every other test run', () => {
    expect(testPlatform().environmentType).toBe('DEVELOPMENT');
  });
});
