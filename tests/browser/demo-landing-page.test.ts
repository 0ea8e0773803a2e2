/**
 * The landing page as `npm start` serves it, with no test shim: the CRM serves
 * `/examples/landing-page/` itself with the demo's own public source key and its own origin filled
 * in, so a visitor's lead goes through on first try. The page shows no error before any input, says
 * nothing in the console, tells a wrong phone number in Polish, and axe-core finds nothing serious.
 * Screenshots: `tests/browser/.artifacts/demo-landing-*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../../core/crm.ts';
import { createServerApp } from '../../core/http/index.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { ensureDemoLandingKey } from '../../examples/demo-firm/landing-key.ts';
import { freshDatabase } from '../engines.ts';
import { demoConfig, smallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const artifacts = join(import.meta.dirname, '.artifacts');
let browser: BrowserSession;
let server: ServerType;
let crm: Crm;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let origin = '';
/** The server's clock: "a person takes longer than the minimum fill time" is the clock moved, not a sleep. */
const clock = fixedClock(new Date());

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const widgetsDir = await builtWidgets();
  db = await freshDatabase('libsql');
  await smallFirm(db);
  const base = demoConfig();
  const config = { ...base, leads: { ...base.leads, assignment: { roles: ['advisor'], rules: [] } } };
  crm = await createCrm({ config, database: db, clock });
  let app: ReturnType<typeof createServerApp> | undefined;
  server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  // What `npm start` does: the demo's key, allowed from the origins it serves on.
  app = createServerApp(crm, { log: () => {}, widgetsDir, landingPageKey: await ensureDemoLandingKey(crm, port) });
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await db?.drop();
});

it('a visitor sends the demo landing page form as served, and the lead is stored', async () => {
  const { page, errors, warnings } = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${origin}/examples/landing-page/`);
  const form = page.locator('crm-lead-form');
  await form.locator('input[name=lastName]').waitFor();
  expect(await form.locator('[part=message]').textContent()).toBe(''); // no error before any input
  expect(await axeProblems(page)).toEqual([]);
  await form.locator('input[name=firstName]').fill('Zofia');
  await form.locator('input[name=lastName]').fill('Wiśniewska');
  await form.locator('input[name=phone]').fill('12 34');
  await form.locator('input[name=consent-contact]').check();
  clock.advance(5_000); // a person takes longer than the minimum fill time
  await form.locator('button').click();
  // The server refuses the phone; the form says so in its own language, beside the field.
  await expect
    .poll(() => form.locator('#e-phone').textContent(), { timeout: 20_000 })
    .toBe('Podaj poprawny numer telefonu, np. 601 234 567.');
  await page.screenshot({ path: join(artifacts, 'demo-landing-bad-phone.png'), fullPage: true });
  await form.locator('input[name=phone]').fill('601 234 567');
  await form.locator('button').click();
  await expect.poll(() => form.locator('[part=message]').textContent(), { timeout: 20_000 }).toContain('Dziękujemy');
  await page.screenshot({ path: join(artifacts, 'demo-landing-sent.png'), fullPage: true });
  const leads = await db.db.select({ source: db.t.leads.source }).from(db.t.leads);
  expect(leads).toEqual([{ source: 'website-form' }]);
  // Chromium logs the refused phone's 422 as a failed resource; nothing else may be said.
  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(warnings.filter((w) => /error/i.test(w))).toEqual([]);
});

it('keeps the key working when the demo is started on another port, and creates it once', async () => {
  const first = await ensureDemoLandingKey(crm, 3000);
  expect(await ensureDemoLandingKey(crm, 4000)).toBe(first);
  const [row] = await db.db.select().from(db.t.leadSourceKeys);
  expect(row!.origins).toEqual(expect.arrayContaining(['http://localhost:3000', 'http://127.0.0.1:4000']));
  expect(await db.db.select().from(db.t.leadSourceKeys)).toHaveLength(1);
});
