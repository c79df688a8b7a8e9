import { defaultProjectConfig } from '../../src/domain/project-config';
import { ConnectionStore } from '../../src/storage/connection-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { testPlatform } from '../support/platform';
import { saveJenkins } from '../providers/jenkins/insight/support/saved-connection';
import { startIncidentJenkins } from '../providers/jenkins/insight/support/setup';
import type { JenkinsStandIn } from '../providers/jenkins/insight/support/stand-in';

const OPS_MEMBER = 'ops-member';
const OUTSIDER = 'outsider';
let jenkins: JenkinsStandIn;

beforeAll(async () => {
  jenkins = await startIncidentJenkins();
  const site = testPlatform().site;
  site.addUser({ accountId: OPS_MEMBER, displayName: 'Otto Ops' });
  site.addUser({ accountId: OUTSIDER, displayName: 'Oscar Outside' });
  site.addProject({ key: 'OPS', lead: OPS_MEMBER, roles: { [OPS_MEMBER]: 'viewer' } });
});

/** OPS names these jobs of the connection as its builds. */
async function opsNames(connectionId: string, jobs: string[]): Promise<void> {
  await new ProjectConfigStore().save({ ...defaultProjectConfig('OPS', '2026-11-20T10:00:00.000Z'), builds: [{ connectionId, jobs }] });
}
afterAll(() => jenkins.close());
beforeEach(() => jenkins.requests.splice(0));

const ask = async (action: string, inputs: Record<string, unknown>, accountId = OUTSIDER): Promise<string> => {
  const answer = await testPlatform().app.runAction(action, inputs, accountId);
  if (typeof answer !== 'string') throw new Error(`action ${action} answered ${JSON.stringify(answer)}`);
  return answer;
};

