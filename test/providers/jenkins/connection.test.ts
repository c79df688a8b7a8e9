import { AuthError, PermissionError, ServiceUnavailable } from '../../../src/domain/errors';
import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { SECRET, TOKEN, jenkinsAt, testDeps } from '../support/deps';
import { json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// No recording of /whoAmI exists in the fixtures: this body follows Jenkins' WhoAmI export.
const WHO_AM_I = '{"_class":"hudson.security.WhoAmI","anonymous":false,"authenticated":true,"name":"deploy-bot"}';

async function jenkinsServing(routes: Route[], headers: Record<string, string> = {}): Promise<JenkinsProvider> {
  server = await startRecordedServer(routes);
  return new JenkinsProvider(jenkinsAt(`${server.url}/jenkins`, headers), SECRET, testDeps());
}

describe('testing a Jenkins connection', () => {
  it('reports the version from X-Jenkins and the user, sending credentials and custom headers pre-emptively', async () => {
    const jenkins = await jenkinsServing(
      [
        { path: '/jenkins/api/json', reply: json('{"_class":"hudson.model.Hudson","jobs":[{"name":"foo"}]}', 200, { 'x-jenkins': '2.440.3' }) },
        { path: '/jenkins/whoAmI/api/json', reply: json(WHO_AM_I) },
      ],
      { 'X-Proxy-Key': 'proxy-secret-value' },
    );

    const result = await jenkins.testConnection();

    expect(result).toEqual({ provider: 'jenkins', serverVersion: '2.440.3', user: 'deploy-bot', warnings: [] });
    expect(server?.requests).toHaveLength(2);
    const first = server?.requests[0];
    expect(first?.headers.authorization).toBe(`Basic ${Buffer.from(`deploy-bot:${TOKEN}`).toString('base64')}`);
    expect(first?.headers['x-proxy-key']).toBe('proxy-secret-value');
  });

  it('warns when Jenkins treats the requests as anonymous and shows no jobs', async () => {
    const jenkins = await jenkinsServing([
      { path: '/jenkins/api/json', reply: json('{"jobs":[]}') },
      { path: '/jenkins/whoAmI/api/json', reply: json('{"anonymous":true,"authenticated":true,"name":"anonymous"}') },
    ]);

    const result = await jenkins.testConnection();

    expect(result.warnings).toEqual([
      expect.stringMatching(/X-Jenkins/),
      expect.stringMatching(/anonymous.*Authorization header/),
      expect.stringMatching(/Job\/Read/),
    ]);
  });

  it('401: check user and token', async () => {
    const jenkins = await jenkinsServing([{ path: '/jenkins/api/json', reply: { status: 401, body: '<html>Unauthorized</html>', headers: { 'content-type': 'text/html' } } }]);
    const error = await jenkins.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).hint).toMatch(/user name and API token/);
  });

  it('403: Overall/Read and Job/Read', async () => {
    const jenkins = await jenkinsServing([{ path: '/jenkins/api/json', reply: { status: 403, body: 'Forbidden' } }]);
    const error = await jenkins.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).hint).toMatch(/Overall\/Read and Job\/Read/);
  });

  it('503 while starting or in quiet-down: retried, then "retry later"', async () => {
    const jenkins = await jenkinsServing([{ path: '/jenkins/api/json', reply: { status: 503, body: 'Jenkins is getting ready to work' } }]);
    const error = await jenkins.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect((error as ServiceUnavailable).hint).toMatch(/starting or in quiet-down/);
    expect(server?.requests).toHaveLength(4);
  });

  it('keeps the port and context path of the base URL', async () => {
    const jenkins = await jenkinsServing([]);
    await jenkins.testConnection().catch(() => undefined);
    expect(server?.requests[0]?.path).toBe('/jenkins/api/json');
  });
});
