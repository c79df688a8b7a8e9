import { z } from 'zod';
import {
  AuthError,
  EgressDenied,
  InvalidResponse,
  NotFound,
  PermissionError,
  ResponseTooLarge,
  TimeoutError,
  TlsError,
  UnreachableError,
} from '../../../src/domain/errors';
import { HttpClient } from '../../../src/providers/http/client';
import { closedPortUrl, fixture, json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';
import { selfSignedCertificate } from '../support/self-signed';
import { TOKEN, testDeps, type TestDeps } from '../support/deps';

const anything = z.unknown();
let server: RecordedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(deps: TestDeps = testDeps()): HttpClient {
  return new HttpClient({ label: 'Jenkins', headers: { authorization: `Bearer ${TOKEN}` }, secrets: [TOKEN], deps });
}

async function failureOf(routes: Route[], path = '/api/json', deps?: TestDeps): Promise<unknown> {
  server = await startRecordedServer(routes);
  return clientFor(deps)
    .getJson(`${server.url}${path}`, anything)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('HTTP failures become typed errors a person can act on', () => {
  it('401: AuthError telling to check user and token', async () => {
    const error = await failureOf([{ path: '/api/json', reply: json('{"message":"Bad credentials"}', 401) }]);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ name: 'AuthError', hint: expect.stringMatching(/token/) });
  });

  it('403: PermissionError', async () => {
    const error = await failureOf([{ path: '/api/json', reply: json('{}', 403) }]);
    expect(error).toBeInstanceOf(PermissionError);
  });

  it('404: NotFound, with the server URL but without its query string', async () => {
    const error = await failureOf([], '/jenkins/api/json?tree=jobs[name]');
    expect(error).toBeInstanceOf(NotFound);
    expect(String((error as Error).message)).toMatch(/\/jenkins\/api\/json \(HTTP 404\)/);
    expect(String((error as Error).message)).not.toMatch(/tree=/);
  });

  it('timeout: TimeoutError with the "reachable from Atlassian\'s cloud" hint', async () => {
    const deps = testDeps({ tuning: { requestTimeoutMs: 300 } });
    const error = await failureOf([{ path: '/api/json', reply: { hang: true } }], '/api/json', deps);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).hint).toMatch(/Atlassian's cloud.*deploy registration/s);
  });

  it('connection refused: UnreachableError with the same hint', async () => {
    const url = await closedPortUrl();
    const error = await clientFor().getJson(`${url}/api/json`, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).message).toMatch(/ECONNREFUSED/);
    expect((error as UnreachableError).hint).toMatch(/firewall/);
  });

  it('an HTML login page where JSON was expected: InvalidResponse pointing at custom headers', async () => {
    const page = '<!DOCTYPE html><html><body><form action="j_security_check">Sign in</form></body></html>';
    const error = await failureOf([{ path: '/api/json', reply: { body: page, headers: { 'content-type': 'text/html;charset=utf-8' } } }]);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as InvalidResponse).hint).toMatch(/login page or a proxy.*custom headers/s);
  });

  it('truncated JSON (a recording cut in half): InvalidResponse', async () => {
    const whole = fixture('jenkins/cdancy-jenkins-rest/build-info.json');
    const error = await failureOf([{ path: '/api/json', reply: json(whole.subarray(0, whole.length / 2)) }]);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toMatch(/incomplete or malformed JSON/);
  });

  it('a connection cut in the middle of the body: UnreachableError', async () => {
    const whole = fixture('jenkins/cdancy-jenkins-rest/build-info.json');
    const error = await failureOf([{ path: '/api/json', reply: { body: whole, cutAfter: 100 } }]);
    expect(error).toBeInstanceOf(UnreachableError);
  });

  it('an oversize body, announced or streamed: ResponseTooLarge, read no further than the cap', async () => {
    const deps = testDeps({ tuning: { maxResponseBytes: 100_000 } });
    const announced = await failureOf([{ path: '/api/json', reply: json(Buffer.alloc(200_000, 0x20)) }], '/api/json', deps);
    expect(announced).toBeInstanceOf(ResponseTooLarge);
    await server?.close();
    const streamed = await failureOf([{ path: '/api/json', reply: { streamBytes: 50_000_000 } }], '/api/json', deps);
    expect(streamed).toBeInstanceOf(ResponseTooLarge);
  });

  it('a redirect (to a login page) is reported, not followed', async () => {
    const error = await failureOf([
      { path: '/api/json', reply: { status: 302, headers: { location: '/login?from=%2Fapi%2Fjson' } } },
      { path: '/login', reply: json('{}') },
    ]);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toMatch(/redirected .* to http:\/\/127\.0\.0\.1:\d+\/login/);
    expect(server?.requests.map((r) => r.path)).toEqual(['/api/json']);
  });

  it('an answer of the wrong shape: InvalidResponse naming the field', async () => {
    server = await startRecordedServer([{ path: '/api/json', reply: json('{"number":"seven"}') }]);
    const error = await clientFor()
      .getJson(`${server.url}/api/json`, z.object({ number: z.number() }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toMatch(/at number/);
  });

  it('a TLS certificate the client does not trust: TlsError', async () => {
    server = await startRecordedServer([{ path: '/api/json', reply: json('{}') }], selfSignedCertificate());
    const error = await clientFor().getJson(`${server.url}/api/json`, anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).message).toMatch(/self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('a host Forge does not let the app reach: EgressDenied, not a CI permission problem', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined); // the emulator logs each denial
    const error = await clientFor().getJson('https://ci.example.com/api/json', anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressDenied);
  });

  it('never puts the token in a message, even when the server echoes it', async () => {
    const error = await failureOf([{ path: '/api/json', reply: json(JSON.stringify({ message: `token ${TOKEN} is revoked` }), 401) }]);
    expect((error as Error).message).toContain('token *** is revoked');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(JSON.stringify((error as Error).cause)).not.toContain(TOKEN);
  });

  it('serialises for the UI as name, message and hint only', async () => {
    const error = await failureOf([{ path: '/api/json', reply: json('{}', 401) }]);
    expect(Object.keys(JSON.parse(JSON.stringify(error)) as object)).toEqual(['name', 'message', 'hint']);
  });
});
