import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { DEMO_USERS } from '../../../dev/demo/seed';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RESULTS_DIR = path.resolve(__dirname, '../../../test-results');

/** The emulator the tests run against; scripts/test-browser.mjs starts it and sets this. */
export function baseUrl(): string {
  const url = process.env['BROWSER_TEST_BASE_URL'];
  if (!url) throw new Error('BROWSER_TEST_BASE_URL is not set: run the browser tests with `npm run test:browser`');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export type DemoUser = keyof typeof DEMO_USERS;

/** A fresh browser profile signed in as one of the demo users, in the given theme. */
export async function signedIn(browser: Browser, user: DemoUser, colorMode: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: baseUrl() });
  await context.addCookies([
    { name: 'forge_emulator_user', value: encodeURIComponent(DEMO_USERS[user].accountId), url: baseUrl() },
    { name: 'forge_emulator_theme', value: colorMode, url: baseUrl() },
  ]);
  return context;
}

/** Our Custom UI iframe on a host page. */
export function appFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-forge-frame]');
}

/** Console errors and uncaught exceptions of the page and its iframes; a healthy page has none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export { DEMO_USERS };
