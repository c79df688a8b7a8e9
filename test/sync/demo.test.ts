import type { AppHandler } from '../../dev/emulator/functions';
import type { CiStandIns } from '../../dev/ci-servers';
import { configureDemo, DEMO_CONNECTIONS, demoUrls, startDemoCi } from '../../dev/demo/ci-demo';
import { seedDemoSite } from '../../dev/demo/seed';
import { startBackgroundWork, type BackgroundWork } from '../../dev/server/background';
import { ConnectionStore } from '../../src/storage/connection-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { syncScheduler, syncWorker } from '../../src/sync/entry-points';
import { createTestPlatform } from '../support/platform';
import { required } from './support/sync-platform';

const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': () => syncScheduler(),
  'index.syncWorker': (event) => syncWorker(event),
};
const platform = createTestPlatform({ loadHandler: (h) => HANDLERS[h] ?? (() => undefined) });
let ci: CiStandIns | undefined;
let background: BackgroundWork | undefined;

beforeAll(() => {
  platform.install();
  seedDemoSite(platform.site);
});

afterAll(async () => {
  await background?.stop();
  await ci?.close();
  platform.close();
});

async function environmentsOf(issueKey: string): Promise<string[]> {
  const page = await new DeployStore().forIssue(issueKey);
  return [...new Set(page.deploys.map((d) => d.environment.name))].sort();
}

describe('npm start: the demo CI', () => {
  it('DEMO-1 has deploys to two environments within 60 seconds, with nothing but the schedule running', async () => {
    // Given the demo wiring: growing stand-ins, connections and the DEMO project, as dev/start.ts does
    ci = await startDemoCi({ commitEveryMs: 5_000 });
    const changes = await configureDemo(demoUrls(ci));
    expect(changes).toHaveLength(4);
    const ready = Date.now();

    // When the fiveMinute trigger fires (here every second) and queued work is delivered
    background = startBackgroundWork(platform, { speedup: 300, queuePollMs: 100, log: () => undefined });

    // Then DEMO-1 shows deploys to at least two environments within a minute
    let environments: string[] = [];
    while (Date.now() - ready < 60_000) {
      environments = await environmentsOf('DEMO-1');
      if (environments.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(environments).toEqual(expect.arrayContaining(['Production', 'Staging']));
    expect(Date.now() - ready).toBeLessThan(60_000);

    // And DEMO sends to Jira (this site): Jira holds DEMO-1's deployments to both environments, and builds
    let sent: string[] = [];
    while (Date.now() - ready < 60_000) {
      sent = [...new Set(platform.site.devops.deploymentsOf('DEMO-1').map((d) => d.environment.displayName))].sort();
      if (sent.length >= 2 && platform.site.devops.buildsOf('DEMO-1').length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(sent).toEqual(expect.arrayContaining(['Production', 'Staging']));
    expect(platform.site.devops.buildsOf('DEMO-1').length).toBeGreaterThan(0);
  }, 90_000);

  it('a restart keeps a changed project configuration and moves the connections to the new servers', async () => {
    // Given an admin removed the deploy sources of DEMO
    const projects = new ProjectConfigStore();
    await projects.save({ ...required(await projects.get('DEMO'), 'the DEMO configuration'), deploySources: [] });
    const newUrls = { jenkins: 'http://127.0.0.1:1', buildkite: 'http://127.0.0.1:2', circleci: 'http://127.0.0.1:3', projectSlugs: ['gh/demo-org/storefront'] };

    // When the demo starts again, its stand-ins on other ports
    const changes = await configureDemo(newUrls);

    // Then the connections follow the servers, and the project keeps the admin's change

    expect(changes).toEqual([expect.stringMatching(/^moved connection Demo Jenkins/), expect.stringMatching(/^moved/), expect.stringMatching(/^moved/)]);
    expect((await new ProjectConfigStore().get('DEMO'))?.deploySources).toEqual([]);
    const jenkins = await new ConnectionStore().get(DEMO_CONNECTIONS.jenkins);
    expect(jenkins?.connection).toMatchObject({ baseUrl: 'http://127.0.0.1:1' });
  });
});
