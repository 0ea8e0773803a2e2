/**
 * The firm configuration editor in the intranet's Administracja tab, in real Chromium over a real
 * server: the administrator types an error into the raw JSON and sees it at its line and column (a
 * click puts the cursor there); saves a valid change — a new client field — with a why (a double
 * click saves once); an advisor in another browser sees the field on the new-client form without a
 * server restart; the administrator rolls back in one click (with a why) and the advisor no longer
 * sees it; a save on an outdated version is refused, naming who saved the newer one. On a 390×844
 * phone the versions list is readable. axe-core finds nothing serious; no console error.
 * Screenshots: /tmp/adm-config-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerApp, linkToServedPages } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const shots = process.env.CRM_SHOTS ?? '/tmp/adm-config-shots';
let admins: BrowserSession;
let advisors: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let advisor: WatchedPage;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });
/** What the page said, minus the browser's own line for each HTTP error the walk provokes (409, 422). */
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
const shot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

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
  linkToServedPages(firm.crm, origin);
  admins = await launchChromium();
  advisors = await launchChromium(); // another browser: its own cookies, as another person's computer
}, 1_200_000);

afterAll(async () => {
  await admins?.close();
  await advisors?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

async function signIn(browser: BrowserSession, email: string, viewport = { width: 1366, height: 768 }) {
  const w = await browser.newPage();
  w.page.setDefaultTimeout(30_000);
  await w.page.setViewportSize(viewport);
  await w.page.goto(`${origin}/`);
  await w.page.locator('#email:visible, #sign-out:visible').first().waitFor();
  if (!(await w.page.locator('#sign-out').isVisible())) {
    await w.page.locator('#email').fill(email);
    await w.page.locator('#password').fill(PASSWORD);
    await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  }
  await w.page.locator('#user-name:visible').waitFor();
  return w;
}

async function openEditor(p: Page) {
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const editor = p.locator('crm-config-editor');
  await editor.getByText(/Działa wersja/).waitFor();
  return editor;
}

/** The advisor's new-client form, freshly loaded: which field labels it shows. */
async function advisorSeesNewField(w: WatchedPage): Promise<boolean> {
  await w.page.reload();
  const list = w.page.locator('crm-client-list');
  await list.getByRole('button', { name: '+ Nowy klient' }).click();
  const form = w.page.locator('crm-client-form');
  await form.getByLabel('Nazwisko').waitFor();
  const seen = (await form.getByLabel('Preferowana forma kontaktu').count()) > 0;
  await shot(w.page, `advisor-form-${seen ? 'with' : 'without'}-field`);
  return seen;
}

const withContactField = (text: string) => {
  const c = JSON.parse(text);
  c.clients.fields.person.properties.preferredContact = {
    type: 'string',
    enum: ['telefon', 'e-mail', 'spotkanie'],
    'x-crm-label': { pl: 'Preferowana forma kontaktu', en: 'Preferred contact' },
  };
  return JSON.stringify(c, null, 2);
};

it('an error in the raw JSON is shown at its line and column; a click puts the cursor there', async () => {
  const admin = await signIn(admins, 'admin@kredyt-dom.pl');
  const p = admin.page;
  const editor = await openEditor(p);
  await editor.getByRole('tab', { name: 'JSON' }).click();
  const area = editor.getByLabel('Konfiguracja jako JSON');
  const text = await area.inputValue();
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /"name": "/.test(l)); // the firm's name
  lines[at] = lines[at]!.replace(/"name": "[^"]*"/, '"name": 42');
  const column = lines[at]!.indexOf('"name"') + 1; // the CLI points at the key of a wrong value
  await area.fill(lines.join('\n'));
  await editor.getByRole('button', { name: 'Sprawdź' }).click();
  const where = `wiersz ${at + 1}, kolumna ${column}`;
  const problem = editor.getByRole('button', { name: where });
  await problem.waitFor();
  expect(await editor.locator('.problems li').first().textContent()).toContain('/firm/name');
  await area.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
  await problem.click();
  const offset = lines.slice(0, at).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  expect(
    await area.evaluate((el: HTMLTextAreaElement) => [document.activeElement?.tagName, el.selectionStart]),
  ).toEqual(['CRM-CONFIG-EDITOR', offset]);
  expect(await editor.getByText('Masz niezapisane zmiany').count()).toBe(1);
  expect(await axeProblems(p)).toEqual([]);
  await shot(p, '1-json-error');
  // Saving it is refused the same way, and nothing is stored.
  await editor.getByLabel(/Dlaczego ta zmiana/).fill('test błędu');
  await editor.getByRole('button', { name: 'Zapisz i zastosuj' }).click();
  await editor.getByRole('button', { name: where }).waitFor();
  expect(await database.db.select().from(database.t.configVersions)).toHaveLength(0);
  expect(complaints(admin)).toEqual([]);
}, 240_000);

it('a new client field saved with a why reaches an advisor in another browser without a restart', async () => {
  advisor = await signIn(advisors, 'anna.nowak@kredyt-dom.pl');
  expect(await advisorSeesNewField(advisor)).toBe(false);

  const admin = await signIn(admins, 'admin@kredyt-dom.pl');
  const p = admin.page;
  const editor = await openEditor(p);
  await editor.getByRole('tab', { name: 'JSON' }).click();
  const area = editor.getByLabel('Konfiguracja jako JSON');
  await area.fill(withContactField(await area.inputValue()));
  await editor.getByRole('tab', { name: 'Różnice' }).click();
  const diff = editor.getByRole('region', { name: 'Różnice względem działającej wersji' });
  await eventually(() => diff.locator('.added', { hasText: '"preferredContact"' }).count()).toBe(1);
  expect(await diff.locator('.added').count()).toBeGreaterThan(5);
  expect(await axeProblems(p)).toEqual([]);
  await shot(p, '2-diff');
  await editor.getByLabel(/Dlaczego ta zmiana/).fill('Preferowana forma kontaktu, o którą proszą doradcy');
  await editor.getByRole('button', { name: 'Zapisz i zastosuj' }).dblclick(); // one version, not two
  await eventually(() => editor.locator('.message[data-kind=ok]').textContent()).toBe(
    'Zapisano wersję 1. Działa od teraz, bez restartu.',
  );
  expect(await database.db.select().from(database.t.configVersions)).toHaveLength(1);
  await shot(p, '3-saved');

  expect(await advisorSeesNewField(advisor)).toBe(true);
  expect(complaints(admin)).toEqual([]);
  expect(complaints(advisor)).toEqual([]);
}, 240_000);

it('rolled back in one click with a why, the advisor no longer sees the field; a stale save gets 409', async () => {
  const admin = await signIn(admins, 'admin@kredyt-dom.pl');
  const p = admin.page;
  const editor = await openEditor(p);
  await editor.getByRole('tab', { name: 'Wersje' }).click();
  const versions = editor.getByRole('list', { name: 'Wersje' });
  expect(await versions.locator('li').first().textContent()).toMatch(
    /Wersja 1\s*zmiana\s*działa\s*Administrator Systemu.*Preferowana forma kontaktu, o którą proszą doradcy/s,
  );
  await editor.getByRole('button', { name: 'Przywróć 0' }).click();
  await editor.getByLabel('Dlaczego przywracasz (3–500 znaków)').fill('Pole myliło doradców');
  expect(await axeProblems(p)).toEqual([]);
  await shot(p, '4-restore-ask');
  await editor.getByRole('button', { name: 'Przywróć teraz' }).click();
  await eventually(() => editor.locator('.message[data-kind=ok]').textContent()).toBe(
    'Przywrócono wersję 0 jako wersję 2. Działa od teraz.',
  );
  expect(await advisorSeesNewField(advisor)).toBe(false);

  // Two tabs on version 2; the first saves, the second's save is refused naming who saved when.
  const other = await signIn(admins, 'admin@kredyt-dom.pl');
  const stale = await openEditor(other.page);
  await stale.getByRole('tab', { name: 'JSON' }).click();
  const staleArea = stale.getByLabel('Konfiguracja jako JSON');
  await staleArea.fill(withContactField(await staleArea.inputValue()));
  await editor.getByRole('tab', { name: 'JSON' }).click();
  const area = editor.getByLabel('Konfiguracja jako JSON');
  await area.fill(withContactField(await area.inputValue()));
  await editor.getByLabel(/Dlaczego ta zmiana/).fill('Pierwszy zapis');
  await editor.getByRole('button', { name: 'Zapisz i zastosuj' }).click();
  await eventually(() => editor.locator('.message[data-kind=ok]').textContent()).toContain('Zapisano wersję 3');
  await stale.getByLabel(/Dlaczego ta zmiana/).fill('Drugi zapis');
  await stale.getByRole('button', { name: 'Zapisz i zastosuj' }).click();
  await eventually(() => stale.locator('.message[data-kind=error]').textContent()).toMatch(
    /Ktoś zapisał nowszą wersję: wersja 3 \(Administrator Systemu, .+\)\. Twoje zmiany nie zostały zapisane\./,
  );
  expect(await axeProblems(other.page)).toEqual([]);
  await shot(other.page, '5-conflict');
  expect(await database.db.select().from(database.t.configVersions)).toHaveLength(3);
  expect(complaints(admin)).toEqual([]);
  expect(complaints(other)).toEqual([]);
}, 300_000);

it('on a 390×844 phone the versions list is readable', async () => {
  const admin = await signIn(admins, 'admin@kredyt-dom.pl', { width: 390, height: 844 });
  const p = admin.page;
  const editor = await openEditor(p);
  await editor.getByRole('tab', { name: 'Wersje' }).click();
  const first = editor.getByRole('list', { name: 'Wersje' }).locator('li').first();
  await first.waitFor();
  const box = await first.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeProblems(p)).toEqual([]);
  await shot(p, '6-phone-versions');
  await editor.screenshot({ path: join(shots, '6-phone-versions-editor.png') });
  expect(complaints(admin)).toEqual([]);
}, 240_000);
