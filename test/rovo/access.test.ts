import { ConnectionStore } from '../../src/storage/connection-store';
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
afterAll(() => jenkins.close());
beforeEach(() => jenkins.requests.splice(0));

const ask = async (action: string, inputs: Record<string, unknown>, accountId = OUTSIDER): Promise<string> => {
  const answer = await testPlatform().app.runAction(action, inputs, accountId);
  if (typeof answer !== 'string') throw new Error(`action ${action} answered ${JSON.stringify(answer)}`);
  return answer;
};

describe('which connections the agent may read', () => {
  it('none enabled: a refusal saying who can enable one, and no request to Jenkins', async () => {
    await saveJenkins({ id: 'old-ci', name: 'Old CI', baseUrl: jenkins.url, agentEnabled: false });

    const answer = await ask('jenkins-queue', {});

    expect(answer).toBe(
      'I could not answer that. No Jenkins connection is enabled for the Deploy Tracker agent, so it cannot read Jenkins for you.\n' +
        'What to do: A Jira admin decides which Jenkins connections the agent may read: Deploy Tracker admin page, Connections, "Use with the Rovo agent".',
    );
    expect(jenkins.requests).toHaveLength(0);
  });

  it('a connection named by the model but not enabled for the agent: refused like one that does not exist', async () => {
    await saveJenkins({ id: 'prod-ci', name: 'Production CI', baseUrl: jenkins.url, agentEnabled: true });

    const notEnabled = await ask('jenkins-queue', { connection: 'Old CI' });
    const unknown = await ask('jenkins-queue', { connection: 'Shadow CI' });

    expect(notEnabled).toMatch(/^I could not answer that\. No Jenkins connection named "Old CI" is enabled for the Deploy Tracker agent\.\nWhat to do: The agent may read: "Production CI"\./);
    expect(unknown).toMatch(/No Jenkins connection named "Shadow CI" is enabled/);
    expect(jenkins.requests).toHaveLength(0);
  });

  it('an enabled connection, named in any case', async () => {
    await expect(ask('jenkins-queue', { connection: 'production ci' })).resolves.toMatch(/^2 items in the build queue on Jenkins "Production CI"/);
  });

  it("a project's own connection only for people who can browse the project", async () => {
    await saveJenkins({ id: 'ops-ci', name: 'Ops CI', baseUrl: jenkins.url, agentEnabled: true, scope: { kind: 'project', projectKey: 'OPS' } });

    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OPS_MEMBER)).resolves.toMatch(/on Jenkins "Ops CI"/);
    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OUTSIDER)).resolves.toMatch(/No Jenkins connection named "Ops CI" is enabled/);
    // Without a name, the outsider has one connection to use; the member has two and is asked which.
    await expect(ask('jenkins-queue', {}, OUTSIDER)).resolves.toMatch(/on Jenkins "Production CI"/);
    await expect(ask('jenkins-queue', {}, OPS_MEMBER)).resolves.toMatch(/Several Jenkins connections are enabled for the agent: "Ops CI", "Production CI"\. Say which one to read\./);
  });

  it('a connection disabled again is refused at once', async () => {
    const store = new ConnectionStore();
    const entry = await store.get('ops-ci');
    if (!entry) throw new Error('ops-ci was saved above');
    await saveJenkins({ id: 'ops-ci', name: 'Ops CI', baseUrl: jenkins.url, agentEnabled: false, scope: entry.scope });

    await expect(ask('jenkins-queue', { connection: 'Ops CI' }, OPS_MEMBER)).resolves.toMatch(/No Jenkins connection named "Ops CI" is enabled/);
  });
});

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
    expect(answer).toMatch(/^backend-service #142 on Jenkins "Production CI"/);
    expect(jenkins.requests.map((r) => r.path)).toEqual(['/job/backend-service/142/api/json']);
  });
});
