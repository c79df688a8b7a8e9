import type { JenkinsStandIn } from '../../dev/ci-servers';
import { DEMO_CREDENTIALS } from '../../dev/ci-servers';
import { EgressDenied, TlsError } from '../../src/domain/errors';
import { CONNECTION_RESOLVERS as KEYS, testResultSchema, validatedSchema } from '../../src/shared/contract/connections';
import { aJenkinsDraft } from '../connections/support/builders';
import { dataOf, failureOf } from '../connections/support/results';
import { ADMIN_PAGE, invoke } from '../connections/support/settings-platform';
import { testPlatform } from '../support/platform';
import { quietEgressWarnings } from '../dev/egress/support';
import { httpsJenkins, Internet, productionPlatform } from './support/lane';

// The connection screens on an emulator in PRODUCTION mode: HTTPS to public names only, and the
// certificate checked against Node's trust store, which knows the lane's CA and nothing else here.
const internet = new Internet();
const platform = productionPlatform(internet);
const servers: JenkinsStandIn[] = [];
const credentials = { username: DEMO_CREDENTIALS.jenkins.username, apiToken: DEMO_CREDENTIALS.jenkins.apiToken };

beforeAll(async () => {
  platform.install();
  servers.push(
    await httpsJenkins(internet, 'jenkins.ci.test'),
    await httpsJenkins(internet, 'expired.ci.test', 'expired'),
    await httpsJenkins(internet, 'self-signed.ci.test', 'self-signed'),
    await httpsJenkins(internet, 'wrong-host.ci.test', 'valid', 'other.ci.test'),
  );
  for (const host of ['jenkins.ci.test', 'expired.ci.test', 'self-signed.ci.test', 'wrong-host.ci.test']) {
    platform.egressConsent.set({ key: `ci-server-${host}`, description: host, domains: [`https://${host}`] });
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  platform.close();
  testPlatform().install();
});

quietEgressWarnings();

const testDraft = (baseUrl: string) => invoke(platform, KEYS.testDraft, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft(baseUrl, credentials) } });

describe('connections in production mode', () => {
  it('given a Jenkins with a certificate from a trusted CA, when Ada tests it, then she sees its version and user', async () => {
    const answer = await testDraft('https://jenkins.ci.test');

    expect(dataOf(answer, testResultSchema)).toMatchObject({ provider: 'jenkins', user: credentials.username });
  });

  it('given a loopback address over plain http, when validated, then it is refused before any consent is asked', async () => {
    const answer = await invoke(platform, KEYS.validate, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft('http://127.0.0.1:8080', credentials) } });

    expect(failureOf(answer).name).toBe('InvalidConnection');
  });

  it('given a public https address, when validated, then the address to consent to comes back', async () => {
    const answer = await invoke(platform, KEYS.validate, { as: 'ada', page: ADMIN_PAGE, payload: { draft: aJenkinsDraft('https://new.ci.test/jenkins/', credentials) } });

    expect(dataOf(answer, validatedSchema)).toEqual({ egressDomain: 'https://new.ci.test' });
  });

  it('given a host no admin consented to, when tested, then Forge’s 403 comes back as EgressDenied with its hint', async () => {
    const failure = failureOf(await testDraft('https://unconsented.ci.test'));

    expect(failure.name).toBe('EgressDenied');
    expect(failure.hint).toBe(EgressDenied.defaultHint);
  });

  it.each([
    ['an expired certificate', 'https://expired.ci.test', 'CERT_HAS_EXPIRED'],
    ['a self-signed certificate', 'https://self-signed.ci.test', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a certificate for another host name', 'https://wrong-host.ci.test', 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ])('given a Jenkins with %s, when tested, then a TlsError names the cause and gives the certificate hint', async (_, url, code) => {
    const failure = failureOf(await testDraft(url));

    expect(failure.name).toBe('TlsError');
    expect(failure.message).toContain(`(${code})`);
    expect(failure.hint).toBe(TlsError.defaultHint);
  });
});
