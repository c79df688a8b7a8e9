import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { appFrame, launchBrowser, screenshot, signedIn, watchProblems } from './support/browser';

/**
 * Issue 16, items 3 and 4, on OPS, a project with no settings yet: the set-up checklist, the job
 * picker and its suggestion for a mistyped job, and the Sync tab after "Sync now". OPS is put back
 * (no build server, no deploy source) at the end.
 */
describe('a new project is set up from its checklist', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    browser = await launchBrowser();
    context = await signedIn(browser, 'admin');
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 1600 });
    problems = watchProblems(page);
  });
  after(async () => {
    await context.close();
    await browser.close();
  });

  test('given OPS without settings, when Ada follows the checklist, then each step opens its tab and the checklist completes after the first sync', { timeout: 150_000 }, async () => {
    await page.goto('/jira/project/OPS/settings');
    const frame = appFrame(page);
    const checklist = frame.getByTestId('setup-checklist');
    await checklist.waitFor();
    assert.match((await checklist.textContent()) ?? '', /of 5 done/);
    await screenshot(page, 'settings-setup-checklist-new');

    await checklist.getByRole('button', { name: 'Pick the default build server' }).press('Enter');
    await frame.getByLabel('Default build server').fill('Demo Jenkins');
    await frame.getByLabel('Default build server').press('Enter');
    await frame.getByRole('button', { name: 'Save build server' }).click();
    await frame.getByTestId('build-server-tab').getByTestId('saved-notice').waitFor();

    await checklist.getByRole('button', { name: 'Map the jobs that deploy' }).click();
    await frame.getByRole('button', { name: 'Add deploy source' }).click();
    const form = frame.getByTestId('deploy-source-form');
    await form.getByRole('button', { name: 'Save deploy source' }).click();
    await form.getByTestId('error-deploy-job').waitFor();
    await form.getByTestId('error-deploy-environment').waitFor();
    await screenshot(page, 'settings-deploy-inline-errors');

    await form.getByLabel('Job or pipeline').fill('deploy-prodution');
    await form.getByLabel('Job or pipeline').press('Enter');
    await form.getByRole('button', { name: 'Preview runs' }).click();
    await form.getByTestId('preview-note').waitFor();
    assert.match((await form.getByTestId('preview-note').textContent()) ?? '', /No such job .* Did you mean deploy-production\?/);
    await form.getByRole('button', { name: 'Use deploy-production' }).click();
    await form.getByLabel('Environment name').fill('production');
    await form.getByRole('button', { name: 'Save deploy source' }).click();
    await frame.getByTestId('deploy-source-deploy-production').waitFor();

    await checklist.getByRole('button', { name: 'Choose how deploys link to issues' }).click();
    await frame.getByRole('button', { name: 'Save issue integration' }).click();
    await frame.getByTestId('issue-integration-tab').getByTestId('saved-notice').waitFor();

    await frame.getByRole('tab', { name: 'Sync' }).click();
    await frame.getByRole('button', { name: 'Sync now', exact: true }).click();
    const notice = frame.getByTestId('sync-tab').getByTestId('saved-notice');
    await notice.getByText(/Sync finished at .*: (found|.*failed)/).waitFor({ timeout: 120_000 });
    assert.doesNotMatch((await frame.getByTestId('sync-tab').textContent()) ?? '', /Requests/);
    assert.match((await frame.getByTestId('sync-totals').first().textContent()) ?? '', /stored|counted from the next new build/);

    // The history import's day is checked next to its field before anything is sent.
    const from = frame.getByTestId('history-from');
    await from.fill('2000-01-01');
    await frame.getByTestId('history-from-error').waitFor();
    assert.match((await frame.getByTestId('history-from-error').textContent()) ?? '', /at most two years ago/);
    assert.equal(await frame.getByRole('button', { name: 'Import history of Demo Jenkins' }).isDisabled(), true);
    await screenshot(page, 'settings-sync-after-sync-now');
    await from.fill(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
    await frame.getByTestId('history-from-error').waitFor({ state: 'detached' });

    await frame.getByText('Set-up complete').waitFor();
    // Once every step is done, the first sync included, a later visit shows no checklist.
    await page.goto('/jira/project/OPS/settings');
    await appFrame(page).getByTestId('setup-done').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await appFrame(page).getByTestId('setup-checklist').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('Ada puts OPS back: no deploy source, no build server', async () => {
    await page.goto('/jira/project/OPS/settings');
    const frame = appFrame(page);
    await frame.getByRole('tab', { name: 'Deploys' }).click();
    await frame.getByRole('button', { name: 'Remove deploy source deploy-production' }).click();
    await frame.getByTestId('confirm-dialog').getByRole('button', { name: 'Remove deploy source' }).click();
    await frame.getByTestId('deploy-source-deploy-production').waitFor({ state: 'detached' });
    await frame.getByRole('tab', { name: 'Build server' }).click();
    await frame.getByLabel('Default build server').fill('None');
    await frame.getByLabel('Default build server').press('Enter');
    await frame.getByRole('button', { name: 'Save build server' }).click();
    await frame.getByTestId('build-server-tab').getByTestId('saved-notice').waitFor();
  });
});
