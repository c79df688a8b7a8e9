import type { Platform } from '../../dev/emulator/platform';
import { BuildStore } from '../../src/storage/build-store';
import { SyncStateStore } from '../../src/storage/sync-state-store';
import type { JenkinsOverride, JenkinsStandIn, Reply } from '../../dev/ci-servers';
import { reply, sha } from './support/jenkins';
import { MINUTE, shopJenkins, T0 } from './support/shop-history';
import { demoConfig, deploysOf, linksOf, runSync, saveJenkins, required, saveProject, syncPlatform } from './support/sync-platform';

let platform: Platform;
const servers: JenkinsStandIn[] = [];

async function given(...jenkinses: JenkinsStandIn[]): Promise<void> {
  platform = syncPlatform();
  for (const [index, jenkins] of jenkinses.entries()) {
    servers.push(jenkins);
    await saveJenkins(`jenkins-${index + 1}`, jenkins.url);
  }
  await saveProject(demoConfig());
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  platform.close();
});

const status = (id = 'jenkins-1') => new SyncStateStore().status(id);
async function expectNoError(id = 'jenkins-1'): Promise<void> {
  expect((await status(id))?.error).toBeUndefined();
}
const onPath =
  (path: string, answer: Reply): JenkinsOverride =>
  (request) =>
    request.path === path ? answer : undefined;

