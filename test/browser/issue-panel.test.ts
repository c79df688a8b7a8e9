import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_USERS, appFrame, launchBrowser, screenshot, signedIn, watchProblems } from './support/browser';

describe('issue panel on /jira/issue/DEMO-1', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given an admin, when they open DEMO-1, then the panel shows what the appInfo resolver returned through the real @forge/bridge', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    const problems = watchProblems(page);

    await page.goto('/jira/issue/DEMO-1');

    const frame = appFrame(page);
    await frame.getByTestId('issue-key').waitFor();
    assert.equal(await frame.getByTestId('issue-key').textContent(), 'DEMO-1');
    assert.equal(await frame.getByTestId('project-key').textContent(), 'DEMO');
    assert.equal(await frame.getByTestId('account-id').textContent(), DEMO_USERS.admin.accountId);
    assert.match((await page.getByTestId('issue-summary').textContent()) ?? '', /Checkout page times out/);
    const frameSrc = (await page.locator('iframe[data-forge-frame]').getAttribute('src')) ?? '';
    assert.notEqual(new URL(frameSrc, page.url()).origin, new URL(page.url()).origin, 'Custom UI must be cross-origin, as on Forge');
    await screenshot(page, 'issue-panel-light');
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('[data-csp-notice]').count(), 0, 'the Custom UI broke its Content Security Policy');
    await context.close();
  });

  test('given the dark theme, when the panel loads, then it follows the host with dark design tokens', async () => {
    const context = await signedIn(browser, 'admin', 'dark');
    const page = await context.newPage();

    await page.goto('/jira/issue/DEMO-1');
    const frame = appFrame(page);
    await frame.getByTestId('issue-key').waitFor();

    assert.equal(await frame.locator('html').getAttribute('data-color-mode'), 'dark');
    const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    assert.ok(r + g + b < 200, `the panel's background should be dark, was ${background}`);
    await screenshot(page, 'issue-panel-dark');
    await context.close();
  });

  test('given a resolver call that fails, when the panel loads, then it shows the error message in a SectionMessage and no stack', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    // Re-aim the panel's real invoke at a resolver key that does not exist: the server, the resolver
    // and the bridge all run for real, only the key is wrong.
    await page.route('**/_host/bridge/invoke', async (route) => {
      const body: unknown = route.request().postDataJSON();
      const call = typeof body === 'object' && body !== null ? body : {};
      await route.continue({ postData: JSON.stringify({ ...call, functionKey: 'doesNotExist' }) });
    });

    await page.goto('/jira/issue/DEMO-1');

    const error = appFrame(page).getByTestId('error-state');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    assert.match(text, /Deployments could not load/);
    assert.match(text, /Resolver has no definition for 'doesNotExist'/);
    assert.doesNotMatch(text, /\bat .*\.(ts|js):\d+/, 'a stack trace reached the page');
    await screenshot(page, 'issue-panel-error');
    await context.close();
  });
});
