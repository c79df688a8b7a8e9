import type { JenkinsStandIn } from '../../dev/ci-servers';
import type { Deploy } from '../../src/domain/deploy';
import { toJiraDeployment, type JiraDeployment } from '../../src/domain/jira-devops-deployment';
import { JiraDevopsClient } from '../../src/jira/devops/client';
import { systemClock } from '../../src/providers';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import { withdrawConnection } from '../../src/sync/jira-devops-withdraw';
import { aDeploy } from '../support/builders';
import { inInvocation } from '../dev/jira/fixture';
import { sha } from './support/jenkins';
import { MINUTE, shopJenkins, T0 } from './support/shop-history';
import { demoConfig, runSync, saveJenkins, saveProject, syncPlatform } from './support/sync-platform';

/** The sync on the emulator, whose Jira keeps what the devops APIs accepted (dev/emulator/jira/devops-store). */
describe('deploys and builds in Jira’s Development panel', () => {
  let platform: ReturnType<typeof syncPlatform>;
  let jenkins: JenkinsStandIn;

  beforeEach(async () => {
    platform = syncPlatform();
    jenkins = await shopJenkins();
    await saveJenkins('jenkins-1', jenkins.url);
  });

  afterEach(async () => {
    await jenkins.close();
    platform.close();
  });

  const jira = () => platform.site.devops;
  const useJira = (provider: 'jira' | 'app-only' = 'jira') =>
    demoConfig({ issueIntegration: { provider, scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' } });

  it('sends each deploy once, to its environment, tagged with its project and connection', async () => {
    // Given DEMO chose Jira as its issue integration
    await saveProject(useJira());
    // When the sync runs
    await runSync(platform);
    // Then Jira holds the staging and production deployments of DEMO-2, and the builds of DEMO-1 and DEMO-2
    const deployments = jira().deployments();
    expect(deployments.map((d) => [d.data.environment.displayName, d.data.state]).sort()).toEqual([['Production', 'successful'], ['Staging', 'successful']]);
    expect(deployments.every((d) => d.properties.project === 'DEMO' && d.properties.connection === 'jenkins-1')).toBe(true);
    expect(jira().deploymentsOf('DEMO-2')).toHaveLength(2);
    expect(jira().buildsOf('DEMO-1').length).toBeGreaterThan(0);
  });

  it('retries a deployment Jira answered 429 or 503 for, after its Retry-After', async () => {
    // Given Jira's rate limit, then maintenance, on the next two calls
    await saveProject(useJira());
    jira().failNext({ status: 429, retryAfterSeconds: 0, api: 'deployments' }).failNext({ status: 503, retryAfterSeconds: 0, api: 'deployments' });
    // When the sync sends
    await runSync(platform);
    // Then the deployments arrive all the same, and the status names no problem
    expect(jira().deploymentsOf('DEMO-2')).toHaveLength(2);
    expect((await new SyncStateStore().status('jenkins-1'))?.problems).toEqual([]);
  });

  it('sends nothing for a project set to "This app only"', async () => {
    await saveProject(useJira('app-only'));
    await runSync(platform);
    expect(jira().deployments()).toEqual([]);
    expect(jira().builds()).toEqual([]);
  });

  it('keeps the newest state when a run is sent again, or an older state arrives late', async () => {
    // Given a production deploy that Jira holds as successful
    await saveProject(useJira());
    await runSync(platform);
    const [before] = jira().deploymentsOf('DEMO-2').filter((d) => d.environment.type === 'production');
    // When the same data is sent again, and an older update of the same run arrives late
    await runSync(platform);
    const late = { ...before, state: 'in_progress', updateSequenceNumber: (before?.updateSequenceNumber ?? 0) - 3 } as unknown as JiraDeployment;
    await inInvocation(undefined, () => new JiraDevopsClient({ clock: systemClock, remainingMillis: () => 25_000 }).submitDeployments([late], { project: 'DEMO' }));
    // Then Jira still says successful, with the same update number
    const [after] = jira().deploymentsOf('DEMO-2').filter((d) => d.environment.type === 'production');
    expect(after?.state).toBe('successful');
    expect(after?.updateSequenceNumber).toBe(before?.updateSequenceNumber);
  });

  it('lets a link found later reach Jira, while a repeated or out-of-order send of older data leaves the newest', async () => {
    // Given Jira holds a successful deploy that links DEMO-2, as mapped by the app
    const send = (deploy: Deploy) => {
      const mapped = toJiraDeployment(deploy, { pipelineId: 'jenkins:ci.example.test:shop/deploy', projectKey: 'DEMO' });
      if (!('deployment' in mapped)) throw new Error(mapped.skipped);
      return inInvocation(undefined, () => new JiraDevopsClient({ clock: systemClock, remainingMillis: () => 25_000 }).submitDeployments([mapped.deployment], { project: 'DEMO' }));
    };
    const running = aDeploy({ state: 'in_progress', finishedAt: null, issueKeys: ['DEMO-2'] });
    const first = aDeploy({ issueKeys: ['DEMO-2'] });
    await send(running);
    await send(first);
    // When a build synced later adds DEMO-5 to the same deploy, in the same state
    await send({ ...first, issueKeys: ['DEMO-2', 'DEMO-5'] });
    // Then Jira links DEMO-5 too
    expect(jira().deploymentsOf('DEMO-5')).toHaveLength(1);
    // When the earlier view is sent again, and the running state arrives late
    await send(first);
    await send(running);
    // Then Jira keeps the newest: successful, linked to both issues
    const [kept] = jira().deployments();
    expect(kept?.data.state).toBe('successful');
    expect([...(kept?.issueKeys ?? [])].sort()).toEqual(['DEMO-2', 'DEMO-5']);
  });

  it('shows a deployment Jira refused in the sync status, with Jira’s reason', async () => {
    // Given a deploy whose only issue key names an issue the site does not have
    await saveProject(useJira());
    jenkins.script.addBuild('shop/deploy-production', { commits: [{ sha: sha(9), message: 'OPS-7 rotate keys' }], timestamp: T0 + 60 * MINUTE });
    // When the sync sends it
    await runSync(platform);
    // Then the connection's status names the refusal and Jira's reason
    const status = await new SyncStateStore().status('jenkins-1');
    const refused = status?.problems.find((p) => p.name === 'JiraRejectedDeployment');
    expect(refused?.message).toMatch(/OPS-7/);
    expect(refused?.jobId).toBe('shop/deploy-production');
  });

  it('deletes what a removed connection sent, and nothing else', async () => {
    // Given deployments sent through jenkins-1, and one another app sent about DEMO-1
    await saveProject(useJira());
    await runSync(platform);
    expect(jira().deployments().length).toBeGreaterThan(0);
    const other = { data: { ...jira().deployments()[0]?.data, pipeline: { id: 'other', displayName: 'other', url: 'https://ci.example.test/other' } } as never, properties: { project: 'OPS' }, issueKeys: ['DEMO-1'] };
    jira().putDeployment('other', other);
    // When the connection's data is withdrawn (as removing it does)
    await inInvocation(undefined, () => withdrawConnection('jenkins-1'));
    // Then none of its deployments or builds are left, and the other one is
    expect(jira().deployments().map((d) => d.data.pipeline.id)).toEqual(['other']);
    expect(jira().builds()).toEqual([]);
  });

  it('sends the same run seen through two connections to one server as one deployment', async () => {
    // Given a second connection to the same Jenkins, whose production job is also a deploy source of DEMO
    await saveJenkins('jenkins-2', jenkins.url);
    const config = useJira();
    await saveProject({
      ...config,
      deploySources: [
        ...config.deploySources,
        { id: 'src-prod-2', connectionId: 'jenkins-2', job: 'shop/deploy-production', environment: { id: 'production', name: 'Production', type: 'production' } },
      ],
    });
    // When both connections sync
    await runSync(platform);
    // Then Jira holds one production deployment of that run
    expect(jira().deploymentsOf('DEMO-2').filter((d) => d.environment.type === 'production')).toHaveLength(1);
  });
});
