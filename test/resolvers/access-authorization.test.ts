import { DEMO_USERS, seedDemoSite } from '../../dev/demo/seed';
import { defaultProjectConfig, type ProjectConfig } from '../../src/domain/project-config';
import { JOB_REFUSED } from '../../src/resolvers/jenkins-insight';
import { ISSUE_PANEL_RESOLVERS } from '../../src/shared/contract/issue-panel';
import { JENKINS_INSIGHT_RESOLVERS } from '../../src/shared/contract/jenkins-insight';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';
import { saveJenkins } from '../providers/jenkins/insight/support/saved-connection';
import { startIncidentJenkins } from '../providers/jenkins/insight/support/setup';
import type { JenkinsStandIn } from '../providers/jenkins/insight/support/stand-in';

/**
 * The authorization matrix of issue 12 on the demo's people: Ada (Jira admin), Priya (DEMO admin,
 * OPS developer), Uma (browses DEMO only) and Otto (no project at all). One site-wide Jenkins,
 * enabled for the agent: DEMO deploys from `backend-service`, OPS from `deploy-production`, and
 * `api-server` belongs to nobody. OPS chose to link issues of any project, so an OPS deploy mentions
 * DEMO-3 with a commit message about OPS.
 */
const PEOPLE = { ada: DEMO_USERS.admin.accountId, priya: DEMO_USERS.projectAdmin.accountId, uma: DEMO_USERS.user.accountId, otto: DEMO_USERS.outsider.accountId };
type Person = keyof typeof PEOPLE;
const JOBS = { demo: 'backend-service', ops: 'deploy-production', nobody: 'api-server' } as const;
type Job = keyof typeof JOBS;
const PANEL = 'deploy-tracker-issue-panel';
const OPS_SECRET_COMMIT = 'OPS-2 rotate the vault root token; see DEMO-3';

/** Who may read which job, by the rule: the job belongs to a project they browse with View Development Tools. */
const READS: Readonly<Record<Person, readonly Job[]>> = { ada: ['demo', 'ops'], priya: ['demo', 'ops'], uma: ['demo'], otto: [] };
const cases = (Object.keys(PEOPLE) as Person[]).flatMap((person) => (Object.keys(JOBS) as Job[]).map((job) => [person, job, READS[person].includes(job)] as const));

let jenkins: JenkinsStandIn;
const source = (id: string, job: string) => ({ id, connectionId: 'shared-ci', job, environment: { id: 'production', name: 'Production', type: 'production' as const } });
const config = (projectKey: string, overrides: Partial<ProjectConfig>): ProjectConfig => ({ ...defaultProjectConfig(projectKey, '2026-11-20T10:00:00.000Z'), ...overrides });

beforeAll(async () => {
  jenkins = await startIncidentJenkins();
  seedDemoSite(testPlatform().site);
  await saveJenkins({ id: 'shared-ci', name: 'Shared CI', baseUrl: jenkins.url, agentEnabled: true });
  const configs = new ProjectConfigStore();
  await configs.save(config('DEMO', { defaultConnectionId: 'shared-ci', deploySources: [source('demo-prod', JOBS.demo)] }));
  const opsIntegration = { ...defaultProjectConfig('OPS', '').issueIntegration, keyScope: 'any-project' as const };
  await configs.save(config('OPS', { deploySources: [source('ops-prod', JOBS.ops)], issueIntegration: opsIntegration }));
  const deploys = new DeployStore();
  const commit = (message: string) => ({ sha: 'b'.repeat(40), message, author: 'dev', timestamp: null });
  await deploys.save(aDeploy({ id: 'demo-d', projectKey: 'DEMO', issueKeys: ['DEMO-3'], commits: [commit('DEMO-3 faster checkout')] }), undefined);
  await deploys.save(aDeploy({ id: 'ops-d', projectKey: 'OPS', sha: 'c'.repeat(40), pipeline: { id: 'ops/deploy', displayName: 'ops deploy', url: null }, startedAt: '2026-11-01T12:00:00.000Z', issueKeys: ['OPS-2', 'DEMO-3'], commits: [commit(OPS_SECRET_COMMIT)] }), undefined);
});
afterAll(() => jenkins.close());
beforeEach(() => jenkins.requests.splice(0));

const askedFor = (job: Job) => jenkins.requests.some((r) => r.path.startsWith(`/job/${JOBS[job]}/`));

function onIssue(person: Person, functionKey: string, payload: unknown, issueKey = 'DEMO-1') {
  const projectKey = issueKey.slice(0, issueKey.indexOf('-'));
  return testPlatform().app.invokeResolver({ moduleKey: PANEL, functionKey, payload, accountId: PEOPLE[person], extension: { issue: { key: issueKey, id: '10001' }, project: { key: projectKey, id: '10000' } } });
}

async function ask(person: Person, action: string, inputs: Record<string, unknown>): Promise<string> {
  const answer = await testPlatform().app.runAction(action, inputs, PEOPLE[person]);
  if (typeof answer !== 'string') throw new Error(`${action} answered ${JSON.stringify(answer)}`);
  return answer;
}

