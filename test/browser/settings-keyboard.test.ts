import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from '../../src/webtrigger/signature';
import { appFrame, baseUrl, launchBrowser, screenshot, signedIn, watchProblems } from './support/browser';

const PRIYAS_JENKINS = `DEMO Jenkins ${process.pid}`;

describe('project settings for a project admin, by keyboard', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given Priya (DEMO admin only), when she moves through the tabs with the arrow keys, then each tab opens and site connections are read-only to her', async () => {
    const context = await signedIn(browser, 'projectAdmin');
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await frame.getByTestId('settings-project').waitFor();

    const first = frame.getByRole('tab', { name: 'Connections' });
    await first.focus();
    for (const label of ['Build server', 'Deploys', 'Issue integration', 'Sync']) {
      await page.keyboard.press('ArrowRight');
      assert.equal(await frame.getByRole('tab', { name: label }).getAttribute('aria-selected'), 'true', `${label} is selected`);
    }
    await frame.getByTestId('sync-tab').waitFor();
    await page.keyboard.press('Home');
    assert.equal(await first.getAttribute('aria-selected'), 'true');

    await frame.getByTestId('ci-connections').waitFor();
    const siteRows = frame.getByTestId('connections-table').locator('tbody tr').filter({ hasText: 'Jira admins manage it' });
    assert.equal(await siteRows.getByRole('button').count(), 0, 'site-wide connections offer her no Test, Edit or Remove');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('given Priya, when she adds a DEMO-only Jenkins that no Jira admin has allowed, then she may save it without consent and it is hers to manage', async () => {
    const context = await signedIn(browser, 'projectAdmin');
    const page = await context.newPage();
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await frame.getByRole('button', { name: 'Add Jenkins' }).press('Enter');
    const form = frame.getByTestId('connection-form');
    await form.getByLabel('Name').first().focus();
    await page.keyboard.type(PRIYAS_JENKINS);
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://ci.example.com:8443/jenkins');
    await page.keyboard.press('Tab');
    await page.keyboard.type('deploy-bot');
    await page.keyboard.press('Tab');
    await page.keyboard.type('tok-0123456789abcdef');
    await form.getByRole('button', { name: 'Save connection' }).press('Enter');

    // Forge lets only site admins approve addresses: she is told what to ask one for, and Jira is asked nothing.
    const request = form.getByTestId('problem');
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    assert.match(text, /A site admin must allow this address/);
    assert.match(text, /Only a Jira site administrator can allow Deploy Tracker to connect to https:\/\/ci\.example\.com/);
    assert.match(text, new RegExp(`add the connection "${PRIYAS_JENKINS}"`));
    assert.equal(await page.getByTestId('egress-consent').count(), 0, 'no consent dialog is opened for a project admin');
    await screenshot(page, 'settings-egress-site-admin-request');
    await form.getByRole('button', { name: 'Save without allowing' }).press('Enter');
    assert.equal(await page.locator('[data-csp-notice]').count(), 0);

    const row = frame.getByTestId(`connection-row-${PRIYAS_JENKINS}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Project DEMO/);
    assert.equal(await row.getByRole('button', { name: `Remove ${PRIYAS_JENKINS}` }).count(), 1);
    await context.close();
  });

  test('given a deploy source with a bad parameter condition, when saved by keyboard, then the problem is named and nothing is added', async () => {
    const context = await signedIn(browser, 'projectAdmin');
    const page = await context.newPage();
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await frame.getByRole('tab', { name: 'Deploys' }).click();
    const rowsBefore = await frame.getByTestId('deploy-sources-table').locator('tbody tr').count();
    // Lozenges read as Jira writes them, in sentence case.
    const types = await frame.getByTestId('environment-type').allTextContents();
    assert.ok(types.length > 0, 'no deploy source shows its environment type');
    for (const type of types) assert.match(type, /^(Production|Staging|Testing|Development|Other)$/);

    await frame.getByRole('button', { name: 'Add deploy source' }).press('Enter');
    const form = frame.getByTestId('deploy-source-form');
    await form.getByLabel('Connection').focus();
    await page.keyboard.type(PRIYAS_JENKINS);
    await page.keyboard.press('Enter');
    await form.getByLabel('Job or pipeline').focus();
    await page.keyboard.type('deploy-production');
    await form.getByLabel('Jenkins parameter condition').focus();
    await page.keyboard.type('this is not a condition');
    await form.getByLabel('Environment name').focus();
    await page.keyboard.type('production');
    await form.getByRole('button', { name: 'Save deploy source' }).press('Enter');

    // Named next to its field before anything is sent, not in a banner below the form.
    const problem = form.getByTestId('error-deploy-condition');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /is not a parameter condition; write NAME=value or NAME!=value/);
    assert.equal(await form.getByLabel('Jenkins parameter condition').getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.getByTestId('deploy-sources-table').locator('tbody tr').count(), rowsBefore);
    await screenshot(page, 'settings-deploy-source-bad-condition');
    await form.getByRole('button', { name: 'Cancel' }).press('Enter');

    await frame.getByRole('tab', { name: 'Connections' }).click();
    await frame.getByRole('button', { name: `Remove ${PRIYAS_JENKINS}` }).press('Enter');
    const dialog = frame.getByTestId('remove-dialog');
    await dialog.getByTestId('remove-usage').waitFor();
    assert.match((await dialog.getByTestId('remove-usage').textContent()) ?? '', /No project uses this connection/);
    await screenshot(page, 'settings-remove-connection-dialog');
    await dialog.getByRole('button', { name: 'Remove connection' }).press('Enter');
    await frame.getByText(`Removed “${PRIYAS_JENKINS}”.`).waitFor();
    await context.close();
  });

  test('given the deploy registration secret, when created, then it is shown once and never again after a reload', async () => {
    const context = await signedIn(browser, 'projectAdmin', 'dark');
    const page = await context.newPage();
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await frame.getByRole('tab', { name: 'Deploys' }).click();
    const registration = frame.getByTestId('deploy-registration');
    await registration.waitFor();
    assert.match((await frame.getByTestId('deploy-registration-url').textContent()) ?? '', /\/x1\//);

    const create = registration.getByRole('button', { name: /Create secret|Rotate secret/ });
    const rotating = ((await create.textContent()) ?? '').includes('Rotate');
    await create.click();
    if (rotating) {
      await frame.getByTestId('confirm-dialog').waitFor();
      await screenshot(page, 'settings-rotate-secret-dialog-dark');
      await frame.getByTestId('confirm-dialog').getByRole('button', { name: 'Rotate secret' }).click();
    }
    const secret = ((await frame.getByTestId('deploy-secret').textContent()) ?? '').trim();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'settings-deploy-secret-dark');
    assert.equal(await page.locator('[data-csp-notice]').count(), 0, 'the dialog and theme stayed within the Content Security Policy');

    // The secret shown is the one the web trigger checks: a deploy signed with it is accepted.
    const url = new URL(((await frame.getByTestId('deploy-registration-url').textContent()) ?? '').trim());
    assert.equal(url.searchParams.get('project'), 'DEMO');
    const body = JSON.stringify({
      environment: { name: 'production', type: 'production' },
      sha: 'abcdef1234567',
      state: 'successful',
      url: 'https://ci.example.com/deploys/1',
      runId: `settings-test-${process.pid}`,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(new URL(`${url.pathname}${url.search}`, baseUrl()), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, body) },
      body,
    });
    assert.ok(response.ok, `the web trigger refused a deploy signed with the new secret: ${response.status} ${await response.text()}`);

    await page.reload();
    await appFrame(page).getByRole('tab', { name: 'Deploys' }).click();
    await appFrame(page).getByTestId('deploy-registration').waitFor();
    assert.equal(await appFrame(page).getByTestId('deploy-secret').count(), 0);
    assert.doesNotMatch((await appFrame(page).locator('body').textContent()) ?? '', new RegExp(secret));
    assert.match((await appFrame(page).getByTestId('deploy-registration').textContent()) ?? '', /Set/);
    await context.close();
  });
});
