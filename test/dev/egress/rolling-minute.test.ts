import { testPlatform } from '../../support/platform';
import { fakeNetwork, forgeApiOn, inInvocation, platformOn, quietEgressWarnings, testInvocation, type ForgeApi } from './support';

// A platform whose clock the test moves, so a long-running consumer's minutes pass instantly.
let now = Date.UTC(2026, 0, 1);
const clock = (): number => now;
const network = fakeNetwork();
const platform = platformOn(network.fetch, { clock });
let forge: ForgeApi;

beforeAll(async () => {
  forge = await forgeApiOn(platform);
});
afterAll(() => testPlatform().install());
quietEgressWarnings();

async function burst(count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await forge.fetch('http://127.0.0.1:9/ping')).status);
  return statuses;
}

describe('the outbound request limit over a long invocation', () => {
  it('frees budget as requests fall out of the last 60 seconds', async () => {
    const invocation = testInvocation(clock);
    await inInvocation(invocation, async () => {
      expect(await burst(60)).toEqual(Array(60).fill(200));
      now += 30_000;
      expect(await burst(41)).toEqual([...Array(40).fill(200), 429]);
      // The first 60 requests are now more than a minute old; the 40 later ones are not.
      now += 30_001;
      expect(await burst(61)).toEqual([...Array(60).fill(200), 429]);
    });
    expect(network.requests).toHaveLength(160);
  });
});
