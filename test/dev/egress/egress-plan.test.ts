import { MAX_DOMAINS_PER_GROUP, planConsent, planRelease, siteAdminRequest, type EgressGroup } from '../../../src/shared/egress-plan';
import { EgressConsentStore } from '../../../dev/emulator/egress-consent';

// The app's side of Forge's customer-managed egress limits, carried out on the emulator's store,
// which refuses what Forge refuses (10 groups per installation, 10 domains per group).
const own = (n: number, domains = [`https://ci-${n}.example.test`]): EgressGroup => ({ key: `ci-server-${n}`, description: `CI ${n}`, domains });
const tenGroups = (domainsEach = 1): EgressGroup[] =>
  Array.from({ length: 10 }, (_, g) => own(g, Array.from({ length: domainsEach }, (_, d) => `https://ci-${g}-${d}.example.test`)));

function storeOf(groups: readonly EgressGroup[]): EgressConsentStore {
  const store = new EgressConsentStore();
  store.setAll(groups);
  return store;
}

describe('planning consent for a new server', () => {
  it('given a group already allows the address, then nobody is asked again', () => {
    expect(planConsent([own(1)], 'https://ci-1.example.test', 'Jenkins')).toEqual({ kind: 'allowed', key: 'ci-server-1' });
  });

  it('given room for a group, then the address gets a group of its own', () => {
    const plan = planConsent([own(1)], 'https://jenkins.acme.test', 'Acme Jenkins');

    expect(plan).toEqual({ kind: 'set', group: { key: 'ci-server-jenkins-acme-test', description: 'CI server "Acme Jenkins" read by Deploy Tracker', domains: ['https://jenkins.acme.test'] } });
  });

  it('given 10 groups, when the 11th host is added, then it joins the app group with most room and Forge accepts it', () => {
    const groups = tenGroups();
    const plan = planConsent(groups, 'https://eleventh.example.test', 'Eleventh');

    expect(plan.kind).toBe('set');
    if (plan.kind !== 'set') return;
    expect(plan.group.domains).toEqual(['https://ci-0-0.example.test', 'https://eleventh.example.test']);
    const store = storeOf(groups);
    store.set(plan.group);
    expect(store.list()).toHaveLength(10);
    expect(store.domains()).toContain('https://eleventh.example.test');
  });

  it('given 10 full groups, then no set is attempted and the message names the limit and what to do', () => {
    const plan = planConsent(tenGroups(MAX_DOMAINS_PER_GROUP), 'https://one-too-many.example.test', 'Late');

    expect(plan.kind).toBe('full');
    if (plan.kind === 'full') expect(plan.message).toMatch(/at most 10 groups of 10 .*Remove a connection/);
  });
});

describe('planning the release of a removed connection', () => {
  it('given another connection still uses the address, then the consent stays', () => {
    expect(planRelease([own(1)], 'https://ci-1.example.test', true)).toEqual({ kind: 'keep' });
  });

  it('given the address is all its group holds, then the group goes', () => {
    expect(planRelease([own(1)], 'https://ci-1.example.test', false)).toEqual({ kind: 'deleteGroup', key: 'ci-server-1' });
  });

  it('given a shared group, then only the address goes', () => {
    const shared = own(2, ['https://a.example.test', 'https://b.example.test']);

    expect(planRelease([shared], 'https://a.example.test', false)).toEqual({ kind: 'deleteDomain', key: 'ci-server-2', domain: 'https://a.example.test' });
  });

  it('never touches a group the app did not create', () => {
    expect(planRelease([{ key: 'analytics', description: 'x', domains: ['https://a.example.test'] }], 'https://a.example.test', false)).toEqual({ kind: 'keep' });
  });
});

describe('a project admin adding a self-hosted server', () => {
  it('is told exactly what to ask a site admin for', () => {
    const text = siteAdminRequest('https://jenkins.acme.test', 'Acme Jenkins');

    expect(text).toContain('Only a Jira site administrator can allow Deploy Tracker to connect to https://jenkins.acme.test');
    expect(text).toContain('Settings > Apps > Deploy Tracker');
    expect(text).toContain('"Acme Jenkins"');
  });
});
