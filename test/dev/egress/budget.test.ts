import { asApp, route } from '@forge/api';
import { egressBudgetOf } from '../../../dev/emulator/egress';
import { testPlatform } from '../../support/platform';
import { fakeNetwork, forgeApiOn, inInvocation, platformOn, quietEgressWarnings, testInvocation, type ForgeApi } from './support';

// Forge's outbound budget: 100 requests per minute of the function's timeout, per invocation,
// at any pace; requestJira is not counted. https://developer.atlassian.com/platform/forge/limits-invocation/
// The clock is the test's, so a long consumer's minutes pass instantly.
let now = Date.UTC(2026, 0, 1);
const clock = (): number => now;
const network = fakeNetwork();
const platform = platformOn(network.fetch, { clock });
let forge: ForgeApi;

beforeAll(async () => {
  forge = await forgeApiOn(platform);
  platform.site.addUser({ accountId: 'budget-admin', displayName: 'Budget Admin', admin: true });
});
afterAll(() => testPlatform().install());
beforeEach(() => network.requests.splice(0));
quietEgressWarnings();

async function burst(count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await forge.fetch('http://127.0.0.1:9/ping')).status);
  return statuses;
}

describe('the outbound budget of one invocation', () => {
  it.each([
    [25, 100],
    [55, 100],
    [61, 200],
    [120, 200],
    [900, 1500],
  ])('given a %i s timeout, then the budget is %i requests', (seconds, budget) => {
    expect(egressBudgetOf({ timeoutMs: seconds * 1000 })).toBe(budget);
  });

  it('given a 900 s consumer, when it makes 1,500 requests in its first minute, then all are sent and the 1,501st is answered 429', async () => {
    const statuses = await inInvocation(testInvocation(clock, 900_000), () => burst(1501));

    expect(statuses.slice(0, 1500).every((s) => s === 200)).toBe(true);
    expect(statuses[1500]).toBe(429);
    expect(network.requests).toHaveLength(1500);
  });

  it('given a 55 s trigger that spent its 100 requests, when a minute passes, then the budget does not come back', async () => {
    const invocation = testInvocation(clock, 55_000);
    const statuses = await inInvocation(invocation, async () => {
      const first = await burst(100);
      now += 61_000;
      return [...first, ...(await burst(1))];
    });

    expect(statuses).toEqual([...Array(100).fill(200), 429]);
  });

  it('given a resolver, when it calls Jira through requestJira, then those calls take nothing from the budget', async () => {
    const invocation = testInvocation(clock, 25_000);
    await inInvocation(invocation, async () => {
      for (let i = 0; i < 3; i++) await asApp().requestJira(route`/rest/api/3/myself`);
    });

    expect(invocation.egressTimestamps).toHaveLength(0);
  });
});