describe('Jenkins drill-down from DEMO-1: buildDetails, stages, logTail', () => {
  it.each(cases)('given %s and the %s job, then reading it is allowed: %s', async (person, job, allowed) => {
    const payload = { connectionId: 'shared-ci', jobId: JOBS[job], buildNumber: 1 };
    const results = [
      await onIssue(person, JENKINS_INSIGHT_RESOLVERS.buildDetails, payload),
      await onIssue(person, JENKINS_INSIGHT_RESOLVERS.stages, payload),
      await onIssue(person, JENKINS_INSIGHT_RESOLVERS.logTail, payload),
    ];

    const refusal = person === 'otto' ? 'You do not have permission to see DEMO-1.' : JOB_REFUSED;
    for (const result of results) {
      if (allowed) expect(result).not.toMatchObject({ ok: false, error: { name: 'Forbidden' } });
      else expect(result).toEqual({ ok: false, error: { name: 'Forbidden', message: refusal, hint: expect.any(String) } });
    }
    expect(askedFor(job)).toBe(allowed);
  });

  it('given Uma, when she names a connection that does not exist, then the refusal is the one of a job she may not read', async () => {
    const result = await onIssue('uma', JENKINS_INSIGHT_RESOLVERS.logTail, { connectionId: 'no-such-ci', jobId: JOBS.ops, buildNumber: 1 });
    expect(result).toEqual({ ok: false, error: { name: 'Forbidden', message: JOB_REFUSED, hint: expect.any(String) } });
  });
});

describe('Rovo actions', () => {
  const refusedJob = /^I could not answer that\. There is no job "[^"]+" on Jenkins "Shared CI" that you may read\./;
  const noConnection = /^I could not answer that\. No Jenkins connection is enabled for the Deploy Tracker agent that you may read/;

  it.each(cases)('given %s and the %s job, then every job action is allowed: %s', async (person, job, allowed) => {
    const inputs = { job: JOBS[job], build: 'last' };
    const answers = [
      await ask(person, 'jenkins-job-health', { job: JOBS[job] }),
      await ask(person, 'jenkins-build-details', inputs),
      await ask(person, 'jenkins-build-log', inputs),
      await ask(person, 'jenkins-pipeline-stages', inputs),
    ];

    for (const answer of answers) {
      if (allowed) expect(answer).not.toMatch(/you may read/);
      else expect(answer).toMatch(person === 'otto' ? noConnection : refusedJob);
    }
    expect(askedFor(job)).toBe(allowed);
  });

  it.each(Object.keys(PEOPLE) as Person[])('given %s, when they list jobs and read the queue, then only jobs they may read show', async (person) => {
    const listing = await ask(person, 'jenkins-list-jobs', {});
    const queue = await ask(person, 'jenkins-queue', {});

    if (person === 'otto') {
      expect(listing).toMatch(noConnection);
      expect(queue).toMatch(noConnection);
      expect(jenkins.requests).toHaveLength(0);
      return;
    }
    for (const job of Object.keys(JOBS) as Job[]) {
      if (READS[person].includes(job)) expect(listing).toContain(`- ${JOBS[job]} `);
      else expect(listing).not.toContain(JOBS[job]);
    }
    // The incident queue holds a job nobody's project names and a Pipeline step naming no job.
    expect(queue).toMatch(/^Nothing is waiting in the build queue on Jenkins "Shared CI"/);
  });

  it('given Otto (finding 1), when he asks for job parameters and commit messages, then he learns nothing', async () => {
    const answer = await ask('otto', 'jenkins-build-details', { job: JOBS.demo, build: '142', connection: 'Shared CI' });
    expect(answer).toMatch(noConnection);
    expect(answer).not.toMatch(/Parameters|Code changes|Shared CI/);
  });
});

describe('deploys and commits on DEMO-3', () => {
  const SEES: Readonly<Record<Person, readonly string[] | 'refused'>> = { ada: ['ops-d', 'demo-d'], priya: ['ops-d', 'demo-d'], uma: ['demo-d'], otto: 'refused' };

  it.each(Object.keys(PEOPLE) as Person[])('given %s, then the panel lists, opens and shows commits of deploys of projects they may see only', async (person) => {
    const load = await onIssue(person, ISSUE_PANEL_RESOLVERS.load, {}, 'DEMO-3');
    const details = await Promise.all(['demo-d', 'ops-d'].map((deployId) => onIssue(person, ISSUE_PANEL_RESOLVERS.deploy, { deployId }, 'DEMO-3')));

    const seen = SEES[person];
    if (seen === 'refused') {
      expect(load).toMatchObject({ ok: false, error: { name: 'Forbidden' } });
      for (const detail of details) expect(detail).toMatchObject({ ok: false });
    } else {
      expect(load).toMatchObject({ ok: true, data: { status: 'ready', deploys: seen.map((id) => expect.objectContaining({ id })) } });
      details.forEach((detail, i) => {
        if (seen.includes(['demo-d', 'ops-d'][i] ?? '')) expect(detail).toMatchObject({ ok: true });
        else expect(detail).toEqual({ ok: false, error: { name: 'DeployNotFound', message: expect.any(String), hint: expect.any(String) } });
      });
    }
    const shown = JSON.stringify([load, ...details]);
    expect(shown.includes('vault root token')).toBe(seen !== 'refused' && seen.includes('ops-d'));
  });

  it('given Uma (finding 4), when she opens the OPS deploy by id, then the answer is the one of a deploy that does not exist', async () => {
    const hidden = await onIssue('uma', ISSUE_PANEL_RESOLVERS.deploy, { deployId: 'ops-d' }, 'DEMO-3');
    const missing = await onIssue('uma', ISSUE_PANEL_RESOLVERS.deploy, { deployId: 'no-such-deploy' }, 'DEMO-3');
    expect(hidden).toEqual(missing);
  });
});
