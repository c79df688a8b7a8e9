import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { appFrame, launchBrowser, screenshot as pageScreenshot, signedIn, watchProblems } from './support/browser';

const SLOW = { timeout: 150_000 };

/** The panel's frame grown to its content first: Chromium paints a cross-origin iframe only inside the viewport. */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.max(height, 860) });
  await page.waitForTimeout(300);
  await pageScreenshot(page, name);
}

async function openDemo(browser: Browser, theme: 'light' | 'dark') {
  const context = await signedIn(browser, 'admin', theme);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto('/jira/issue/DEMO-1');
  const frame = appFrame(page);
  const deadline = Date.now() + 90_000;
  // The demo's deploys arrive with the first sync after start-up.
  while (!(await frame.getByTestId('environments').count())) {
    if (Date.now() > deadline) assert.fail('no deploy of DEMO-1 showed within 90 s');
    await page.waitForTimeout(3000);
    await page.reload();
    await frame.getByTestId('environments').or(frame.getByTestId('empty-state')).first().waitFor({ timeout: 20_000 }).catch(() => undefined);
  }
  return { context, page, frame, problems };
}

/** Opens every environment by keyboard: Tab-reachable toggles, Enter to open. */
async function openEnvironments(page: Page, frame: FrameLocator): Promise<void> {
  const toggles = frame.getByTestId('environment-toggle');
  for (let i = 0; i < (await toggles.count()); i++) {
    await toggles.nth(i).focus();
    await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
    assert.equal(await toggles.nth(i).getAttribute('aria-expanded'), 'true');
  }
}

for (const theme of ['light', 'dark'] as const) {
  describe(`issue panel, real deploys and totals (${theme})`, () => {
    let browser: Browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
    });

    test('given DEMO-1, when every environment is opened by keyboard, then one row per real deploy, each with its CI, and the total is every row', SLOW, async () => {
      const { context, page, frame, problems } = await openDemo(browser, theme);

      const since = frame.getByTestId('environment-since');
      assert.ok((await since.count()) >= 1);
      assert.match((await since.first().textContent()) ?? '', /^(In \S.* since |Not in )/);
      await openEnvironments(page, frame);

      const rows = frame.getByTestId('deploy-row');
      const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-real-key')));
      assert.ok(keys.length > 0);
      assert.equal(new Set(keys).size, keys.length, 'a real deploy shows in two rows');
      const badges = await frame.getByTestId('provider-badge').allTextContents();
      assert.equal(badges.length, keys.length, 'every row names its CI');
      for (const badge of badges) assert.match(badge, /^(Jenkins|Buildkite|CircleCI|Registered)$/);
      const total = frame.getByTestId('deploy-total');
      if ((await total.getAttribute('data-complete')) === 'true') {
        assert.equal(Number(await total.getAttribute('data-total')), keys.length, 'the total is not what the panel lists');
        assert.match((await total.textContent()) ?? '', new RegExp(`^${keys.length} deploys of DEMO-1, all shown`));
      }
      assert.equal(await frame.getByText(/^by api$/i).count(), 0, 'a trigger reads like a person named "api"');
      await screenshot(page, `issue-panel-real-deploys-${theme}`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('given a deploy opened by keyboard, when its Commits tab is reached with the arrow keys, then SHAs and issue keys are links or explain why not, and Escape leaves focus in the panel', SLOW, async () => {
      const { context, page, frame } = await openDemo(browser, theme);
      await openEnvironments(page, frame);
      const toggle = frame.getByTestId('deploy-toggle').first();
      await toggle.focus();
      await page.keyboard.press('Enter');
      await frame.getByTestId('deploy-detail').waitFor();

      // A deploy run in the snapshot is marked as one; the warning then counts only real builds.
      const warning = frame.getByTestId('snapshot-warning');
      if (await warning.count()) assert.match((await warning.textContent()) ?? '', /[1-9]\d* builds? of this commit/);

      await frame.getByTestId('builds-tab').focus();
      await page.keyboard.press('ArrowRight');
      await frame.getByTestId('commits-panel').waitFor();
      const panel = frame.getByTestId('commits-panel');
      const shas = panel.getByTestId('commit-link').or(panel.getByTestId('commit-sha'));
      assert.ok((await shas.count()) > 0, 'no commit SHA shows');
      for (const sha of await panel.getByTestId('commit-sha').all()) assert.match((await sha.getAttribute('title')) ?? '', /^[0-9a-f]{7,} \(no link: /);
      const keyLinks = panel.getByTestId('issue-key-link');
      if (await keyLinks.count()) assert.match((await keyLinks.first().getAttribute('href')) ?? '', /^\/browse\/[A-Z][A-Z0-9_]*-\d+$/);
      await page.keyboard.press('Escape');
      assert.equal(await frame.getByTestId('commits-tab').getAttribute('aria-selected'), 'true');
      await screenshot(page, `issue-panel-commit-links-${theme}`);
      await context.close();
    });
  });
}
