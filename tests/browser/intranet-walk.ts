/**
 * @module tests/browser/intranet-walk
 * What every intranet walk needs, once: the demo-like small firm on a fresh database, the real
 * server app (this run's widget build, e-mailed links pointing at it) on a real socket, Debian's
 * Chromium, signing in as a person through the sign-in form, screenshots under one folder, and the
 * checks every walk ends a step with (axe-core finds nothing serious, the page logged no error).
 *
 * Two people at once (an admin saves, an advisor sees it without a restart): `signIn(…, { other: true })`
 * opens the page in a second browser with its own cookies.
 *
 * @example
 * const walk = await startIntranetWalk('admin-units');
 * const admin = await walk.signIn(walk.firm.users.admin.email);
 * await walk.check(admin, '1-tree'); // axe + no console error + screenshot
 * await walk.close();
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { expect } from 'vitest';
import { createServerApp, linkToServedPages } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase, type Engine } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import type { Page } from 'playwright-core';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

/** Where walks write their screenshots (kept out of git). */
export const shotsDir = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');

export const desktop = { width: 1366, height: 768 };
export const phone = { width: 390, height: 844 };

export interface IntranetWalk {
  /** `http://127.0.0.1:<port>`; the intranet is at `/`, the example pages under `/examples/`. */
  origin: string;
  firm: SmallFirm;
  database: Awaited<ReturnType<typeof freshDatabase>>;
  browser: BrowserSession;
  /**
   * Opens the intranet and signs in through its form (signing out whoever was signed in there first).
   * `other: true` uses a second browser with its own cookies, for a second person at the same time.
   */
  signIn(
    email: string,
    options?: { viewport?: { width: number; height: number }; password?: string; other?: boolean },
  ): Promise<WatchedPage>;
  /** Screenshot `<prefix>-<name>.png` (full page); returns its path. */
  shot(w: WatchedPage | Page, name: string): Promise<string>;
  /** axe-core finds no serious or critical problem, the page logged no error, and a screenshot is taken. */
  check(w: WatchedPage, name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server and the browser for one test file (call in `beforeAll` with a generous timeout). */
export async function startIntranetWalk(prefix: string, options: { engine?: Engine } = {}): Promise<IntranetWalk> {
  mkdirSync(shotsDir, { recursive: true });
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase(options.engine ?? 'libsql');
  const firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  linkToServedPages(firm.crm, origin); // e-mailed links open this server's intranet
  const browser = await launchChromium();
  let second: BrowserSession | undefined;

  const shot = async (w: WatchedPage | Page, name: string) => {
    const path = join(shotsDir, `${prefix}-${name}.png`);
    await ('page' in w ? w.page : w).screenshot({ path, fullPage: true });
    return path;
  };

  return {
    origin,
    firm,
    database,
    browser,
    async signIn(email, { viewport = desktop, password = PASSWORD, other = false } = {}) {
      const session = other ? (second ??= await launchChromium()) : browser;
      const w = await session.newPage();
      await w.page.setViewportSize(viewport);
      await w.page.goto(`${origin}/`);
      await w.page.locator('#email:visible, #sign-out:visible').first().waitFor();
      if (await w.page.locator('#sign-out').isVisible()) {
        await w.page.locator('#sign-out').click();
        await w.page.locator('#email:visible').waitFor();
      }
      await w.page.locator('#email').fill(email);
      await w.page.locator('#password').fill(password);
      await w.page.getByRole('button', { name: /^(Zaloguj|Sign in)$/ }).click(); // the page keeps its language
      await w.page.locator('#user-name:visible').waitFor();
      return w;
    },
    shot,
    async check(w, name) {
      expect(await axeProblems(w.page)).toEqual([]);
      expect(w.errors).toEqual([]);
      await shot(w, name);
    },
    async close() {
      await second?.close();
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await database.drop();
    },
  };
}
