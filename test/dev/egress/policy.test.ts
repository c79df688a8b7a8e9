import type { RequestInit as ForgeRequestInit } from '@forge/api';
import { testPlatform } from '../../support/platform';
import { EGRESS_MANIFEST, fakeNetwork, forgeApiOn, inInvocation, platformOn, quietEgressWarnings, testInvocation, type ForgeApi } from './support';

// As on Forge: not in local mode, so loopback gets no exemption. The manifest declares
// api.example.com, *.builds.example.net, https://pinned.example.org:8443 and old-style.example.com;
// a fake network stands in for the internet, so nothing leaves the machine.
const network = fakeNetwork();
const platform = platformOn(network.fetch, { localMode: false, manifestPath: EGRESS_MANIFEST });
let forge: ForgeApi;

beforeAll(async () => {
  forge = await forgeApiOn(platform);
});
afterAll(() => testPlatform().install());
beforeEach(() => {
  network.requests.splice(0);
  platform.egressConsent.load([]);
});
quietEgressWarnings();

async function get(url: string, init?: ForgeRequestInit): Promise<{ status: number; body: string }> {
  const response = await inInvocation(testInvocation(), () => forge.fetch(url, init));
  return { status: response.status, body: await response.text() };
}

async function reaches(url: string): Promise<boolean> {
  const { status } = await get(url);
  if (status !== 200 && status !== 403) throw new Error(`unexpected status ${status} for ${url}`);
  return status === 200;
}

describe('egress allowed by the manifest', () => {
  it('reaches a declared host over https, on any path', async () => {
    expect(await get('https://api.example.com/v2/builds?page=2')).toEqual({ status: 200, body: 'reached https://api.example.com/v2/builds?page=2' });
    expect(await reaches('https://old-style.example.com/')).toBe(true);
    expect(network.requests.map((r) => r.url)).toEqual(['https://api.example.com/v2/builds?page=2', 'https://old-style.example.com/']);
  });

  it('refuses an undeclared host with 403 and Forge’s message, and sends nothing', async () => {
    const url = 'https://jenkins.example.test/api/json';
    expect(await get(url)).toEqual({ status: 403, body: new forge.ExternalEndpointNotAllowedError(url).message });
    expect(network.requests).toEqual([]);
  });

  it('refuses plain http, even to a declared host or to loopback', async () => {
    const declared = await get('http://api.example.com/');
    const loopback = await get('http://127.0.0.1:8080/');
    expect(declared.status).toBe(403);
    expect(declared.body).toContain('Forge only allows HTTPS egress');
    expect(loopback.status).toBe(403);
  });

  it("allows only Forge's ports", async () => {
    for (const port of [443, 8080, 8443, 8444, 7990, 8089, 8090, 8085, 8060]) expect(await reaches(`https://api.example.com:${port}/`)).toBe(true);
    const refused = await get('https://api.example.com:9000/');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('port 9000');
  });

  it('matches a wildcard entry on subdomains at any depth, never on the parent domain', async () => {
    expect(await reaches('https://ci.builds.example.net/')).toBe(true);
    expect(await reaches('https://eu.ci.builds.example.net/')).toBe(true);
    expect(await reaches('https://builds.example.net/')).toBe(false);
    expect(await reaches('https://evilbuilds.example.net/')).toBe(false);
  });

  it('holds an entry that names a port to that port', async () => {
    expect(await reaches('https://pinned.example.org:8443/')).toBe(true);
    expect(await reaches('https://pinned.example.org/')).toBe(false);
  });

  it('checks every redirect hop, and drops credentials when the redirect changes origin', async () => {
    const away = await get('https://api.example.com/redirect?to=https://elsewhere.example.test/');
    expect(away.status).toBe(403);
    await get('https://api.example.com/redirect?to=https://ci.builds.example.net/done', { headers: { authorization: 'Bearer t0ken' } });
    expect(network.requests.map((r) => [r.url, r.authorization])).toEqual([
      ['https://api.example.com/redirect?to=https://elsewhere.example.test/', null],
      ['https://api.example.com/redirect?to=https://ci.builds.example.net/done', 'Bearer t0ken'],
      ['https://ci.builds.example.net/done', null],
    ]);
  });
});

describe('egress an admin consented to (customer-managed egress)', () => {
  it('reaches a consented host, and stops when the consent is withdrawn', async () => {
    expect(await reaches('https://jenkins.example.test/api/json')).toBe(false);
    platform.egressConsent.set({ key: 'ci-servers', description: 'CI servers', domains: ['https://jenkins.example.test'] });
    expect(await reaches('https://jenkins.example.test/api/json')).toBe(true);
    platform.egressConsent.deleteGroup('ci-servers');
    expect(await reaches('https://jenkins.example.test/api/json')).toBe(false);
  });

  it('matches consented wildcards as manifest ones, and * as anything over https', async () => {
    platform.egressConsent.set({ key: 'ci-servers', description: 'CI servers', domains: ['*.corp.example.test'] });
    expect(await reaches('https://jenkins.corp.example.test/')).toBe(true);
    expect(await reaches('https://corp.example.test/')).toBe(false);
    platform.egressConsent.set({ key: 'ci-servers', description: 'CI servers', domains: ['*'] });
    expect(await reaches('https://anything.example.test/')).toBe(true);
    expect((await get('http://anything.example.test/')).status).toBe(403);
  });
});

describe('requests made outside any invocation', () => {
  it('are still checked against the policy', async () => {
    const response = await forge.fetch('https://jenkins.example.test/');
    expect(response.status).toBe(403);
    expect(network.requests).toEqual([]);
  });
});
