import { createServer, type Server } from 'node:http';
import type { CiStandIns } from '../../../dev/ci-servers';
import { configureDemo, DEMO_CONNECTIONS, demoUrls, startDemoCi, startDemoWebhooks, type DemoWebhooks } from '../../../dev/demo/ci-demo';
import { seedDemoSite } from '../../../dev/demo/seed';
import { serveWebtrigger } from '../../../dev/server/webtrigger';
import { DeployStore } from '../../../src/storage/deploy-store';
import { SyncStateStore } from '../../../src/storage/sync-state-store';
import { pushPlatform } from './support';

const platform = pushPlatform({ bare: true });
let ci: CiStandIns | undefined;
let webhooks: DemoWebhooks | undefined;
let server: Server | undefined;

/** Only what Forge does for a web trigger URL: `/x1/<id>` runs the web trigger. Nothing runs the schedule. */
async function serveWebtriggers(): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = /^\/x1\/([^/]+)/.exec(url.pathname)?.[1] ?? '';
    serveWebtrigger(req, res, platform, url, id).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  seedDemoSite(platform.site);
  platform.publicBaseUrl = await serveWebtriggers();
});

afterAll(async () => {
  await webhooks?.stop();
  await ci?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  platform.close();
});

async function buildkiteDeploysOnIssues(): Promise<string[]> {
  const store = new DeployStore();
  const found: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const page = await store.forIssue(`DEMO-${i}`);
    if (page.deploys.some((d) => d.provider === 'buildkite')) found.push(`DEMO-${i}`);
  }
  return found;
}

describe('npm start: builds pushed by the demo stand-ins', () => {
  it('a Buildkite deploy that finishes on the stand-in reaches its issue through the webhook, with no poll', async () => {
    // Given the demo's CI and connections, with the stand-ins sending webhooks and nothing polling
    ci = await startDemoCi({ commitEveryMs: 3_600_000 });
    await configureDemo(demoUrls(ci));
    webhooks = await startDemoWebhooks(ci, (key) => platform.stargate.urlFor(key), { intervalMs: 100, log: () => undefined });
    expect(await buildkiteDeploysOnIssues()).toEqual([]);

    // When new builds finish on the Buildkite stand-in (the deploy pipeline among them)
    const grown = ci.buildkite.grow(10);
    expect(grown.deploys).toBeGreaterThan(0);

    // Then, once the webhooks are delivered, an issue's panel data holds the Buildkite deploy
    let issues: string[] = [];
    while (issues.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      issues = await buildkiteDeploysOnIssues();
    }
    expect(issues.length).toBeGreaterThan(0);
    // and no sync ever ran for that connection
    expect(await new SyncStateStore().status(DEMO_CONNECTIONS.buildkite)).toBeUndefined();
    expect(webhooks.senders[0]?.stats.sent).toBeGreaterThan(0);
  }, 60_000);
});
