import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { appFrame, launchBrowser, screenshot as pageScreenshot, signedIn, watchProblems, type DemoUser } from './support/browser';

// The demo's deploys come from its CI stand-ins through the sync engine: the first ones can take
// a minute after start-up, so the panel is reloaded until they show.
const DEPLOYS_WAIT_MS = 90_000;
const SLOW = { timeout: 150_000 };

/**
 * A full-page screenshot with the viewport grown to the page first: Chromium paints a
 * cross-origin iframe only inside the viewport, so a taller panel would be cut off.
 */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1280, height: Math.max(height, viewport?.height ?? 0) });
  await page.waitForTimeout(300);
  await pageScreenshot(page, name);
  if (viewport) await page.setViewportSize(viewport);
}

async function openIssue(browser: Browser, user: DemoUser, issueKey: string, theme: 'light' | 'dark' = 'light') {
  const context = await signedIn(browser, user, theme);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`/jira/issue/${issueKey}`);
  return { context, page, problems, frame: appFrame(page) };
}

/** Waits for the panel to settle on one of its states and says which ('loading' if it has not yet). */
async function settled(frame: FrameLocator, timeout = 30_000): Promise<'deploys' | 'empty' | 'error' | 'loading'> {
  const deploys = frame.getByTestId('environments');
  const empty = frame.getByTestId('empty-state');
  const error = frame.getByTestId('error-state');
  try {
    await deploys.or(empty).or(error).first().waitFor({ timeout });
  } catch {
    return 'loading';
  }
  if (await deploys.count()) return 'deploys';
  return (await empty.count()) ? 'empty' : 'error';
}

async function waitForDeploys(page: Page, frame: FrameLocator): Promise<void> {
  const deadline = Date.now() + DEPLOYS_WAIT_MS;
  for (;;) {
    const state = await settled(frame, 15_000);
    if (state === 'deploys') return;
    if (state === 'error') assert.fail(`the panel failed: ${await frame.getByTestId('error-state').textContent()}`);
    if (Date.now() > deadline) assert.fail(`no deploy of ${page.url()} showed within ${DEPLOYS_WAIT_MS / 1000} s (last state: ${state})`);
    await page.waitForTimeout(3000);
    await page.reload();
  }
}

/**
 * Opens, by keyboard only, the first environment and then its deploys one by one until one shows
 * a builds snapshot (a deploy of a commit nothing else built has none).
 */
async function openSnapshotByKeyboard(page: Page, frame: FrameLocator): Promise<void> {
  const environment = frame.getByTestId('environment-toggle').first();
  await environment.focus();
  await page.keyboard.press('Enter');
  assert.equal(await environment.getAttribute('aria-expanded'), 'true');
  const toggles = frame.getByTestId('deploy-toggle');
  const count = await toggles.count();
  assert.ok(count > 0, 'the environment lists no deploys');
  for (let i = 0; i < count; i++) {
    await toggles.nth(i).focus();
    await page.keyboard.press('Enter');
    const detail = frame.getByTestId('deploy-detail').or(frame.getByTestId('detail-error'));
    await detail.first().waitFor();
    if (await frame.getByTestId('snapshot-row').count()) return;
    await page.keyboard.press('Enter');
  }
  assert.fail(`none of the ${count} deploys of the first environment has a builds snapshot`);
}