describe('faults of one connection', () => {
  it('an HTML login page: the connection records the error and its hint, and the other connection syncs', async () => {
    const broken = await shopJenkins();
    broken.script.overrides = [() => reply({ status: 200, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body><form action="/login">Sign in</form></body></html>' })];
    await given(broken, await shopJenkins());
    await saveProject(demoConfig({ defaultConnectionId: 'jenkins-2', deploySources: demoConfig().deploySources.map((s) => ({ ...s, connectionId: 'jenkins-2' })) }));

    const report = await runSync(platform);

    expect(report.failed).toBe(0);
    expect(await status('jenkins-1')).toMatchObject({
      complete: false,
      error: { name: 'InvalidResponse', message: expect.stringMatching(/HTML page/), hint: expect.stringMatching(/login page/) },
    });
    expect(await status('jenkins-2')).toMatchObject({ complete: true });
    await expectNoError('jenkins-2');
    expect(await deploysOf('DEMO')).toHaveLength(2);
  });

  it('a 5xx: recorded with its hint, then cleared by the first run after the server recovers', async () => {
    const jenkins = await shopJenkins();
    jenkins.script.overrides = [onPath('/api/json', reply({ status: 500, body: '{"message":"boom"}' }))];
    await given(jenkins);

    await runSync(platform);
    expect(await status()).toMatchObject({ error: { name: 'ServiceUnavailable', hint: expect.any(String) } });
    expect(await deploysOf('DEMO')).toEqual([]);

    jenkins.script.overrides = [];
    await runSync(platform);
    const healed = await status();
    expect(healed).toMatchObject({ complete: true, buildsWritten: 4 });
    expect(healed?.error).toBeUndefined();
    expect(healed?.lastSuccessAt).toBeDefined();
  });

  it('a 429 with a long Retry-After: what was read is kept, and the rest is queued for when the server allows', async () => {
    const jenkins = await shopJenkins();
    jenkins.script.overrides = [onPath('/job/shop/job/deploy-staging/api/json', reply({ status: 429, headers: { 'retry-after': '120' }, body: '{}' }))];
    await given(jenkins);
    const before = Date.now();

    await platform.app.runScheduledTrigger('sync-schedule');
    await platform.app.deliver(required(platform.queues.takeReady(true)[0], 'no event'));

    expect(await status()).toMatchObject({ complete: false, error: { name: 'RateLimited' } });
    expect(await new BuildStore().get('jenkins-1', 'shop/build', 2)).toBeDefined();
    const [continuation] = platform.queues.takeReady(true);
    expect(continuation?.body).toMatchObject({ connectionId: 'jenkins-1', reason: 'continue', round: 1 });
    expect(continuation?.notBefore).toBeGreaterThanOrEqual(before + 119_000);

    jenkins.script.overrides = [];
    await platform.app.deliver(required(continuation, 'no continuation'));
    expect(await status()).toMatchObject({ complete: true, buildsWritten: 4, deploysWritten: 2 });
  });

  it('a 429 with a short Retry-After is waited out within the run', async () => {
    const jenkins = await shopJenkins();
    let refusals = 1;
    jenkins.script.overrides = [(r) => (r.path === '/api/json' && refusals-- > 0 ? reply({ status: 429, headers: { 'retry-after': '1' }, body: '{}' }) : undefined)];
    await given(jenkins);

    await runSync(platform);

    expect(await status()).toMatchObject({ complete: true, buildsWritten: 4 });
    await expectNoError();
  });

  it('truncated JSON for one job: that job is reported and skipped, the others are stored', async () => {
    const jenkins = await shopJenkins();
    jenkins.script.overrides = [onPath('/job/shop/job/deploy-production/api/json', reply({ body: '{"_class":"x","builds":[{"number":1,"res' }))];
    await given(jenkins);

    await runSync(platform);

    expect(await status()).toMatchObject({
      complete: true,
      problems: [{ jobId: 'shop/deploy-production', name: 'InvalidResponse', message: expect.stringMatching(/incomplete or malformed JSON/), hint: expect.any(String) }],
    });
    expect((await deploysOf('DEMO')).map((d) => d.environment.id)).toEqual(['staging']);

    jenkins.script.overrides = [];
    await runSync(platform);
    expect((await deploysOf('DEMO')).map((d) => d.environment.id)).toEqual(['staging', 'production']);
    expect((await status())?.problems).toEqual([]);
  });

  it('after faults clear, the stored state equals a clean sync of the same server', async () => {
    const jenkins = await shopJenkins();
    jenkins.script.overrides = [
      onPath('/job/shop/job/deploy-production/api/json', reply({ body: '{"builds":[' })),
      onPath('/job/shop/job/build/api/json', reply({ status: 429, headers: { 'retry-after': '600' }, body: '{}' })),
    ];
    await given(jenkins);
    await runSync(platform);
    jenkins.script.overrides = [onPath('/api/json', reply({ status: 500 }))];
    await runSync(platform);
    jenkins.script.overrides = [];
    await runSync(platform);
    await platform.app.drainQueues();
    const healed = { deploys: await deploysOf('DEMO'), links: await linksOf() };
    platform.close();

    // A fresh platform syncing the same server once, without faults
    platform = syncPlatform();
    await saveJenkins('jenkins-1', jenkins.url);
    await saveProject(demoConfig());
    await runSync(platform);

    expect(healed).toEqual({ deploys: await deploysOf('DEMO'), links: await linksOf() });
    expect(healed.deploys).toHaveLength(2);
  });
});

describe('changes on the server during a sync', () => {
  it('a running build deleted before it finished: forgotten without an error, newer builds still arrive', async () => {
    const jenkins = await shopJenkins();
    jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(3), message: 'DEMO-3 wip' }], timestamp: T0 + 40 * MINUTE, result: null });
    await given(jenkins);
    await runSync(platform);
    expect(await new BuildStore().get('jenkins-1', 'shop/build', 3)).toMatchObject({ state: 'in_progress' });

    jenkins.script.deleteBuild('shop/build', 3);
    jenkins.script.addBuild('shop/build', { commits: [{ sha: sha(4), message: 'DEMO-4' }], timestamp: T0 + 50 * MINUTE });
    await runSync(platform);
    await runSync(platform);

    expect(await status()).toMatchObject({ complete: true, problems: [] });
    await expectNoError();
    expect(await new BuildStore().get('jenkins-1', 'shop/build', 4)).toMatchObject({ state: 'successful' });
    // Nothing is left to look at: the next run is one request again
    jenkins.script.requests.length = 0;
    await runSync(platform);
    expect(jenkins.script.requests).toHaveLength(1);
  });

  it('a Jenkins job renamed: its runs keep their deploys, none is duplicated', async () => {
    const jenkins = await shopJenkins();
    await given(jenkins);
    const sources = demoConfig().deploySources.map((s) => (s.id === 'src-prod' ? { ...s, job: 'shop/deploy-prod*' } : s));
    await saveProject(demoConfig({ deploySources: sources }));
    await runSync(platform);
    const before = await deploysOf('DEMO');

    jenkins.script.rename('shop/deploy-production', 'deploy-prod');
    await runSync(platform);

    const after = await deploysOf('DEMO');
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
    expect(after.find((d) => d.environment.id === 'production')?.pipeline.id).toBe('shop/deploy-prod');
    expect(await status()).toMatchObject({ complete: true });
    await expectNoError();
  });
});
