/**
 * The consent panel on the client card, in real Chromium over a real server: an advisor signs in,
 * opens a client, sees each purpose with its lawful basis and state; records a consent to SMS
 * reminders given by phone (the exact text of the current version shown first, with its SHA-256),
 * then withdraws it after a confirmation; the history lists both; the panel follows the page's
 * language. axe-core finds nothing serious at any step; no console error. Screenshots:
 * `node_modules/.cache/crm-widgets/consents-*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

it('an advisor records a phone consent on the card, withdraws it after a confirmation, sees the history', async () => {
  const w = await browser.newPage();
  const p = w.page;
  await p.goto(`${origin}/`);
  await p.getByLabel('E-mail').fill('anna.nowak@kredyt-dom.pl');
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  const client = firm.clients.find((c) => c.owner === firm.users.anna.id && !c.partnerId)!.id;
  await p.locator(`crm-client-list tr[data-id="${client}"]`).click();
  const panel = p.locator('crm-client-card crm-consents');
  const sms = panel.locator('[data-purpose="sms-reminders"]');
  await eventually(() => sms.locator('.state').textContent()).toBe('Brak zgody');
  expect(await panel.locator('[data-purpose="credit-intermediation"]').textContent()).toContain(
    'Umowa (art. 6 ust. 1 lit. b RODO)',
  );
  expect(await panel.locator('[data-purpose="credit-intermediation"] .state').textContent()).toBe('Nie wymaga zgody');
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'consents-card.png'), fullPage: true });

  await sms.getByRole('button', { name: 'Zapisz zgodę' }).click();
  await eventually(() => sms.locator('blockquote').textContent()).toContain(
    'Zgadzam się na otrzymywanie SMS-ów z przypomnieniami',
  );
  expect(await sms.locator('.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
  await sms.getByLabel('Sposób').selectOption('phone');
  await sms.getByLabel('Notatka').fill('Zgoda w rozmowie 2 marca');
  expect(await axeProblems(p)).toEqual([]);
  await sms.locator('[part=form]').screenshot({ path: join(shots, 'consents-record.png') });
  await sms.getByRole('button', { name: 'Klient zgodził się na powyższą treść' }).click();
  await eventually(() => sms.locator('.state').textContent()).toBe('Udzielona');

  await sms.getByRole('button', { name: 'Wycofaj zgodę' }).click();
  expect(await sms.locator('.warn').textContent()).toContain(
    'Czy na pewno wycofać zgodę „Przypomnienia SMS o spotkaniach”',
  );
  expect(await axeProblems(p)).toEqual([]);
  await sms.screenshot({ path: join(shots, 'consents-withdraw.png') });
  await sms.getByLabel('Sposób').selectOption('email');
  await sms.getByRole('button', { name: 'Tak, wycofaj' }).click();
  await eventually(() => sms.locator('.state').textContent()).toBe('Wycofana');
  await sms.locator('summary').click();
  const history = (await sms.locator('details li').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
  expect(history).toEqual([
    expect.stringMatching(/· wycofana · wersja 1 · e-mailem · zapisał\(a\) Anna Nowak$/),
    expect.stringMatching(/· udzielona · wersja 1 · telefonicznie · zapisał\(a\) Anna Nowak Zgoda w rozmowie 2 marca$/),
  ]);
  const rows = await database.db
    .select()
    .from(database.t.leadConsents)
    .where(and(eq(database.t.leadConsents.clientId, client), eq(database.t.leadConsents.purpose, 'sms-reminders')));
  expect(rows.map((r) => [r.action, r.method, r.recordedBy])).toEqual([
    ['given', 'phone', firm.users.anna.id],
    ['withdrawn', 'email', firm.users.anna.id],
  ]);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'consents-history.png'), fullPage: true });

  // English follows <html lang>.
  await p.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
  await eventually(() => sms.locator('.state').textContent()).toBe('Withdrawn');
  expect(await panel.locator('h3').textContent()).toBe('Consents and lawful bases');
  await panel.screenshot({ path: join(shots, 'consents-en.png') });
  expect(w.errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  await p.close();
}, 180_000);
