import { DEMO_CREDENTIALS, EXAMPLE_REMOTES, startBuildkiteStandIn, type BuildkiteStandIn } from '../../../dev/ci-servers';
import { panelRows } from '../../../src/issue-panel/deploy-rows';
import { ConnectionStore } from '../../../src/storage/connection-store';
import { DeployStore } from '../../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { deployingToProduction, deploysOf, required, runSync, syncPlatform } from '../../sync/support/sync-platform';

const platform = syncPlatform();
let ci: BuildkiteStandIn;

beforeAll(async () => {
  // Given the Buildkite stand-in's pipelines building a GitHub repository, named the scp way
  ci = await startBuildkiteStandIn({ world: { growing: false }, remotes: { ...EXAMPLE_REMOTES, buildkite: 'git@github.com:demo-org/shop.git' } });
  await new ConnectionStore().save({
    connection: { kind: 'buildkite', id: 'bk-1', name: 'Buildkite', organization: DEMO_CREDENTIALS.buildkite.organization, apiBaseUrl: ci.url },
    scope: { kind: 'site' },
    agentEnabled: false,
    secret: { apiToken: DEMO_CREDENTIALS.buildkite.apiToken, headers: {} },
    now: '2026-11-01T00:00:00.000Z',
  });
  await new ProjectConfigStore().save(deployingToProduction('bk-1', 'deploy', 'bk-deploy'));
});

afterAll(async () => {
  await ci.close();
  platform.close();
});

describe("a polled Buildkite deploy's commit link", () => {
  it("given builds listed without their pipeline, when the sync records a deploy, then its issue's panel row links the SHA to the commit page", async () => {
    // When the schedule syncs the organisation
    await runSync(platform);

    // Then a deploy of the deploy pipeline keeps the repository, and its row on an issue links the commit
    const deploy = required((await deploysOf('DEMO')).find((d) => d.sha && d.issueKeys.length > 0), 'a deploy with a SHA and an issue');
    expect(deploy.repositoryUrl).toBe('https://github.com/demo-org/shop');
    const issueKey = required(deploy.issueKeys[0], 'an issue key');
    const row = panelRows((await new DeployStore().forIssue(issueKey)).deploys).find((r) => r.id === deploy.id);
    expect(row).toMatchObject({ provider: 'buildkite', commitUrl: `https://github.com/demo-org/shop/commit/${deploy.sha ?? ''}` });
    // And the listing was read once for the whole organisation
    expect(ci.stats.byPath[`/v2/organizations/${DEMO_CREDENTIALS.buildkite.organization}/pipelines`]).toBe(1);
  });
});
