import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { appFrame, launchBrowser, screenshot, signedIn, watchProblems } from './support/browser';

/** Whether the element is the one with focus inside its frame. */
const focused = (locator: Locator) => locator.evaluate((el) => el === el.ownerDocument.activeElement);

/** Presses Tab until the locator has focus; fails when it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await focused(target)) return presses;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${await target.textContent()} is not reachable with Tab`);
}

describe('the admin page by keyboard only', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let frame: FrameLocator;
  let problems: string[];

  before(async () => {
    browser = await launchBrowser();
    context = await signedIn(browser, 'admin');
    page = await context.newPage();
    await page.setViewportSize({ width: 1400, height: 1400 });
    problems = watchProblems(page);
    await page.goto('/jira/admin');
    frame = appFrame(page);
    await frame.getByRole('button', { name: 'Add Jenkins' }).waitFor();
  });
  after(async () => {
    await context.close();
    await browser.close();
  });

  test('given the demo\'s firewalled Jenkins, then its row says builds arrive by webhook instead of an empty address', async () => {
    const row = frame.getByTestId('connection-row-Demo Jenkins (firewalled, pushed only)');
    assert.match((await row.textContent()) ?? '', /No address: its builds arrive by webhook/);
    assert.match((await row.getByTestId('token-hint').textContent()) ?? '', /^Webhook secret only$/);
    // Never polled, so neither "not synced yet" nor failing: it waits for, or receives, what its CI sends.
    assert.match((await row.getByTestId('health-state').textContent()) ?? '', /^(Builds arriving|Waiting for its first build)$/);
    assert.match((await row.textContent()) ?? '', /Never polled: its CI sends each build/);
  });

  test('given the page, when Tab reaches "Add Jenkins" and Space presses it, then the form opens with focus in its first field', async () => {
    await frame.locator('body').focus();
    await tabTo(page, frame.getByRole('button', { name: 'Add Jenkins' }));
    await page.keyboard.press('Space');
    const form = frame.getByTestId('connection-form');
    await form.waitFor();
    assert.equal(await focused(form.getByLabel('Name').first()), true, 'focus is not in the first field');
  });

  test('given the open form, when the arrow keys move through "How builds arrive", then the choice follows them', async () => {
    const form = frame.getByTestId('connection-form');
    const polled = form.getByTestId('mode-polled--radio-input');
    await tabTo(page, polled);
    assert.equal(await polled.isChecked(), true);
    await page.keyboard.press('ArrowDown');
    assert.equal(await form.getByTestId('mode-pushed--radio-input').isChecked(), true, 'ArrowDown did not pick the next choice');
    await page.keyboard.press('ArrowUp');
    assert.equal(await polled.isChecked(), true, 'ArrowUp did not go back');
    await screenshot(page, 'admin-keyboard-form');
  });

  test('given the open form, when Tab reaches Cancel and Enter presses it, then the form closes and nothing is added', async () => {
    const rowsBefore = await frame.locator('[data-testid^="connection-row-"]').count();
    await tabTo(page, frame.getByTestId('connection-form').getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Enter');
    await frame.getByTestId('connection-form').waitFor({ state: 'detached' });
    assert.equal(await frame.locator('[data-testid^="connection-row-"]').count(), rowsBefore);
  });

  test('given a connection, when its Remove dialog opens by Enter and Escape is pressed, then the dialog closes, focus comes back and nothing is removed', async () => {
    const remove = frame.getByRole('button', { name: 'Remove Demo Buildkite' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = frame.getByTestId('remove-dialog');
    await dialog.waitFor();
    await screenshot(page, 'admin-keyboard-remove-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(remove), true, 'focus did not return to the Remove button');
    assert.equal(await frame.getByTestId('connection-row-Demo Buildkite').count(), 1, 'Escape removed the connection');
    assert.deepEqual(problems, []);
  });
});
