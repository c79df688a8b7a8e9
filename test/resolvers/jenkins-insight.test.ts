import { DomainError, TimeoutError } from '../../src/domain/errors';
import { defaultProjectConfig } from '../../src/domain/project-config';
import { JenkinsInsight } from '../../src/providers/jenkins/insight';
import { JOB_REFUSED } from '../../src/resolvers/jenkins-insight';
import { JENKINS_INSIGHT_RESOLVERS, type BuildPayload } from '../../src/shared/contract/jenkins-insight';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { testPlatform } from '../support/platform';
import { jenkinsAt, testDeps, TOKEN } from '../providers/support/deps';
import { saveJenkins } from '../providers/jenkins/insight/support/saved-connection';
import { startIncidentJenkins } from '../providers/jenkins/insight/support/setup';
import { page, type JenkinsStandIn } from '../providers/jenkins/insight/support/stand-in';

const VIEWER = 'demo-viewer';
const STRANGER = 'ops-only';
const PANEL = 'deploy-tracker-issue-panel';
let jenkins: JenkinsStandIn;
let issue: { key: string; id: string };
let project: { key: string; id: string };

beforeAll(async () => {
  jenkins = await startIncidentJenkins();
  const site = testPlatform().site;
  site.addUser({ accountId: VIEWER, displayName: 'Vera Viewer' });
  site.addUser({ accountId: STRANGER, displayName: 'Sam Stranger' });
  const demo = site.addProject({ key: 'DEMO', lead: VIEWER, roles: { [VIEWER]: 'viewer' } });
  site.addProject({ key: 'OPS', lead: STRANGER, roles: { [STRANGER]: 'viewer' } });
  const [first] = site.addIssues('DEMO', 1);
  if (!first) throw new Error('no issue');
  issue = { key: first.key, id: first.id };
  project = { key: demo.key, id: demo.id };
  await saveJenkins({ id: 'prod-ci', name: 'Production CI', baseUrl: jenkins.url, agentEnabled: false });
  await saveJenkins({ id: 'ops-ci', name: 'Ops CI', baseUrl: jenkins.url });
  await saveJenkins({ id: 'revoked-ci', name: 'Revoked CI', baseUrl: jenkins.url, apiToken: 'revoked-token-0000' });
  const config = defaultProjectConfig('DEMO', '2026-11-20T10:00:00.000Z');
  // `**` names every job: an empty selection counts all jobs as builds but names none for reading (access-rules.ts).
  const builds = [{ connectionId: 'prod-ci', jobs: ['**'] }, { connectionId: 'revoked-ci', jobs: ['**'] }];
  await new ProjectConfigStore().save({ ...config, defaultConnectionId: 'prod-ci', builds });
});
afterAll(() => jenkins.close());
afterEach(() => jenkins.overrides.clear());
beforeEach(() => jenkins.requests.splice(0));

function call(functionKey: string, payload: unknown, accountId = VIEWER, timeoutMs?: number) {
  return testPlatform().app.invokeResolver({ moduleKey: PANEL, functionKey, payload, accountId, extension: { issue, project }, ...(timeoutMs ? { timeoutMs } : {}) });
}

const build = (overrides: Partial<BuildPayload> = {}): BuildPayload => ({ connectionId: 'prod-ci', jobId: 'release-pipeline', buildNumber: 10, ...overrides });

describe('drilling into a build from an issue the viewer can browse', () => {
  it('stages', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.stages, build());
    expect(result).toMatchObject({ ok: true, data: { buildNumber: 10, rawState: 'FAILED', stages: [{ name: 'gitlabAutoSync' }, { name: 'gitlabInit', rawState: 'FAILED' }] } });
  });

  it('the log tail, within the byte budget', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.logTail, build({ jobId: 'api-server', buildNumber: 10002 }));
    expect(result).toMatchObject({ ok: true, data: { buildNumber: 10002, notReadBytes: 50 * 1024 * 1024 - 65536, firstError: expect.stringMatching(/^\[ERROR\]/) } });
  });

  it('build details', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.buildDetails, build({ jobId: 'backend-service', buildNumber: 142 }));
    expect(result).toMatchObject({ ok: true, data: { build: { number: 142, connectionId: 'prod-ci', commits: [{ message: 'Commit comment' }] } } });
  });

  it('a freestyle build: a StagesUnavailable failure for the stages section only', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.stages, build({ jobId: 'deploy-production', buildNumber: 2 }));
    expect(result).toMatchObject({ ok: false, error: { name: 'StagesUnavailable' } });
  });
});

describe('what the drill-down refuses', () => {
  it('a viewer who cannot browse the issue: Forbidden, before Jenkins is asked', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.logTail, build(), STRANGER);
    expect(result).toEqual({ ok: false, error: { name: 'Forbidden', message: `You do not have permission to see ${issue.key}.`, hint: expect.any(String) } });
    expect(jenkins.requests).toHaveLength(0);
  });

  it("a build of a connection the issue's project does not use", async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.stages, build({ connectionId: 'ops-ci' }));
    expect(result).toMatchObject({ ok: false, error: { name: 'Forbidden', message: JOB_REFUSED } });
    expect(jenkins.requests).toHaveLength(0);
  });

  it('a payload that tries to bring its own server or issue', async () => {
    const result = await call(JENKINS_INSIGHT_RESOLVERS.stages, { ...build(), baseUrl: 'https://evil.example.com', issueKey: 'OPS-1' });
    expect(result).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
  });

  it('a view that is not on an issue', async () => {
    const result = await testPlatform().app.invokeResolver({ moduleKey: PANEL, functionKey: JENKINS_INSIGHT_RESOLVERS.stages, payload: build(), accountId: VIEWER, extension: { project } });
    expect(result).toMatchObject({ ok: false, error: { name: 'NotOnAnIssue' } });
  });
});

describe("Jenkins' troubleshooting messages reach the panel unchanged", () => {
  async function providerError(token: string, call: (insight: JenkinsInsight) => Promise<unknown>): Promise<DomainError> {
    const error = await call(new JenkinsInsight(jenkinsAt(jenkins.url), { apiToken: token }, testDeps())).catch((e: unknown) => e);
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  }

  it.each([
    ['401', 'revoked-ci', 'revoked-token-0000', null],
    ['403', 'prod-ci', TOKEN, page(403, 'Forbidden')],
    ['404', 'prod-ci', TOKEN, page(404, 'Not Found')],
    ['503', 'prod-ci', TOKEN, page(503, 'Service Unavailable', { 'retry-after': '0' })],
  ] as const)('HTTP %s', async (_status, connectionId, token, reply) => {
    if (reply) jenkins.overrides.set('*', reply);
    const expected = await providerError(token, (i) => i.buildLog('api-server', 10002));

    const result = await call(JENKINS_INSIGHT_RESOLVERS.logTail, build({ connectionId, jobId: 'api-server', buildNumber: 10002 }));

    expect(result).toEqual({ ok: false, error: expected.toJSON() });
  });

  it('a timeout, with what is left of the resolver’s time', async () => {
    jenkins.overrides.set('*', { hang: true });
    const result = await call(JENKINS_INSIGHT_RESOLVERS.buildDetails, build(), VIEWER, 5000);
    expect(result).toEqual({
      ok: false,
      error: { name: 'TimeoutError', message: expect.stringMatching(/^Jenkins at 127\.0\.0\.1:\d+ did not answer within 2 s\.$/), hint: TimeoutError.defaultHint },
    });
  });
});
