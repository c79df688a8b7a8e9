import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import Resolver from '@forge/resolver';
import { DEMO_USERS, seedDemoSite } from '../../../dev/demo/seed';
import type { AppHandler } from '../../../dev/emulator/functions';
import { defineWebhookResolvers } from '../../../src/resolvers/webhooks';
import { WEBHOOK_RESOLVERS as KEYS, webhookSecretSchema, webhookViewSchema } from '../../../src/shared/contract/webhooks';
import { ConnectionStore } from '../../../src/storage/connection-store';
import { PushStore } from '../../../src/sync/push-store';
import { createTestPlatform } from '../../support/platform';
import { dataOf, failureOf } from '../../connections/support/results';
import { ADMIN_PAGE, invoke, projectPage } from '../../connections/support/settings-platform';

const resolver = new Resolver();
defineWebhookResolvers(resolver);
const handler = resolver.getDefinitions() as AppHandler;
const platform = createTestPlatform({ appRoot: path.resolve(__dirname, '../../..'), loadHandler: () => handler });
seedDemoSite(platform.site);

/** CircleCI's webhooks API as documented, recording what the app sent. */
const received: { method: string; path: string; token: string | undefined; body: unknown }[] = [];
let circleci: Server | undefined;
let circleciUrl = '';

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

beforeAll(async () => {
  platform.install();
  circleci = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const token = req.headers['circle-token'];
      received.push({ method: req.method ?? '', path: req.url ?? '', token: Array.isArray(token) ? token[0] : token, body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url?.startsWith('/api/v2/project/')) return res.end(JSON.stringify({ id: '0b1c2d3e-0000-4000-8000-00000000000a', slug: 'gh/demo-org/storefront' }));
      if (req.method === 'POST' && req.url === '/api/v2/webhook') return res.end(JSON.stringify({ id: '7e57ab1e-0000-4000-8000-000000000001' }));
      if (req.method === 'DELETE') return res.end(JSON.stringify({ message: 'ok' }));
      res.statusCode = 404;
      return res.end('{}');
    });
  });
  await new Promise<void>((resolve) => circleci?.listen(0, '127.0.0.1', resolve));
  const address = circleci.address();
  circleciUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await new ConnectionStore().save({
    connection: { kind: 'circleci', id: 'cc-site', name: 'CircleCI', projectSlugs: ['gh/demo-org/storefront'], apiBaseUrl: circleciUrl, mode: 'both' },
    scope: { kind: 'site' },
    agentEnabled: false,
    secret: { apiToken: 'circle-token-1234', headers: {} },
    now: '2026-11-01T00:00:00.000Z',
  });
});

afterAll(async () => {
  circleci?.closeAllConnections();
  await new Promise((resolve) => circleci?.close(resolve));
  platform.close();
});

describe('setting up a connection\'s webhook', () => {
  it('shows the secret once, when made, and afterwards only its last four characters', async () => {
    // When an admin creates the secret, then opens the page again
    const made = dataOf(await invoke(platform, KEYS.rotate, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookSecretSchema);
    const later = dataOf(await invoke(platform, KEYS.get, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookViewSchema);

    // Then the URL carries only the opaque hook id, and the secret is never sent again
    expect(made.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(later.url).toMatch(/\?hook=[0-9a-f]{32}$/);
    expect(later.url).not.toContain('cc-site');
    expect(later.secretHint).toBe(`••••${made.secret.slice(-4)}`);
    expect(JSON.stringify(later)).not.toContain(made.secret);
    expect(later.health).toBe('waiting');
  });

  it('rotating keeps the URL and makes the old secret useless', async () => {
    const before = dataOf(await invoke(platform, KEYS.get, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookViewSchema);
    const rotated = dataOf(await invoke(platform, KEYS.rotate, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookSecretSchema);
    const hookId = new URL(before.url ?? '').searchParams.get('hook') ?? '';
    expect(rotated.view.url).toBe(before.url);
    expect((await new PushStore().secretFor(hookId))?.secret).toBe(rotated.secret);
  });

  it('refuses a project admin the webhook of a site-wide connection', async () => {
    const answer = await invoke(platform, KEYS.rotate, { as: 'priya', page: projectPage('DEMO'), payload: { id: 'cc-site' } });
    expect(failureOf(answer).name).toBe('Forbidden');
  });

  it('creates the CircleCI webhook with the stored token, scoped to the project and signed with the current secret, and removes it', async () => {
    // When an admin asks the app to create the webhooks
    const view = dataOf(await invoke(platform, KEYS.connectCircleCi, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookViewSchema);

    // Then CircleCI was asked, with the connection's token, for a project-scoped webhook to our URL
    const hookId = new URL(view.url ?? '').searchParams.get('hook') ?? '';
    const secret = (await new PushStore().secretFor(hookId))?.secret;
    const created = received.find((r) => r.method === 'POST');
    expect(created).toMatchObject({
      path: '/api/v2/webhook',
      token: 'circle-token-1234',
      body: { url: view.url, 'signing-secret': secret, events: ['workflow-completed', 'job-completed'], scope: { id: '0b1c2d3e-0000-4000-8000-00000000000a', type: 'project' } },
    });
    expect(view.circleCiProjects).toEqual(['gh/demo-org/storefront']);

    // And removing deletes exactly that webhook
    const removed = dataOf(await invoke(platform, KEYS.disconnectCircleCi, { as: 'ada', page: ADMIN_PAGE, payload: { id: 'cc-site' } }), webhookViewSchema);
    expect(received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v2/webhook/7e57ab1e-0000-4000-8000-000000000001']);
    expect(removed.circleCiProjects).toEqual([]);
  });

  it("refuses a project admin the CircleCI webhook of their project's connection when another admin typed its token, and CircleCI hears nothing", async () => {
    // Given DEMO's own CircleCI connection, whose token Ada typed
    await new ConnectionStore().save({
      connection: { kind: 'circleci', id: 'cc-demo', name: 'DEMO CircleCI', projectSlugs: ['gh/demo-org/storefront'], apiBaseUrl: circleciUrl, mode: 'both' },
      scope: { kind: 'project', projectKey: 'DEMO' },
      agentEnabled: false,
      secret: { apiToken: 'circle-token-ada', headers: {}, enteredBy: DEMO_USERS.admin.accountId },
      now: '2026-11-01T00:00:00.000Z',
    });
    const before = received.length;

    // When Priya, DEMO's admin, asks the app to create its webhook
    const answer = await invoke(platform, KEYS.connectCircleCi, { as: 'priya', page: projectPage('DEMO'), payload: { id: 'cc-demo' } });

    // Then she is told to type the token herself, and nothing was sent
    expect(failureOf(answer)).toMatchObject({ name: 'SecretsEnteredByAnother', message: expect.stringMatching(/to create its CircleCI webhook/) });
    expect(received.length).toBe(before);
  });
});