describe('which connections and jobs the agent may read', () => {
  it('none enabled: a refusal saying who can enable one, and no request to Jenkins', async () => {
    await saveJenkins({ id: 'old-ci', name: 'Old CI', baseUrl: jenkins.url, agentEnabled: false });

    const answer = await ask('jenkins-queue', {}, OPS_MEMBER);

    expect(answer).toMatch(/^I could not answer that\. No Jenkins connection is enabled for the Deploy Tracker agent that you may read/);
    expect(answer).toContain('"Use with the Rovo agent"');
    expect(jenkins.requests).toHaveLength(0);
  });

  it('a connection named by the model but not enabled for the agent: refused like one that does not exist', async () => {
    await saveJenkins({ id: 'prod-ci', name: 'Production CI', baseUrl: jenkins.url, agentEnabled: true });
    await opsNames('prod-ci', ['deploy-production']);

    const notEnabled = await ask('jenkins-queue', { connection: 'Old CI' }, OPS_MEMBER);
    const unknown = await ask('jenkins-queue', { connection: 'Shadow CI' }, OPS_MEMBER);

    expect(notEnabled).toMatch(/^I could not answer that\. No Jenkins connection named "Old CI" is enabled for the Deploy Tracker agent\.\nWhat to do: You may read: "Production CI"\./);
    expect(unknown).toMatch(/No Jenkins connection named "Shadow CI" is enabled/);
    expect(jenkins.requests).toHaveLength(0);
  });

  it('an enabled connection, named in any case, for someone who browses a project with a job on it', async () => {
    await expect(ask('jenkins-job-health', { connection: 'production ci', job: 'deploy-production' }, OPS_MEMBER)).resolves.toMatch(/^deploy-production \(\w+ job\) on Jenkins "Production CI"/);
  });

  it('given a user who browses no project, when they ask anything, then no connection is theirs to read and Jenkins is not asked', async () => {
    const answers = await Promise.all([ask('jenkins-queue', {}), ask('jenkins-build-details', { job: 'release-pipeline', connection: 'Production CI' })]);

    for (const answer of answers) expect(answer).toMatch(/^I could not answer that\. No Jenkins connection is enabled for the Deploy Tracker agent that you may read/);
    expect(jenkins.requests).toHaveLength(0);
  });

  it('given an OPS member, when they ask for a job no project of theirs names, then it is refused like a missing job, before Jenkins is asked', async () => {
    const unnamed = await ask('jenkins-build-log', { job: 'api-server', build: 'last' }, OPS_MEMBER);
    const missing = await ask('jenkins-build-log', { job: 'no-such-job', build: 'last' }, OPS_MEMBER);

    expect(unnamed).toBe(missing.replace('no-such-job', 'api-server'));
    expect(unnamed).toMatch(/^I could not answer that\. There is no job "api-server" on Jenkins "Production CI" that you may read\./);
    expect(jenkins.requests.map((r) => r.path).filter((p) => p.includes('api-server'))).toEqual([]);
  });

  it('given an OPS member, when they list jobs or read the queue, then only jobs of OPS show', async () => {
    const listing = await ask('jenkins-list-jobs', {}, OPS_MEMBER);
    const queue = await ask('jenkins-queue', {}, OPS_MEMBER);

    expect(listing).toMatch(/^1 items at the top level and below on Jenkins "Production CI"/);
    expect(listing).toContain('- deploy-production');
    expect(listing).not.toMatch(/api-server|backend-service|release-pipeline|devlake/);
    expect(queue).toMatch(/^Nothing is waiting in the build queue/);
  });

  it("a project's own connection only for people who can browse the project", async () => {
    await saveJenkins({ id: 'ops-ci', name: 'Ops CI', baseUrl: jenkins.url, agentEnabled: true, scope: { kind: 'project', projectKey: 'OPS' } });

    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OPS_MEMBER)).resolves.toMatch(/on Jenkins "Ops CI"/);
    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OUTSIDER)).resolves.toMatch(/No Jenkins connection is enabled for the Deploy Tracker agent that you may read/);
    await expect(ask('jenkins-queue', {}, OPS_MEMBER)).resolves.toMatch(/Several Jenkins connections are enabled for the agent: "Ops CI", "Production CI"\. Say which one to read\./);
  });

  it('a connection disabled again is refused at once', async () => {
    const store = new ConnectionStore();
    const entry = await store.get('ops-ci');
    if (!entry) throw new Error('ops-ci was saved above');
    await saveJenkins({ id: 'ops-ci', name: 'Ops CI', baseUrl: jenkins.url, agentEnabled: false, scope: entry.scope });

    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OPS_MEMBER)).resolves.toMatch(/No Jenkins connection named "Ops CI" is enabled/);
  });

  it('given a connection a Jira admin opened to every Jira user, then someone who browses no project reads all of it', async () => {
    await saveJenkins({ id: 'open-ci', name: 'Open CI', baseUrl: jenkins.url, agentEnabled: true, agentReadableByAll: true });

    const queue = await ask('jenkins-queue', { connection: 'Open CI' });
    const log = await ask('jenkins-build-details', { connection: 'Open CI', job: 'backend-service', build: '142' });

    expect(queue).toMatch(/^2 items in the build queue on Jenkins "Open CI": 1 stuck, 1 blocked/);
    expect(log).toMatch(/^backend-service #142 on Jenkins "Open CI"/);
  });
});

// The outsider reads only Open CI, opened to every Jira user above.
describe('model-extracted inputs are validated', () => {
  it('a build that is neither a number nor a permalink', async () => {
    const answer = await ask('jenkins-build-log', { job: 'api-server', build: 'yesterday' });
    expect(answer).toMatch(/^I could not use those inputs \(build: use a build number such as 142, or last, lastFailed or lastSuccessful\)/);
    expect(jenkins.requests).toHaveLength(0);
  });

  it('a missing job', async () => {
    await expect(ask('jenkins-build-details', { build: 'last' })).resolves.toMatch(/^I could not use those inputs \(job: /);
  });

  it('a job path that would walk the URL', async () => {
    const answer = await ask('jenkins-job-health', { job: '../../manage/script' });
    expect(answer).toMatch(/^I could not answer that\. "\.\.\/\.\.\/manage\/script" is not a Jenkins job's full name\./);
    expect(jenkins.requests).toHaveLength(0);
  });

  it('a job URL on another host: only its job path is used, against the connection', async () => {
    const answer = await ask('jenkins-build-details', { job: 'https://evil.example.com/job/backend-service/', build: '142', baseUrl: 'https://evil.example.com' });
    expect(answer).toMatch(/^backend-service #142 on Jenkins "Open CI"/);
    expect(jenkins.requests.map((r) => r.path)).toEqual(['/job/backend-service/142/api/json']);
  });
});
