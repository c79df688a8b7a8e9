import { EgressConsentStore, EgressLimitExceeded, type ConsentedEgress } from '../../../dev/emulator/egress-consent';
import { EgressBridge, configurableEgressEnabled } from '../../../dev/server/egress-bridge';
import { HttpError } from '../../../dev/server/http';

// Customer-managed egress as Forge keeps it: at most 10 egress groups per installation and 10
// domains per group, changed by administrators only.
// https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/
// https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/
const group = (n: number, domains = [`https://ci-${n}.example.test`]): ConsentedEgress => ({ key: `ci-server-${n}`, description: `CI ${n}`, domains });
const setPayload = (n: number, domains = [`https://ci-${n}.example.test`]) => ({
  egresses: [{ key: `ci-server-${n}`, description: `CI ${n}`, configured: domains.map((domain) => ({ domain, type: ['FETCH_BACKEND_SIDE'] })) }],
});

function storeWith(count: number): EgressConsentStore {
  const store = new EgressConsentStore();
  for (let n = 1; n <= count; n++) store.set(group(n));
  return store;
}

function bridgeOn(store: EgressConsentStore, enabled = true): { bridge: EgressBridge; changes: () => number } {
  let changes = 0;
  return { bridge: new EgressBridge(store, () => (changes += 1), enabled), changes: () => changes };
}

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the bridge call to be refused');
}

describe('the consent store', () => {
  it('given 10 groups, when an 11th is set, then it is refused and the 10 stay as they were', () => {
    const store = storeWith(10);

    expect(() => store.set(group(11))).toThrow(EgressLimitExceeded);
    expect(store.list().map((g) => g.key)).toEqual(Array.from({ length: 10 }, (_, i) => `ci-server-${i + 1}`));
  });

  it('given 10 groups, when one of them is set again with another domain, then it is replaced (not an 11th)', () => {
    const store = storeWith(10);

    store.set(group(3, ['https://moved.example.test']));

    expect(store.list()).toHaveLength(10);
    expect(store.domains()).toContain('https://moved.example.test');
  });

  it('given a group of 11 domains, when set, then it is refused', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `https://ci-${i}.example.test`);

    expect(() => new EgressConsentStore().set(group(1, eleven))).toThrow(/at most 10 domains/);
  });

  it('given a change of several groups that passes the limit, when set, then none of them is saved', () => {
    const store = storeWith(9);

    expect(() => store.setAll([group(10), group(11)])).toThrow(EgressLimitExceeded);
    expect(store.list()).toHaveLength(9);
  });

  it('given a domain consented for client-side fetch only, then backend fetch does not gain it', () => {
    const store = new EgressConsentStore();
    store.set({ key: 'ui', description: 'UI', domains: [{ domain: 'https://cdn.example.test', types: ['FETCH_CLIENT_SIDE'] }] });

    expect(store.domains()).toEqual([]);
  });
});

describe('permissions.egress through the host bridge', () => {
  it('given a Jira admin, when the 11th group is set, then the call is refused with the limit and nothing changes', () => {
    const store = storeWith(10);
    const { bridge, changes } = bridgeOn(store);

    const error = refusal(() => bridge.handle('set', setPayload(11), true));

    expect(error.message).toMatch(/at most 10 egress groups per installation/);
    expect(store.list()).toHaveLength(10);
    expect(changes()).toBe(0);
  });

  it('given a user who is not a site admin, when they set, delete a domain or delete a group, then each call is refused and nothing changes', () => {
    const store = storeWith(2);
    const { bridge } = bridgeOn(store);

    for (const [operation, payload] of [
      ['set', setPayload(3)],
      ['deleteDomain', { key: 'ci-server-1', domain: 'https://ci-1.example.test', type: 'FETCH_BACKEND_SIDE' }],
      ['deleteGroup', { key: 'ci-server-2' }],
    ] as const) {
      expect(refusal(() => bridge.handle(operation, payload, false)).status).toBe(403);
    }
    expect(store.list().map((g) => g.key)).toEqual(['ci-server-1', 'ci-server-2']);
  });

  it('given any user, when they read the groups, then they get them in the shape @forge/bridge declares', () => {
    const { bridge } = bridgeOn(storeWith(1));

    expect(bridge.handle('get', { keys: ['ci-server-1'] }, false)).toEqual({
      results: [{ key: 'ci-server-1', description: 'CI 1', configured: [{ domain: 'https://ci-1.example.test', type: ['FETCH_BACKEND_SIDE'] }] }],
    });
  });

  it('given a manifest without permissions.external.configurable.enabled, when the app reads or sets egress, then every call fails', () => {
    const { bridge } = bridgeOn(new EgressConsentStore(), false);

    expect(refusal(() => bridge.handle('get', {}, true)).message).toMatch(/configurable\.enabled/);
    expect(refusal(() => bridge.handle('set', setPayload(1), true)).message).toMatch(/configurable\.enabled/);
  });

  it('reads the manifest switch as Forge does: only configurable.enabled: true turns it on', () => {
    expect(configurableEgressEnabled({ configurable: { enabled: true } })).toBe(true);
    expect(configurableEgressEnabled({ configurable: { enabled: false } })).toBe(false);
    expect(configurableEgressEnabled({ fetch: { backend: [] } })).toBe(false);
    expect(configurableEgressEnabled(undefined)).toBe(false);
  });
});
