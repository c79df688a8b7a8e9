import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { DEMO_CREDENTIALS, startJenkinsStandIn, type JenkinsStandIn } from '../../dev/ci-servers';
import { appFrame, launchBrowser, screenshot, signedIn, watchProblems } from './support/browser';

/**
 * Issue 7's walk-through, as a new Jira admin (Ada) would do it: connect the demo Jenkins, test it,
 * see a wrong token fail with its hint, make it DEMO's default build server, map its production
 * deploy job, set the issue integration provider, sync now, and find the deploy on DEMO-1.
 * The Jenkins stand-in runs in this process; the emulator reaches it on loopback (local mode).
 */
describe('a new admin connects the demo Jenkins and finds its deploy on DEMO-1', () => {
  let browser: Browser;
  let jenkins: JenkinsStandIn;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const name = `Demo Jenkins ${process.pid}`;
  /** DEMO's default build server before the test, restored at the end for the tests that follow. */
  let previousDefault = 'None';

  before(async () => {
    browser = await launchBrowser();
    // A growing history, fast: the sync only turns runs into deploys once their deploy source exists,
    // so the deploy this test looks for is one that runs after the mapping is saved.
    jenkins = await startJenkinsStandIn({ world: { growing: { commitEveryMs: 2_000 } } });
    context = await signedIn(browser, 'admin');
    page = await context.newPage();
    // Tall enough for the whole form: a full-page screenshot of a taller page repeats the sticky header.
    await page.setViewportSize({ width: 1280, height: 1600 });
    problems = watchProblems(page);
  });
  after(async () => {
    await context.close();
    await browser.close();
    await jenkins.close();
  });

  /** Jira's egress consent dialog, which the host page opens for permissions.egress.set. */
  async function allowEgressIfAsked(): Promise<boolean> {
    const dialog = page.getByTestId('egress-consent');
    try {
      await dialog.waitFor({ timeout: 5_000 });
    } catch {
      return false;
    }
    assert.match((await dialog.textContent()) ?? '', new RegExp(jenkins.url.replace(/[.:/]/g, '\\$&')));
    await screenshot(page, 'admin-egress-consent');
    await dialog.getByRole('button', { name: 'Allow' }).click();
    return true;
  }

  async function openTab(frame: FrameLocator, label: string) {
    await frame.getByRole('tab', { name: label }).click();
  }

  test('Ada adds the demo Jenkins, tests it before saving and sees its version and user', async () => {
    await page.goto('/jira/admin');
    const frame = appFrame(page);
    // By keyboard: a click can land at stale coordinates in a cross-origin frame (see the save below).
    await frame.getByRole('button', { name: 'Add Jenkins' }).press('Enter');
    await frame.getByTestId('connection-form').waitFor();
    await frame.getByLabel('Name').first().fill(name);
    await frame.getByLabel('Jenkins URL').fill(jenkins.url);
    await frame.getByLabel('Username').fill(DEMO_CREDENTIALS.jenkins.username);
    await frame.getByLabel('API token').fill(DEMO_CREDENTIALS.jenkins.apiToken);
    assert.match((await frame.getByTestId('connection-form').textContent()) ?? '', /user menu .* Security → API Token/);

    await frame.getByTestId('connection-form').getByRole('button', { name: 'Test connection' }).press('Enter');

    assert.equal(await allowEgressIfAsked(), true, 'testing a new Jenkins asks for egress consent to its address first');
    const success = frame.getByTestId('test-success');
    await success.waitFor();
    assert.match((await success.textContent()) ?? '', new RegExp(`Connected to Jenkins .* as ${DEMO_CREDENTIALS.jenkins.username}`));
    await screenshot(page, 'admin-test-connection-success');

    // By keyboard: after a full-page screenshot Chromium can route a mouse click into the cross-origin
    // frame at stale coordinates, so the click lands beside the button; focus and Enter always arrive.
    await frame.getByRole('button', { name: 'Save connection' }).press('Enter');
    const row = frame.getByTestId(`connection-row-${name}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`Token ••••${DEMO_CREDENTIALS.jenkins.apiToken.slice(-4)}`));
    assert.match((await frame.getByTestId('provider-status-jenkins').textContent()) ?? '', /Connected/);
  });

  test('Ada changes the token to a wrong one, tests it and sees the 401 hint; the stored token still works', async () => {
    const frame = appFrame(page);
    await frame.getByRole('button', { name: `Edit ${name}` }).press('Enter');
    await frame.getByLabel('API token').fill('not-the-right-token');

    await frame.getByTestId('connection-form').getByRole('button', { name: 'Test connection' }).press('Enter');

    const problem = frame.getByTestId('problem');
    await problem.waitFor();
    const text = (await problem.textContent()) ?? '';
    assert.match(text, /HTTP 401/);
    assert.match(text, /Check the Jenkins user name and API token/);
    assert.doesNotMatch(text, /not-the-right-token/);
    await screenshot(page, 'admin-test-connection-401');
    await frame.getByRole('button', { name: 'Cancel' }).press('Enter');

    await frame.getByRole('button', { name: `Test connection ${name}` }).press('Enter');
    await frame.getByTestId('test-success').waitFor();
  });

  test('on DEMO settings, Ada picks it as default build server, maps deploy-production to production and sets the provider', async () => {
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await frame.getByTestId('settings-project').waitFor();

    await openTab(frame, 'Build server');
    previousDefault = ((await frame.getByTestId('select-default-build-server-select--value-container').textContent()) ?? 'None').trim();
    await frame.getByLabel('Default build server').fill(name);
    await frame.getByLabel('Default build server').press('Enter');
    await frame.getByRole('button', { name: 'Save build server' }).press('Enter');
    await frame.getByTestId('saved-notice').waitFor();

    await openTab(frame, 'Deploys');
    await frame.getByRole('button', { name: 'Add deploy source' }).press('Enter');
    const form = frame.getByTestId('deploy-source-form');
    await form.getByLabel('Job or pipeline').fill('deploy-production');
    await form.getByLabel('Job or pipeline').press('Enter');
    await form.getByLabel('Jenkins parameter condition').fill('ENV=prod');
    await form.getByLabel('Environment name').fill('production');
    await form.getByRole('button', { name: 'Save deploy source' }).press('Enter');
    await frame.getByTestId('deploy-source-deploy-production').first().waitFor();
    await screenshot(page, 'settings-deploys');

    await openTab(frame, 'Issue integration');
    await frame.getByRole('radio', { name: /This app only/ }).check();
    await frame.getByRole('button', { name: 'Save issue integration' }).press('Enter');
    await frame.getByTestId('issue-integration-tab').getByTestId('saved-notice').waitFor();
    await screenshot(page, 'settings-issue-integration');
  });

  test('Ada presses Sync now and the sync of her connection is reported', async () => {
    const frame = appFrame(page);
    await openTab(frame, 'Sync');
    const row = frame.getByTestId(`sync-row-${name}`);
    await row.waitFor();

    await frame.getByRole('button', { name: `Sync ${name} now` }).press('Enter');

    await frame.getByTestId('sync-tab').getByTestId('saved-notice').waitFor();
    await row.getByText('Up to date').waitFor({ timeout: 45_000 });
    // The Sync tab says what is stored, as the admin page's health hub does, not what the last run wrote.
    assert.match((await row.getByTestId('sync-totals').textContent()) ?? '', /^[\d,]+ builds? and [\d,]+ deploys? stored|^Stored builds and deploys are counted from the next new build$/);
    await screenshot(page, 'settings-sync');
  });

  test('Ada opens DEMO-1 and finds the deploy from her Jenkins', { timeout: 120_000 }, async () => {
    const frame = appFrame(page);
    const deployLink = frame.locator(`a[href^="${jenkins.url}/job/deploy-production/"]`).first();
    // The panel loads once; the next production run of a DEMO-1 commit, synced by the schedule
    // (every 30 s on the emulator) if not by Sync now, shows on a later load.
    const deadline = Date.now() + 100_000;
    for (;;) {
      await page.goto('/jira/issue/DEMO-1');
      try {
        await deployLink.waitFor({ timeout: 8_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }

    assert.match((await frame.locator('body').textContent()) ?? '', /production/i);
    await screenshot(page, 'issue-DEMO-1-after-setup');
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('[data-csp-notice]').count(), 0, 'a page broke its Content Security Policy');
  });

  test('Ada puts DEMO back as the demo had it: her deploy source removed, the earlier default build server picked', async () => {
    await page.goto('/jira/project/DEMO/settings');
    const frame = appFrame(page);
    await openTab(frame, 'Deploys');
    const rows = frame.getByTestId('deploy-source-deploy-production');
    const before = await rows.count();
    const mine = rows.filter({ hasText: name });
    await mine.getByRole('button', { name: /Remove/ }).first().press('Enter');
    await frame.getByTestId('confirm-dialog').getByRole('button', { name: 'Remove deploy source' }).press('Enter');
    await frame.getByText('Deploy source for deploy-production removed.').waitFor();
    // The list re-renders from the saved settings just after the notice: wait for the row to go.
    await rows.nth(before - 1).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), before - 1);

    if (previousDefault === 'None' || previousDefault === '') return;
    await openTab(frame, 'Build server');
    await frame.getByLabel('Default build server').fill(previousDefault.replace(/ \((Jenkins|Buildkite|CircleCI)\)$/, ''));
    await frame.getByLabel('Default build server').press('Enter');
    await frame.getByRole('button', { name: 'Save build server' }).press('Enter');
    await frame.getByTestId('build-server-tab').getByTestId('saved-notice').waitFor();
  });
});
