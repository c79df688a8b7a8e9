import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
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

/** Opens every environment by keyboard: Tab from the top of the panel reaches each toggle, Enter or Space opens it. */
async function openEnvironments(page: Page, frame: FrameLocator): Promise<void> {
  const toggles = frame.getByTestId('environment-toggle');
  await frame.locator('body').focus();
  for (let i = 0; i < (await toggles.count()); i++) {
    for (let presses = 0; !(await toggles.nth(i).evaluate((el) => el === el.ownerDocument.activeElement)); presses++) {
      if (presses > 200) assert.fail(`Tab never reaches environment ${i + 1}`);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
    assert.equal(await toggles.nth(i).getAttribute('aria-expanded'), 'true');
  }
}

/** Every older page loaded by keyboard: focus "Show older deploys", Enter, wait while the page loads. */
async function loadEveryPage(page: Page, frame: FrameLocator, total: Locator): Promise<void> {
  const deadline = Date.now() + 45_000;
  while ((await total.getAttribute('data-complete')) !== 'true') {
    if (Date.now() > deadline) assert.fail('older deploys of DEMO-1 did not all load within 45 s');
    await frame.getByTestId('load-older').focus();
    await page.keyboard.press('Enter');
    // React marks the list busy within the key press; a press the button ignored only loads a page again, which folds away.
    await frame.locator('[data-testid="deploy-total"][aria-busy="false"]').waitFor({ timeout: 20_000 });
  }
}

interface Counts {
  /** data-real-key of every row listed, all environments open. */
  readonly keys: (string | null)[];
  /** Rows the total line counts (data-total) and the total the resolver said is stored (data-stored). */
  readonly shown: number;
  readonly stored: number | null;
  readonly line: string;
}

/** The panel with every page in and every environment open, as a person would check it. */
async function everyPage(page: Page, frame: FrameLocator): Promise<Counts> {
  const total = frame.getByTestId('deploy-total');
  await loadEveryPage(page, frame, total);
  await openEnvironments(page, frame);
  const keys = await frame.getByTestId('deploy-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-real-key')));
  const stored = await total.getAttribute('data-stored');
  return { keys, shown: Number(await total.getAttribute('data-total')), stored: stored === null ? null : Number(stored), line: (await total.textContent()) ?? '' };
}

/** A commit's page on the demo's local Git host, in GitHub's shape. */
const GIT_HOST_COMMIT = /^http:\/\/github\.localhost:\d+\/demo-org\/shop\/commit\/[0-9a-f]{40}$/;

