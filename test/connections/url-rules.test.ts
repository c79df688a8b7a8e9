import { checkBaseUrl } from '../../src/domain/connection';
import { currentUrlRules, urlRulesFor } from '../../src/connections/url-rules';
import { newInvocation, runInInvocation } from '../../dev/emulator/invocation';

describe('which URLs a connection may use', () => {
  it.each(['PRODUCTION', 'STAGING', 'production', ''])('given a %s environment, then loopback http is refused like any http', (environmentType) => {
    const rules = urlRulesFor(environmentType);

    expect(checkBaseUrl('http://127.0.0.1:8080/jenkins', rules)).toEqual({ problems: [expect.stringMatching(/must start with https/)] });
    expect(checkBaseUrl('https://127.0.0.1:9999', rules)).toEqual({ problems: [expect.stringMatching(/port 9999 is not one Forge can reach/)] });
  });

  it('given a DEVELOPMENT environment, then loopback http on any port is allowed and other hosts keep the HTTPS rule', () => {
    const rules = urlRulesFor('DEVELOPMENT');

    expect(checkBaseUrl('http://127.0.0.1:49152/jenkins/', rules)).toEqual({ url: 'http://127.0.0.1:49152/jenkins' });
    expect(checkBaseUrl('http://localhost:8080', rules)).toEqual({ url: 'http://localhost:8080' });
    expect('problems' in checkBaseUrl('http://ci.example.com', rules)).toBe(true);
    expect('problems' in checkBaseUrl('https://ci.example.com:9000', rules)).toBe(true);
  });

  it('given the emulator, then the rules come from the environment type Forge reports to the function', async () => {
    const invocation = newInvocation({ functionKey: 'ui-resolver', moduleKey: 'deploy-tracker-admin', timeoutMs: 25_000, accountId: 'acc' }, Date.now);

    const rules = await runInInvocation(invocation, async () => currentUrlRules());

    expect(rules).toEqual({ allowLoopbackHttp: true });
  });
});
