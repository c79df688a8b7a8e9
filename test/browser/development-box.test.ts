import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedIn } from './support/browser';

// The demo's deploys reach Jira through the sync engine, a minute or so after start-up: the page
// is reloaded until they show.
const SENT_WAIT_MS = 45_000;

/**
 * The host's issue page shows a "Development" box, as Jira shows what apps send through the
 * devops APIs, outside the app's own panel (dev/server/development-box.ts).
 */
describe('the Development box of an issue', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  async function openDemo1(): Promise<Page> {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/jira/issue/DEMO-1');
    return page;
  }

  test('given DEMO-1, then the page has a box titled Development beside the details, outside the app panel', async () => {
    const page = await openDemo1();
    const box = page.getByTestId('development-box');
    await box.waitFor();
    assert.equal(await box.getByRole('heading', { level: 2 }).textContent(), 'Development');
    // Outside the app's iframe and its panel section: the host renders it, not the app.
    assert.equal(await page.locator('.issue-panel [data-testid="development-box"]').count(), 0);
    const shows = (await box.getByTestId('development-deployment').count()) + (await box.getByTestId('development-build').count());
    if (shows === 0) assert.match((await box.textContent()) ?? '', /Nothing was sent to Jira for this issue yet/);
    await screenshot(page, 'development-box');
    await page.context().close();
  });

  test(
    "given the demo sends to Jira, then DEMO-1's box lists its Production and Staging deployments and builds",
    // The demo project's issue integration is "Jira (this site)" (dev/demo/ci-demo.ts).
    { timeout: 55_000 },
    async () => {
      const page = await openDemo1();
      const deadline = Date.now() + SENT_WAIT_MS;
      const box = page.getByTestId('development-box');
      while ((await box.getByTestId('development-deployment').count()) === 0) {
        assert.ok(Date.now() < deadline, `no deployment showed in DEMO-1's Development box within ${SENT_WAIT_MS / 1000} s`);
        await page.waitForTimeout(3000);
        await page.reload();
      }
      const environments = await box.getByTestId('development-deployment').locator('.devops-name').allTextContents();
      assert.ok(environments.includes('Production') && environments.includes('Staging'), `environments shown: ${environments.join(', ')}`);
      assert.ok((await box.getByTestId('development-build').count()) > 0, 'builds are listed');
      await screenshot(page, 'development-box-sent');
      await page.context().close();
    },
  );
});
