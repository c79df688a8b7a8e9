import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_USERS, appFrame, launchBrowser, screenshot, signedIn } from './support/browser';

describe('settings and admin pages as a user without admin rights', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given an admin, when they pick the plain user in the switcher, then every page acts as that user', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    await page.goto('/');

    await page.getByLabel('Acting as').selectOption(DEMO_USERS.user.accountId);
    await page.getByRole('button', { name: 'Switch user' }).press('Enter');

    await page.waitForURL('**/');
    assert.match((await page.getByLabel('Acting as').locator('option:checked').textContent()) ?? '', /Uma User/);
    await context.close();
  });

  test('given the plain user, when they open the DEMO settings page, then the app runs as them and the host says Jira would hide it', async () => {
    const context = await signedIn(browser, 'user');
    const page = await context.newPage();

    await page.goto('/jira/project/DEMO/settings');

    assert.match((await page.getByTestId('access-notice').textContent()) ?? '', /not an admin of DEMO/);
    const frame = appFrame(page);
    await frame.getByTestId('problem').waitFor();
    assert.match((await frame.getByTestId('problem').textContent()) ?? '', /Only administrators of project DEMO can change its Deploy Tracker settings/);
    assert.equal(await frame.getByRole('tab').count(), 0, 'no settings are shown to her');
    assert.doesNotMatch((await frame.locator('body').textContent()) ?? '', new RegExp(DEMO_USERS.user.accountId), 'no raw account id is shown to people');
    assert.equal(await frame.getByTestId('issue-key').count(), 0);
    await screenshot(page, 'project-settings-plain-user');
    await context.close();
  });

  test('given the plain user, when they open the admin page, then the app runs as them with no issue or project', async () => {
    const context = await signedIn(browser, 'user', 'dark');
    const page = await context.newPage();

    await page.goto('/jira/admin');

    assert.match((await page.getByTestId('access-notice').textContent()) ?? '', /not a Jira admin/);
    const frame = appFrame(page);
    await frame.getByTestId('problem').waitFor();
    assert.match((await frame.getByTestId('problem').textContent()) ?? '', /Only Jira administrators can change site-wide CI connections/);
    const shown = (await frame.locator('body').textContent()) ?? '';
    assert.doesNotMatch(shown, new RegExp(DEMO_USERS.user.accountId), 'no raw account id is shown to people');
    assert.doesNotMatch(shown, /jira:adminPage/, 'no module key is shown to people');
    assert.equal(await frame.getByRole('button', { name: 'Add Jenkins' }).count(), 0);
    await screenshot(page, 'admin-page-plain-user-dark');
    await context.close();
  });

  test('given the plain user, when they open an issue of a project they cannot browse, then Jira says it cannot be found', async () => {
    const context = await signedIn(browser, 'user');
    const page = await context.newPage();

    const response = await page.goto('/jira/issue/OPS-1');

    assert.equal(response?.status(), 404);
    assert.equal(await page.locator('iframe[data-forge-frame]').count(), 0);
    assert.match((await page.getByTestId('not-found').textContent()) ?? '', /can’t be found/);
    await context.close();
  });
});
