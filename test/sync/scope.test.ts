import type { JenkinsStandIn } from '../../dev/ci-servers';
import { ConnectionStore } from '../../src/storage/connection-store';
import { shopJenkins } from './support/shop-history';
import { demoConfig, deploysOf, runSync, saveProject, syncPlatform } from './support/sync-platform';

const platform = syncPlatform();
let jenkins: JenkinsStandIn;

beforeAll(async () => {
  jenkins = await shopJenkins();
});

afterAll(async () => {
  await jenkins.close();
  platform.close();
});

describe('a connection added from one project’s settings', () => {
  it('feeds deploys to that project only, even when another project names it', async () => {
    // Given OPS added its own Jenkins, and DEMO's configuration names it too
    await new ConnectionStore().save({
      connection: { kind: 'jenkins', id: 'jenkins-1', name: 'Ops Jenkins', baseUrl: jenkins.url, username: 'deploy-bot', customHeaders: {} },
      scope: { kind: 'project', projectKey: 'OPS' },
      agentEnabled: false,
      secret: { apiToken: 'token-0123456789', headers: {} },
      now: '2026-11-01T00:00:00.000Z',
    });
    await saveProject(demoConfig());
    await saveProject(demoConfig({ projectKey: 'OPS' }));

    // When the sync runs
    await runSync(platform);

    // Then its deploys go to OPS, and none to DEMO
    expect(await deploysOf('DEMO')).toEqual([]);
    expect((await deploysOf('OPS')).map((d) => d.environment.id)).toEqual(['staging', 'production']);
  });
});
