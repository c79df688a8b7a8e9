import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { baseUrl } from './support/browser';

describe('the host server over plain HTTP', () => {
  test('given the emulator is up, then /healthz answers 200', async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    assert.equal(response.status, 200);
  });

  test('given a resource page, then it carries the bridge before the app and a Forge-like CSP', async () => {
    const response = await fetch(`${baseUrl()}/resources/deploy-tracker-issue-panel/index.html`);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.ok(html.indexOf('/_host/iframe-bridge.js') < html.indexOf('./index.js'), 'the bridge must load before the app');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test('given a path that climbs out of the resource folder, then it is not served', async () => {
    const response = await fetch(`${baseUrl()}/resources/deploy-tracker-issue-panel/..%2F..%2F..%2Fpackage.json`);
    assert.equal(response.status, 404);
  });

  test('given a forged frame token, then the bridge refuses the call', async () => {
    const response = await fetch(`${baseUrl()}/_host/bridge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'eyJtb2R1bGVLZXkiOiJ4In0.forged', functionKey: 'appInfo' }),
    });
    assert.equal(response.status, 401);
    assert.match(JSON.stringify(await response.json()), /Reload the page/);
  });

  test('given a web trigger URL from the home page, when it is called, then the app function answers it', async () => {
    const home = await (await fetch(`${baseUrl()}/`)).text();
    const url = /http:\/\/localhost:\d+\/x1\/[0-9a-f]+/.exec(home)?.[0];
    assert.ok(url, 'the home page lists the web trigger URL');

    const response = await fetch(url.replace(/^http:\/\/localhost:\d+/, baseUrl()), { method: 'POST', body: '{}' });

    assert.doesNotMatch(await response.text(), /No web trigger has the URL id/);
  });

  test('given an unknown web trigger id, then the emulator answers 404 and says why', async () => {
    const response = await fetch(`${baseUrl()}/x1/0000`, { method: 'POST' });
    assert.equal(response.status, 404);
    assert.match(await response.text(), /No web trigger has the URL id/);
  });

  test('given a request for another host name (DNS rebinding), then the emulator refuses it', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${baseUrl()}/`, { headers: { host: 'rebound.example.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 421);
  });
});
