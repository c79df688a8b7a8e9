import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { appFrame, launchBrowser, screenshot as pageScreenshot, signedIn, watchProblems, type DemoUser } from './support/browser';

// The demo's history reaches the DORA rollups through the sync engine, within a minute or two of
// start-up: the page is reloaded until the figures show.
const FIGURES_WAIT_MS = 120_000;
const SLOW = { timeout: 180_000 };
const MEASURES = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'recoveryTime', 'reworkRate'] as const;
const BANDED = new Set<string>(['deploymentFrequency', 'leadTime', 'changeFailureRate', 'recoveryTime']);

/** The whole page in one picture: Chromium paints a cross-origin iframe only inside the viewport. */
async function screenshot(page: Page, name: string): Promise<void> {
  const frameHeight = await page.locator('iframe[data-forge-frame]').evaluate((frame) => frame.getBoundingClientRect().bottom);
  const height = Math.max(await page.evaluate(() => document.documentElement.scrollHeight), Math.ceil(frameHeight));
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1280, height: Math.max(height, viewport?.height ?? 0) });
  await page.waitForTimeout(300);
  await pageScreenshot(page, name);
  if (viewport) await page.setViewportSize(viewport);
}

async function openDora(browser: Browser, user: DemoUser, theme: 'light' | 'dark' = 'light') {
  const context = await signedIn(browser, user, theme);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto('/jira/project/DEMO/dora');
  return { context, page, problems, frame: appFrame(page) };
}

/** Reloads until the five cards show; fails at once on the error state, with its message. */
async function waitForFigures(page: Page, frame: FrameLocator): Promise<void> {
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    const measures = frame.getByTestId('measures');
    const empty = frame.getByTestId('empty-state');
    const problem = frame.getByTestId('problem');
    try {
      await measures.or(empty).or(problem).first().waitFor({ timeout: 20_000 });
    } catch {
      // Still loading: reload below.
    }
    if (await measures.count()) return;
    if (await problem.count()) assert.fail(`the DORA page failed: ${await problem.textContent()}`);
    if (Date.now() > deadline) {
      const shown = (await empty.count()) ? await empty.textContent() : 'still loading';
      assert.fail(`no DORA figures showed within ${FIGURES_WAIT_MS / 1000} s (${shown})`);
    }
    await page.waitForTimeout(4000);
    await page.reload();
  }
}

/** Every measure has a card with a figure, a trend, a band where the report defines one, and a drawn chart. */
async function assertFiveMeasures(frame: FrameLocator): Promise<void> {
  const cards = frame.getByTestId('measure-card');
  assert.equal(await cards.count(), 5);
  for (const measure of MEASURES) {
    const card = frame.locator(`[data-testid="measure-card"][data-measure="${measure}"]`);
    const value = (await card.getByTestId('measure-value').textContent()) ?? '';
    assert.ok(value !== '' && value !== '—', `${measure} has no value`);
    assert.ok((await card.getByTestId('trend').count()) >= 1, `${measure} shows no trend`);
    assert.match((await card.getByTestId('trend').first().textContent()) ?? '', /previous \d+ days/);
    const canvas = card.locator(`canvas[data-testid="chart-${measure}"]`);
    await canvas.waitFor();
    const drawn = await canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      return c.width > 0 && c.height > 0;
    });
    assert.ok(drawn, `${measure}'s chart has no size`);
    if (BANDED.has(measure)) {
      const band = (await card.getByTestId('band').getAttribute('data-band')) ?? '';
      assert.match(band, /^(elite|high|medium|low)$/, `${measure} has no band`);
    } else {
      assert.equal(await card.getByTestId('band').count(), 0, 'rework rate has no band in any report');
    }
  }
  const citation = (await frame.getByTestId('bands-citation').textContent()) ?? '';
  assert.match(citation, /Accelerate State of DevOps Report 2024/);
}

describe('DORA page on /jira/project/DEMO/dora', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
  });

  test('given the demo history, when a project admin opens the page, then all five measures show with charts, bands and trends (light)', SLOW, async () => {
    const { context, page, problems, frame } = await openDora(browser, 'projectAdmin');
    await waitForFigures(page, frame);

    assert.match((await page.locator('iframe[data-forge-frame]').getAttribute('title')) ?? '', /DORA metrics/);
    assert.equal(await page.locator('.sidebar [aria-current="page"]').textContent(), 'Deploy Tracker: DORA metrics');
    await assertFiveMeasures(frame);
    await frame.getByTestId('dora-settings-link').waitFor();
    await screenshot(page, 'dora-light');
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('[data-csp-notice]').count(), 0, 'the Custom UI broke its Content Security Policy');
    await context.close();
  });

  test('given the dark theme, when a browse-only user opens the page, then the same measures show in dark colours and no settings link', SLOW, async () => {
    const { context, page, problems, frame } = await openDora(browser, 'user', 'dark');
    await waitForFigures(page, frame);

    assert.equal(await frame.locator('html').getAttribute('data-color-mode'), 'dark');
    await assertFiveMeasures(frame);
    // The charts read the design tokens: the dark theme's brand colour, not the light fallback.
    const brand = await frame.locator('html').evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-chart-brand').trim());
    assert.notEqual(brand, '');
    assert.equal(await frame.getByTestId('dora-settings-link').count(), 0, 'only project admins get the settings link');
    await screenshot(page, 'dora-dark');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('given the page, when the keyboard picks 90 days with an arrow key, then the period is chosen and the figures reload for it', SLOW, async () => {
    const { context, page, frame } = await openDora(browser, 'admin');
    await waitForFigures(page, frame);

    const thirty = frame.getByTestId('period-30');
    assert.equal(await thirty.getAttribute('aria-checked'), 'true');
    await thirty.focus();
    await page.keyboard.press('ArrowRight');
    const ninety = frame.getByTestId('period-90');
    assert.equal(await ninety.getAttribute('aria-checked'), 'true');
    assert.equal(await ninety.evaluate((element) => element === document.activeElement), true, 'focus follows the choice');
    await frame.getByTestId('measures').waitFor();
    assert.match((await frame.getByTestId('trend').first().textContent()) ?? '', /previous 90 days/);
    await page.keyboard.press('Home');
    assert.equal(await frame.getByTestId('period-7').getAttribute('aria-checked'), 'true');

    // The environment picker sits before the period group: Shift+Tab goes back to it. ArrowDown opens it, Escape closes it.
    const environment = frame.locator('#dora-environment');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await environment.evaluate((el) => el === document.activeElement), true, 'Shift+Tab does not reach the environment picker');
    await page.keyboard.press('ArrowDown');
    const options = frame.getByRole('option');
    await options.first().waitFor();
    assert.match((await options.first().textContent()) ?? '', /(^| \()(Production|Staging|Testing|Development|Other)\)?$/);
    await page.keyboard.press('Escape');
    await options.first().waitFor({ state: 'detached' });
    await context.close();
  });

  test('given the outsider, who may browse no project, when they open the page, then the local Jira answers 404 as Jira does', async () => {
    const context = await signedIn(browser, 'outsider');
    const page = await context.newPage();
    const response = await page.goto('/jira/project/DEMO/dora');
    assert.equal(response?.status(), 404);
    await context.close();
  });
});
