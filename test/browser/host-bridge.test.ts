import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedIn } from './support/browser';

declare global {
  interface Window {
    __bridge?: { callBridge: (name: string, payload?: unknown) => Promise<unknown> };
  }
}

/** Calls `window.__bridge.callBridge` inside our iframe, as `@forge/bridge` would. */
function callBridge(frame: Frame, name: string, payload: unknown): Promise<unknown> {
  return frame.evaluate(([n, p]) => {
    if (!window.__bridge) throw new Error('the iframe has no window.__bridge');
    return window.__bridge.callBridge(n, p);
  }, [name, payload] as const);
}

async function loadedAppFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-forge-frame]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the app iframe has no content frame');
  // The app has mounted (whatever screen it shows first) and the bridge is in place.
  await frame.waitForFunction(() => !!window.__bridge && (document.getElementById('root')?.childElementCount ?? 0) > 0);
  return frame;
}

describe('what the host page does for the bridge', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given a showFlag call, when it reaches the host, then Jira-like flag appears and closeFlag removes it', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/jira/issue/DEMO-2');
    const frame = await loadedAppFrame(page);

    await callBridge(frame, 'showFlag', { id: 'saved', title: 'Settings saved', description: 'Deploy Tracker will sync DEMO.', type: 'success' });

    const flag = page.locator('[data-flag-id="saved"]');
    assert.match((await flag.textContent()) ?? '', /Settings saved/);
    await screenshot(page, 'host-flag');
    await callBridge(frame, 'closeFlag', { id: 'saved' });
    assert.equal(await flag.count(), 0);
    await context.close();
  });

  test('given an admin, when the app asks for egress consent and they allow it, then the domains are recorded and persisted', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/jira/admin');
    const frame = await loadedAppFrame(page);

    const request = callBridge(frame, '__permission__egressSet', {
      egresses: [{ key: 'ci-servers', description: 'Jenkins', configured: [{ domain: 'jenkins.example.com', type: ['FETCH_BACKEND_SIDE'] }] }],
    });
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /jenkins\.example\.com/);
    await screenshot(page, 'host-egress-consent');
    await dialog.getByRole('button', { name: 'Allow' }).click();
    await request;

    const listed = await callBridge(frame, '__permission__egressGet', {});
    assert.match(JSON.stringify(listed), /jenkins\.example\.com/);
    const file = path.join(process.env['BROWSER_TEST_DATA_DIR'] ?? '', 'egress-consent.json');
    assert.ok(existsSync(file), `${file} should hold the consent`);
    assert.match(readFileSync(file, 'utf8'), /jenkins\.example\.com/);
    await context.close();
  });

  test('given the plain user, when the app asks for egress consent, then the modal only lets them close it and the call fails', async () => {
    const context = await signedIn(browser, 'user');
    const page = await context.newPage();
    await page.goto('/jira/admin');
    const frame = await loadedAppFrame(page);

    const request = callBridge(frame, '__permission__egressSet', {
      egresses: [{ key: 'ci-servers', description: 'Jenkins', configured: [{ domain: 'evil.example.com', type: ['FETCH_BACKEND_SIDE'] }] }],
    }).then(
      () => 'resolved',
      (error: unknown) => String(error),
    );
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Allow' }).count(), 0);
    await page.keyboard.press('Escape');

    assert.match(await request, /not allowed/);
    await context.close();
  });

  test('given a router.navigate call to an issue, when it reaches the host, then the host page goes there', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/jira/project/DEMO/settings');
    const frame = await loadedAppFrame(page);

    void callBridge(frame, 'navigate', { target: 'issue', issueKey: 'DEMO-7', type: 'same-tab' }).catch(() => undefined);

    await page.waitForURL('**/jira/issue/DEMO-7');
    await context.close();
  });

  test('given a Custom UI that loads an image from an undeclared host, when the CSP blocks it, then the host shows why above the frame', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/jira/issue/DEMO-3');
    const frame = await loadedAppFrame(page);

    await frame.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://undeclared.example.com/logo.png';
      document.body.append(image);
    });

    const notice = page.locator('[data-csp-notice]');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /undeclared\.example\.com.*img-src/);
    await context.close();
  });
});
