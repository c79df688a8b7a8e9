import { DomainError, TimeoutError } from '../../src/domain/errors';
import { JenkinsInsight } from '../../src/providers/jenkins/insight';
import { CLOUD_ID } from '../../dev/emulator/app-invoker';
import { testPlatform } from '../support/platform';
import { jenkinsAt, testDeps, TOKEN } from '../providers/support/deps';
import { saveJenkins } from '../providers/jenkins/insight/support/saved-connection';
import { startIncidentJenkins } from '../providers/jenkins/insight/support/setup';
import { page, type JenkinsStandIn, type Reply } from '../providers/jenkins/insight/support/stand-in';
import { projectReadingAllJobsOf } from './support/readers';

/**
 * Jenkins' troubleshooting messages reach the person unchanged: the action's answer carries the
 * provider error's message and hint exactly as the capability raised them.
 */
const ASKER = 'rovo-user-errors';
let jenkins: JenkinsStandIn;

beforeAll(async () => {
  jenkins = await startIncidentJenkins();
  testPlatform().site.addUser({ accountId: ASKER, displayName: 'Erin Errors' });
  await saveJenkins({ id: 'prod-ci', name: 'Production CI', baseUrl: jenkins.url });
  await saveJenkins({ id: 'revoked-ci', name: 'Revoked CI', baseUrl: jenkins.url, apiToken: 'revoked-token-0000' });
  await projectReadingAllJobsOf('ERR', ['prod-ci', 'revoked-ci'], [ASKER]);
});
afterAll(() => jenkins.close());
afterEach(() => jenkins.overrides.clear());

/** The error the capability itself raises for the same request. */
async function providerError(token: string, call: (insight: JenkinsInsight) => Promise<unknown>): Promise<DomainError> {
  const error = await call(new JenkinsInsight(jenkinsAt(jenkins.url), { apiToken: token }, testDeps())).catch((e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

const answerFor = (error: DomainError) => `I could not answer that. ${error.message}\nWhat to do: ${error.hint}`;

const FAILURES: readonly { status: string; connection: string; token: string; reply: Reply | null; expectedName: string }[] = [
  { status: '401', connection: 'Revoked CI', token: 'revoked-token-0000', reply: null, expectedName: 'AuthError' },
  { status: '403', connection: 'Production CI', token: TOKEN, reply: page(403, 'Forbidden'), expectedName: 'PermissionError' },
  // Retry-After: 0 makes the client's three retries immediate, so the test does not wait 7 s of backoff.
  { status: '503', connection: 'Production CI', token: TOKEN, reply: page(503, 'Service Unavailable', { 'retry-after': '0' }), expectedName: 'ServiceUnavailable' },
];

describe.each(FAILURES)('HTTP $status', ({ connection, token, reply, expectedName }) => {
  it.each([
    ['jenkins-build-log', { job: 'api-server', build: 'lastFailed' }, (i: JenkinsInsight) => i.buildLog('api-server', 'lastFailed')],
    ['jenkins-queue', {}, (i: JenkinsInsight) => i.queue()],
    ['jenkins-list-jobs', {}, (i: JenkinsInsight) => i.listJobs()],
  ] as const)('%s answers with the provider message and hint unchanged', async (action, inputs, call) => {
    if (reply) jenkins.overrides.set('*', reply);
    const expected = await providerError(token, call);
    expect(expected.name).toBe(expectedName);

    const answer = await testPlatform().app.runAction(action, { ...inputs, connection }, ASKER);

    expect(answer).toBe(answerFor(expected));
  });
});

it('HTTP 404: an unknown build answers with the build hint unchanged', async () => {
  const expected = await providerError(TOKEN, (i) => i.buildDetails('backend-service', 999));
  expect(expected.name).toBe('NotFound');

  const answer = await testPlatform().app.runAction('jenkins-build-details', { job: 'backend-service', build: '999', connection: 'Production CI' }, ASKER);

  expect(answer).toBe(answerFor(expected));
});

it('no answer within the time left: the timeout message and hint', async () => {
  jenkins.overrides.set('*', { hang: true });

  // Run as runAction does, with a 5 s function timeout: the request gets what is left minus the 3 s margin.
  const answer = await testPlatform().functions.run(
    { functionKey: 'rovo-queue', moduleKey: 'jenkins-queue', moduleKind: 'action', accountId: ASKER, timeoutMs: 5000 },
    { connection: 'Production CI', context: { cloudId: CLOUD_ID, moduleKey: 'jenkins-queue', accountId: ASKER } },
    { principal: { accountId: ASKER }, installContext: `ari:cloud:jira::site/${CLOUD_ID}` },
  );

  expect(answer).toMatch(/^I could not answer that\. Jenkins at 127\.0\.0\.1:\d+ did not answer within 2 s\.\n/);
  expect(answer).toContain(`What to do: ${TimeoutError.defaultHint}`);
});
