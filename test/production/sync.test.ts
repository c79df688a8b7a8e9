import type { CiStandIns } from '../../dev/ci-servers';
import { configureDemo } from '../../dev/demo/ci-demo';
import { DeployStore } from '../../src/storage/deploy-store';
import { testPlatform } from '../support/platform';
import { CI_HOSTS, httpsCiStandIns, Internet, productionPlatform } from './support/lane';

// The sync engine on an emulator in PRODUCTION mode against the three stand-ins over HTTPS, under
// public names an admin consented to, as a customer's site would run it.
const internet = new Internet();
const platform = productionPlatform(internet);
let ci: CiStandIns;

beforeAll(async () => {
  platform.install();
  ci = await httpsCiStandIns(internet);
  for (const host of Object.values(CI_HOSTS)) {
    platform.egressConsent.set({ key: `ci-server-${host}`, description: host, domains: [`https://${host}`] });
  }
});
afterAll(async () => {
  await ci.close();
  platform.close();
  testPlatform().install();
});

async function environmentsOf(issueKey: string): Promise<string[]> {
  const page = await new DeployStore().forIssue(issueKey);
  return [...new Set(page.deploys.map((d) => d.environment.name))].sort();
}

describe('the sync in production mode', () => {
  it('given the demo connections over HTTPS, when the schedule fires and the queue drains, then DEMO-1 carries deploys to both environments', async () => {
    await configureDemo({ jenkins: ci.jenkins.url, buildkite: ci.buildkite.url, circleci: ci.circleci.url, projectSlugs: ci.circleci.projectSlugs });

    await platform.app.runScheduledTrigger('sync-schedule');
    const run = await platform.app.drainQueues();

    expect(run.failed).toBe(0);
    expect(await environmentsOf('DEMO-1')).toEqual(['Production', 'Staging']);
    expect(ci.jenkins.stats.requests + ci.buildkite.stats.requests + ci.circleci.stats.requests).toBeGreaterThan(0);
  });
});
