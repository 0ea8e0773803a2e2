/**
 * @module tests/browser/chromium
 * Starts Debian's Chromium through playwright-core for browser tests: one browser per test file,
 * a fresh temporary profile, and the flags that keep it quiet on a CI machine without a GPU or
 * network. A missing Chromium fails the test file with the command that installs it: a browser
 * test that skips silently would let a broken widget through.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env['CRM_CHROMIUM'] ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A page plus what it said: uncaught errors and console warnings/errors, for assertions. */
export interface WatchedPage {
  page: Page;
  errors: string[];
  warnings: string[];
}

export interface BrowserSession {
  context: BrowserContext;
  /** Opens a page that records its uncaught errors and console warnings. */
  newPage(): Promise<WatchedPage>;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile. Playwright refuses `--user-data-dir` in `args` for
 * `launch()`, so the profile is given to `launchPersistentContext`, which is the same thing.
 *
 * @example
 * const browser = await launchChromium();
 * const { page, errors } = await browser.newPage();
 * await page.goto(url);
 * await browser.close();
 */
export async function launchChromium(): Promise<BrowserSession> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}; browser tests need it. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (CI does), or set CRM_CHROMIUM to its path.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'crm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 800, height: 600 },
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const watched: WatchedPage = { page, errors: [], warnings: [] };
      page.on('pageerror', (error) => watched.errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') watched.errors.push(message.text());
        if (message.type() === 'warning') watched.warnings.push(message.text());
      });
      return watched;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
