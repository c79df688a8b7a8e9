import { ExternalEndpointNotAllowedError, fetch } from '@forge/api';
import { createTestPlatform, testPlatform } from '../../support/platform';
import { RESOLVER_TIMEOUT_MS, forgeApiOn, inInvocation, quietEgressWarnings, startLocalServer, testInvocation, type LocalServer } from './support';

// This file runs on its own test platform, which is in local mode (as `npm start` is).
let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());
beforeEach(() => server.hits.splice(0));
quietEgressWarnings();

describe('egress in local mode', () => {
  it('reaches a loopback server over plain http on any port, by IP or by name', async () => {
    const byIp = await inInvocation(testInvocation(), () => fetch(`${server.origin}/builds`));
    const byName = await inInvocation(testInvocation(), () => fetch(`http://localhost:${server.port}/jobs`));
    expect([byIp.status, await byIp.text()]).toEqual([200, 'ok /builds']);
    expect([byName.status, await byName.text()]).toEqual([200, 'ok /jobs']);
  });

  it('still refuses a host the manifest does not declare, with Forge’s message', async () => {
    const url = 'https://undeclared.example.test/api/json';
    const response = await inInvocation(testInvocation(), () => fetch(url));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(new ExternalEndpointNotAllowedError(url).message);
  });

  it('follows redirects between loopback paths, but refuses one that leaves for an undeclared host', async () => {
    const inside = await inInvocation(testInvocation(), () => fetch(`${server.origin}/redirect?to=/landed`));
    const outside = await inInvocation(testInvocation(), () => fetch(`${server.origin}/redirect?to=https://undeclared.example.test/`));
    expect([inside.status, await inside.text()]).toEqual([200, 'ok /landed']);
    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain('URL not included in the external fetch backend permissions: https://undeclared.example.test/');
  });
});

describe('the outbound request limit', () => {
  it('answers the 101st request of a resolver with 429 FETCH_LIMIT_EXCEEDED, without sending it', async () => {
    const invocation = testInvocation(Date.now, RESOLVER_TIMEOUT_MS);
    const statuses = await inInvocation(invocation, async () => {
      const seen: number[] = [];
      for (let i = 0; i < 101; i++) {
        const response = await fetch(`${server.origin}/n/${i}`);
        await response.arrayBuffer();
        seen.push(response.status);
      }
      return { seen, last: await fetch(`${server.origin}/again`) };
    });
    expect(statuses.seen.slice(0, 100)).toEqual(Array(100).fill(200));
    expect(statuses.seen[100]).toBe(429);
    expect(statuses.last.status).toBe(429);
    expect(statuses.last.headers.get('forge-proxy-error')).toBe('FETCH_LIMIT_EXCEEDED');
    expect(server.hits).toHaveLength(100);
  });

  it('gives each invocation its own budget', async () => {
    const first = testInvocation(Date.now, RESOLVER_TIMEOUT_MS);
    await inInvocation(first, async () => {
      for (let i = 0; i < 100; i++) await (await fetch(`${server.origin}/first`)).arrayBuffer();
    });
    const firstAgain = await inInvocation(first, () => fetch(`${server.origin}/first`));
    const second = await inInvocation(testInvocation(Date.now, RESOLVER_TIMEOUT_MS), () => fetch(`${server.origin}/second`));
    expect([firstAgain.status, second.status]).toEqual([429, 200]);
  });

  it('counts redirects as requests', async () => {
    const invocation = testInvocation();
    await inInvocation(invocation, () => fetch(`${server.origin}/redirect?to=/landed`));
    expect(invocation.egressTimestamps).toHaveLength(2);
  });

  it('does not count requests made outside any invocation (test set-up)', async () => {
    for (let i = 0; i < 120; i++) {
      const response = await fetch(`${server.origin}/setup/${i}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });
});

describe('a timed-out invocation', () => {
  it('cannot fetch any more', async () => {
    const invocation = testInvocation();
    invocation.timedOut = true;
    await expect(inInvocation(invocation, () => fetch(`${server.origin}/late`))).rejects.toThrow(/has timed out/);
    expect(server.hits).toEqual([]);
  });
});

describe('a second platform built while this one is installed', () => {
  afterAll(() => testPlatform().install());

  it('reaches the network directly: each request is checked and counted once', async () => {
    const second = await forgeApiOn(createTestPlatform());
    const invocation = testInvocation();
    const response = await inInvocation(invocation, () => second.fetch(`${server.origin}/once`));
    expect(response.status).toBe(200);
    expect(invocation.egressTimestamps).toHaveLength(1);
  });
});
