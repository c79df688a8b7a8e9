import { AuthError, NotFound, PermissionError, ServiceUnavailable, TimeoutError } from '../../../../src/domain/errors';
import { JenkinsInsight } from '../../../../src/providers/jenkins/insight';
import { jenkinsAt, testDeps } from '../../support/deps';
import { page } from './support/stand-in';
import { useIncidentJenkins } from './support/setup';

const t = useIncidentJenkins();

/** Each capability, as the agent and the panel call them. */
const capabilities: readonly [string, (insight: JenkinsInsight) => Promise<unknown>][] = [
  ['list jobs', (i) => i.listJobs()],
  ['job details', (i) => i.jobDetails('deploy-production')],
  ['build details', (i) => i.buildDetails('backend-service', 142)],
  ['build log', (i) => i.buildLog('backend-service', 142)],
  ['queue', (i) => i.queue()],
  ['pipeline stages', (i) => i.pipelineRun('release-pipeline', 'last')],
];

describe.each(capabilities)('%s fails with the transport’s typed errors', (_name, call) => {
  it('401: the Jenkins hint about user name and API token', async () => {
    const insight = new JenkinsInsight(jenkinsAt(t().jenkins.url), { apiToken: 'revoked-token-0000' }, t().deps);
    const error = await call(insight).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ message: expect.stringMatching(/HTTP 401/), hint: expect.stringMatching(/Jenkins user name and API token/) });
  });

  it('403: the Jenkins hint about Overall/Read and Job/Read', async () => {
    t().jenkins.overrides.set('*', page(403, 'Forbidden'));
    const error = await call(t().insight).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ hint: expect.stringMatching(/Overall\/Read and Job\/Read/) });
  });

  it('503: the Jenkins hint about starting or quiet-down, after the retries', async () => {
    t().jenkins.overrides.set('*', page(503, 'Service Unavailable'));
    const error = await call(t().insight).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect(error).toMatchObject({ hint: expect.stringMatching(/quiet-down mode/) });
    expect(t().jenkins.requests).toHaveLength(4);
  });

  it('no answer: TimeoutError', async () => {
    t().jenkins.overrides.set('*', { hang: true });
    const insight = new JenkinsInsight(jenkinsAt(t().jenkins.url), { apiToken: 'tok-3f9c2a7b81d04e56' }, testDeps({ tuning: { requestTimeoutMs: 200 } }));
    const error = await call(insight).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ message: expect.stringMatching(/did not answer within/) });
  });
});

it('404 for an unknown job: NotFound with the job hint', async () => {
  const error = await t().insight.jobDetails('no-such-job').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFound);
  expect(error).toMatchObject({ message: expect.stringMatching(/\/job\/no-such-job\/api\/json \(HTTP 404\)/), hint: expect.stringMatching(/Job\/Read permission/) });
});

it('the token never appears in an error', async () => {
  t().jenkins.overrides.set('*', { status: 401, body: '{"message":"bad token tok-3f9c2a7b81d04e56"}', headers: { 'content-type': 'application/json' } });
  const error = await t().insight.queue().catch((e: unknown) => e);
  expect(JSON.stringify(error)).not.toContain('tok-3f9c2a7b81d04e56');
  expect(error).toBeInstanceOf(AuthError);
  expect(String(error)).not.toContain('tok-3f9c2a7b81d04e56');
});
