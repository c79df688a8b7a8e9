// First: @forge/bridge looks up window.__bridge when it loads.
import { bridge, consent } from './support/node-bridge';
import { EgressLimitReached, EgressNeedsSiteAdmin, ensureEgress, releaseEgress } from '../../static/shared/src/connections/egress';
import type { ConsentedEgress } from '../../dev/emulator/egress-consent';

// The pages' side of customer-managed egress (static/shared/src/connections/egress.ts), through the
// real @forge/bridge and the emulator's consent store, which refuses what Forge refuses.
const appGroup = (n: number, domains: readonly string[]): ConsentedEgress => ({ key: `ci-server-${n}`, description: `CI ${n}`, domains });
const groupsOf = (count: number, domainsEach: number): ConsentedEgress[] =>
  Array.from({ length: count }, (_, g) => appGroup(g, Array.from({ length: domainsEach }, (_, d) => `https://ci-${g}-${d}.example.test`)));

function given(groups: readonly ConsentedEgress[], as: 'site admin' | 'project admin' = 'site admin'): void {
  consent.load(groups);
  bridge.siteAdmin = as === 'site admin';
  bridge.calls.length = 0;
}
const changes = () => bridge.calls.filter((name) => !name.endsWith('egressGet'));
const domains = () => consent.list().flatMap((g) => g.domains.map((d) => d.domain));

describe('allowing the address of a new server', () => {
  it('given fewer than 10 groups, when a site admin adds a server, then it gets a group of its own', async () => {
    given(groupsOf(3, 1));

    await ensureEgress('https://jenkins.acme.test', 'Acme Jenkins', true);

    expect(consent.list().find((g) => g.key === 'ci-server-jenkins-acme-test')?.domains.map((d) => d.domain)).toEqual(['https://jenkins.acme.test']);
    expect(changes()).toEqual(['__permission__egressSet']);
  });

  it('given 10 groups read over several pages, when the 11th host is added, then it shares the roomiest app group', async () => {
    given([...groupsOf(9, 3), appGroup(9, ['https://lone.example.test'])]);

    await ensureEgress('https://eleventh.example.test', 'Eleventh', true);

    expect(consent.list()).toHaveLength(10);
    expect(consent.list().find((g) => g.key === 'ci-server-9')?.domains.map((d) => d.domain)).toEqual(['https://lone.example.test', 'https://eleventh.example.test']);
    expect(bridge.calls.filter((name) => name.endsWith('egressGet')).length).toBeGreaterThan(1);
  });

  it('given 10 full groups, when the 11th host is added, then the app refuses with its own message and asks Forge nothing', async () => {
    given(groupsOf(10, 10));

    const refusal = ensureEgress('https://one-too-many.example.test', 'Late', true);

    await expect(refusal).rejects.toBeInstanceOf(EgressLimitReached);
    await expect(refusal).rejects.toThrow(/at most 10 groups of 10 .*Remove a connection/);
    expect(changes()).toEqual([]);
    expect(domains()).toHaveLength(100);
  });

  it('given a project admin, when they add a self-hosted server, then they get the text for a site admin and nothing is called', async () => {
    given(groupsOf(2, 1), 'project admin');

    const refusal = ensureEgress('https://jenkins.acme.test', 'Acme Jenkins', false);

    await expect(refusal).rejects.toBeInstanceOf(EgressNeedsSiteAdmin);
    await expect(refusal).rejects.toThrow(
      'Only a Jira site administrator can allow Deploy Tracker to connect to https://jenkins.acme.test. Ask one to open Settings > Apps > Deploy Tracker',
    );
    expect(changes()).toEqual([]);
    expect(domains()).not.toContain('https://jenkins.acme.test');
  });

  it('given the address is already allowed, when a project admin adds a server on it, then nobody is asked', async () => {
    given([appGroup(1, ['https://jenkins.acme.test'])], 'project admin');

    await ensureEgress('https://jenkins.acme.test', 'Second Jenkins', false);

    expect(changes()).toEqual([]);
  });
});

describe('withdrawing the address of a removed connection', () => {
  it('given another connection still uses the address, then nothing is asked of Forge at all', async () => {
    given([appGroup(1, ['https://jenkins.acme.test'])]);

    await releaseEgress('https://jenkins.acme.test', true);

    expect(bridge.calls).toEqual([]);
    expect(domains()).toEqual(['https://jenkins.acme.test']);
  });

  it('given the address is all its group holds, then the group goes', async () => {
    given([appGroup(1, ['https://jenkins.acme.test']), appGroup(2, ['https://other.example.test'])]);

    await releaseEgress('https://jenkins.acme.test', false);

    expect(consent.list().map((g) => g.key)).toEqual(['ci-server-2']);
  });

  it('given a shared group, then only the address goes and the others stay allowed', async () => {
    given([appGroup(1, ['https://a.example.test', 'https://jenkins.acme.test', 'https://b.example.test'])]);

    await releaseEgress('https://jenkins.acme.test', false);

    expect(domains()).toEqual(['https://a.example.test', 'https://b.example.test']);
    expect(changes()).toEqual(['__permission__egressDeleteDomain']);
  });

  it("given the address sits in a group the app did not create, then that group is left alone", async () => {
    given([{ key: 'analytics', description: 'Analytics', domains: ['https://jenkins.acme.test'] }]);

    await releaseEgress('https://jenkins.acme.test', false);

    expect(changes()).toEqual([]);
    expect(domains()).toEqual(['https://jenkins.acme.test']);
  });
});