/** The listed rows of Jenkins deploys: their index among all rows and their SHA's link (null when plain). */
async function jenkinsRows(frame: FrameLocator): Promise<{ index: number; href: string | null }[]> {
  const rows = await frame.getByTestId('deploy-row').evaluateAll((trs) =>
    trs.map((tr, index) => ({
      index,
      provider: tr.querySelector('[data-testid="provider-badge"]')?.textContent ?? '',
      hasSha: tr.querySelector('[data-testid="commit-link"], [data-testid="commit-sha"]') !== null,
      href: tr.querySelector('[data-testid="commit-link"] a')?.getAttribute('href') ?? null,
    })),
  );
  return rows.filter((row) => row.provider === 'Jenkins' && row.hasSha).map(({ index, href }) => ({ index, href }));
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

    test('given DEMO-1, when every older page is loaded and every environment opened by keyboard, then one row per real deploy, each with its CI, and the total is every row and what is stored', SLOW, async () => {
      const { context, page, frame, problems } = await openDemo(browser, theme);

      const since = frame.getByTestId('environment-since');
      assert.ok((await since.count()) >= 1);
      assert.match((await since.first().textContent()) ?? '', /^(In \S.* since |Not in )/);
      let counts = await everyPage(page, frame);
      // The demo's CI keeps deploying: a first page read while a sync had written a deploy's link but
      // not yet recounted the issue carries the count from before it. A fresh load has both.
      for (let attempt = 1; attempt < 3 && counts.stored !== counts.shown; attempt++) {
        await page.reload();
        await frame.getByTestId('deploy-total').waitFor({ timeout: 20_000 });
        counts = await everyPage(page, frame);
      }

      const { keys, shown, stored, line } = counts;
      assert.ok(keys.length > 0);
      assert.equal(new Set(keys).size, keys.length, 'a real deploy shows in two rows');
      const badges = await frame.getByTestId('provider-badge').allTextContents();
      assert.equal(badges.length, keys.length, 'every row names its CI');
      for (const badge of badges) assert.match(badge, /^(Jenkins|Buildkite|CircleCI|Registered)$/);
      assert.equal(shown, keys.length, 'the total line counts other rows than the panel lists');
      assert.equal(stored, shown, 'the stored total is not the number of real deploys the panel lists');
      assert.match(line, new RegExp(`^${keys.length === 1 ? '1 deploy' : `${keys.length} deploys`} of DEMO-1, all shown`));
      assert.equal(await frame.getByTestId('load-older').count(), 0, 'every page is in, yet older deploys are offered');
      assert.equal(await frame.getByText(/^by api$/i).count(), 0, 'a trigger reads like a person named "api"');
      await screenshot(page, `issue-panel-real-deploys-${theme}`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('given a Jenkins deploy opened by keyboard, when its Commits tab is reached with the arrow keys, then its SHAs link to their pages on the demo\'s Git host, issue keys are links, and Escape leaves focus in the panel', SLOW, async () => {
      const { context, page, frame } = await openDemo(browser, theme);
      await openEnvironments(page, frame);
      // The demo's CI names its repository on the local Git host (github.localhost), whose commit pages the panel links to.
      const rows = await jenkinsRows(frame);
      assert.ok(rows.length > 0, 'DEMO-1 has no Jenkins deploy');
      for (const row of rows) assert.match(row.href ?? `plain SHA in row ${row.index}`, GIT_HOST_COMMIT, 'a Jenkins deploy row shows its SHA without a link');
      const first = rows[0];
      assert.ok(first);
      const toggle = frame.getByTestId('deploy-row').nth(first.index).getByTestId('deploy-toggle');
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
      const commits = await panel.locator('li').evaluateAll((items) =>
        items.map((li) => ({
          href: li.querySelector('[data-testid="commit-link"] a')?.getAttribute('href') ?? null,
          subject: (li.querySelector(':scope > span') as HTMLElement | null)?.innerText.split('\n')[0] ?? '',
        })),
      );
      assert.ok(commits.length > 0, 'no commit SHA shows');
      for (const commit of commits) assert.match(commit.href ?? `plain SHA of "${commit.subject}"`, GIT_HOST_COMMIT, 'a Jenkins deploy\'s commit shows its SHA without a link');
      const keyLinks = panel.getByTestId('issue-key-link');
      if (await keyLinks.count()) assert.match((await keyLinks.first().getAttribute('href')) ?? '', /^\/browse\/[A-Z][A-Z0-9_]*-\d+$/);
      await page.keyboard.press('Escape');
      assert.equal(await frame.getByTestId('commits-tab').getAttribute('aria-selected'), 'true');
      await screenshot(page, `issue-panel-commit-links-${theme}`);

      // Followed in a new page (as the link's target=_blank would), the Git host shows that commit.
      const followed = commits[0];
      assert.ok(followed?.href);
      const commitPage = await context.newPage();
      const response = await commitPage.goto(followed.href);
      assert.equal(response?.status(), 200);
      assert.equal(await commitPage.getByTestId('commit-subject').textContent(), followed.subject);
      assert.equal(await commitPage.getByTestId('commit-sha').textContent(), followed.href.split('/').pop());
      await pageScreenshot(commitPage, `git-host-commit-${theme}`);
      await context.close();
    });
  });
}