describe('issue panel on /jira/issue/DEMO-1', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given an admin, when they open DEMO-1, then it shows environments with deploys, and a builds snapshot by keyboard', SLOW, async () => {
    const { context, page, problems, frame } = await openIssue(browser, 'admin', 'DEMO-1');

    await waitForDeploys(page, frame);

    assert.match((await page.getByTestId('issue-summary').textContent()) ?? '', /Checkout page times out/);
    const frameSrc = (await page.locator('iframe[data-forge-frame]').getAttribute('src')) ?? '';
    assert.notEqual(new URL(frameSrc, page.url()).origin, new URL(page.url()).origin, 'Custom UI must be cross-origin, as on Forge');
    const rows = frame.getByTestId('environment-row');
    assert.ok((await rows.count()) >= 1);
    assert.match((await frame.getByTestId('environment-state').first().textContent()) ?? '', /\w/);
    await openSnapshotByKeyboard(page, frame);
    assert.match((await frame.getByTestId('state-at-deploy').first().textContent()) ?? '', /\w/);
    await screenshot(page, 'issue-panel-light');
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('[data-csp-notice]').count(), 0, 'the Custom UI broke its Content Security Policy');
    await context.close();
  });

  test('given a deploy opened on its Builds tab, when the keyboard moves to Commits and back, then each tab opens and a SHA copies', SLOW, async () => {
    const { context, page, frame } = await openIssue(browser, 'admin', 'DEMO-1');
    await waitForDeploys(page, frame);
    await openSnapshotByKeyboard(page, frame);

    const buildsTab = frame.getByTestId('builds-tab');
    const commitsTab = frame.getByTestId('commits-tab');
    assert.equal(await buildsTab.getAttribute('aria-selected'), 'true');
    await buildsTab.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await commitsTab.getAttribute('aria-selected'), 'true');
    await frame.getByTestId('commits-panel').waitFor();
    const commits = frame.getByTestId('commits-mentioning').or(frame.getByTestId('commits-others'));
    assert.ok((await commits.count()) > 0, 'the Commits tab lists no commits');
    await screenshot(page, 'issue-panel-commits');
    const copy = frame.getByTestId('commits-panel').getByTestId('copy-sha').first();
    await copy.focus();
    await page.keyboard.press('Enter');
    await frame.getByText(/^Copied [0-9a-f]{7,}/).waitFor();

    await commitsTab.focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await buildsTab.getAttribute('aria-selected'), 'true');
    await frame.getByTestId('snapshot').waitFor();
    await context.close();
  });

  test('given a Jenkins build in the snapshot, when its drill-down is opened by keyboard, then its stages and log tail load', SLOW, async () => {
    const { context, page, frame } = await openIssue(browser, 'admin', 'DEMO-1');
    await waitForDeploys(page, frame);
    await openSnapshotByKeyboard(page, frame);

    const toggle = frame.getByTestId('jenkins-drilldown-toggle').first();
    assert.ok((await toggle.count()) > 0, 'the snapshot has no Jenkins build');
    await toggle.focus();
    await page.keyboard.press('Enter');

    const drilldown = frame.getByTestId('jenkins-drilldown');
    const stagesError = drilldown.getByTestId('stages-error');
    await drilldown.getByTestId('stages').or(drilldown.getByTestId('stages-unavailable')).or(stagesError).first().waitFor();
    if (await stagesError.count()) assert.fail(`the stages did not load: ${await stagesError.textContent()}`);
    const logError = drilldown.getByTestId('log-error');
    await drilldown.getByTestId('log-tail').or(logError).first().waitFor();
    if (await logError.count()) assert.fail(`the log did not load: ${await logError.textContent()}`);
    assert.match((await drilldown.getByTestId('log-tail').textContent()) ?? '', /\S/);
    await screenshot(page, 'issue-panel-jenkins');
    await context.close();
  });

  test('given the dark theme, when the panel loads, then it follows the host with dark design tokens', SLOW, async () => {
    const { context, page, frame } = await openIssue(browser, 'admin', 'DEMO-1', 'dark');
    await waitForDeploys(page, frame);
    await openSnapshotByKeyboard(page, frame);

    assert.equal(await frame.locator('html').getAttribute('data-color-mode'), 'dark');
    const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    assert.ok(r + g + b < 200, `the panel's background should be dark, was ${background}`);
    await screenshot(page, 'issue-panel-dark');
    await context.close();
  });
});

describe('issue panel empty and error states', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given a project without Deploy Tracker, when an admin opens an issue, then the panel says why and links to its settings', async () => {
    const { context, page, frame } = await openIssue(browser, 'admin', 'OPS-1');

    assert.equal(await settled(frame), 'empty');
    const empty = frame.getByTestId('empty-state');
    assert.equal(await empty.getAttribute('data-reason'), 'not-configured');
    assert.match((await empty.textContent()) ?? '', /once Deploy Tracker is set up for OPS/);
    await screenshot(page, 'issue-panel-empty-admin');
    await frame.getByTestId('configure-link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/jira\/project\/OPS\/settings/);
    await context.close();
  });

  test('given a project without Deploy Tracker, when someone who is not its admin opens an issue, then they read a plain sentence', async () => {
    const { context, page, frame } = await openIssue(browser, 'projectAdmin', 'OPS-2');

    assert.equal(await settled(frame), 'empty');
    const text = (await frame.getByTestId('empty-state').textContent()) ?? '';
    assert.match(text, /once Deploy Tracker is set up for OPS/);
    assert.equal(await frame.getByTestId('configure-link').count(), 0);
    await screenshot(page, 'issue-panel-empty-user');
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

  test('given a page that names another issue in its payload, when the panel loads, then the refusal and its hint show', async () => {
    const context = await signedIn(browser, 'admin');
    const page = await context.newPage();
    // A tampered frame asks for OPS-1's deploys from DEMO-1's panel: the backend takes the issue
    // from the Forge context only and refuses the request with a typed, explained failure.
    await page.route('**/_host/bridge/invoke', async (route) => {
      const body: unknown = route.request().postDataJSON();
      const call = typeof body === 'object' && body !== null ? body : {};
      await route.continue({ postData: JSON.stringify({ ...call, payload: { issueKey: 'OPS-1' } }) });
    });

    await page.goto('/jira/issue/DEMO-1');

    const error = appFrame(page).getByTestId('error-state');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    assert.match(text, /Unrecognized key/);
    assert.match((await appFrame(page).getByTestId('error-hint').textContent()) ?? '', /\w/);
    assert.doesNotMatch(text, /\bat .*\.(ts|js):\d+/, 'a stack trace reached the page');
    await context.close();
  });
});
