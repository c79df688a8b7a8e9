import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { appFrame, launchBrowser, screenshot, signedIn } from './support/browser';

/** Ada on the admin page with an empty "Add Jenkins" form open. */
async function newJenkinsForm(browser: Browser) {
  const context = await signedIn(browser, 'admin');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.goto('/jira/admin');
  const frame = appFrame(page);
  await frame.getByRole('button', { name: 'Add Jenkins' }).click();
  return { context, page, frame, form: frame.getByTestId('connection-form') };
}

describe('the admin page with input Forge cannot use', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given a plain-http Jenkins URL on an odd port, when tested and saved, then the problems are named, no consent is asked and nothing is saved', async () => {
    const { context, page, frame, form } = await newJenkinsForm(browser);
    await form.getByLabel('Name').first().fill('Unreachable Jenkins');
    await form.getByLabel('Jenkins URL').fill('http://ci.example.com:9000/jenkins');
    await form.getByLabel('Username').fill('deploy-bot');
    await form.getByLabel('API token').fill('tok-0123456789abcdef');

    await form.getByRole('button', { name: 'Test connection' }).click();
    const problem = form.getByTestId('problem');
    await problem.waitFor();
    const text = (await problem.textContent()) ?? '';
    assert.match(text, /must start with https:\/\//);
    assert.match(text, /port 9000 is not one Forge can reach/);
    assert.equal(await page.getByTestId('egress-consent').count(), 0, 'no consent is asked for an address the app refuses');

    await form.getByRole('button', { name: 'Save connection' }).click();
    await form.getByText('The connection was not saved').waitFor();
    await screenshot(page, 'admin-bad-url');
    assert.equal(await frame.getByTestId('connection-row-Unreachable Jenkins').count(), 0);
    await context.close();
  });

  test('given custom headers with a missing value, when typed, then Advanced settings points at the header before anything is sent', async () => {
    const { context, page, form } = await newJenkinsForm(browser);
    const advanced = form.getByRole('button', { name: /Advanced settings/ });
    assert.equal(await advanced.getAttribute('aria-expanded'), 'false');
    await advanced.press('Enter');
    assert.equal(await advanced.getAttribute('aria-expanded'), 'true');

    await form.getByLabel('Custom HTTP headers').fill('CF-Access-Client-Id: abc, CF-Access-Client-Secret:');
    await form.getByRole('button', { name: 'Save connection' }).click();

    await form.getByText('header "CF-Access-Client-Secret" has no value').waitFor();
    await screenshot(page, 'admin-advanced-settings-headers');
    await context.close();
  });
});
