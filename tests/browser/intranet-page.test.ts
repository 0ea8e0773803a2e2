/**
 * The intranet example in real Chromium against a real server: `createServerApp(crm)` on
 * 127.0.0.1 over a seeded small firm. A person signs in on the page; an advisor sees only their own
 * clients and a branch manager the branch's; a click opens the card; the status picker offers only
 * the moves the API allows; a move shows up in the timeline and in the list. The page runs under
 * its own strict CSP, so any violation would surface as a console error.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { newId } from '../../core/ids/id.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
const XSS = '<img src=x onerror="window.__xss=1">Zofia <b>Pogrubiona</b>';

let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let drop: () => Promise<void>;
let xssId: string;

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  // The browser keeps cookies by its own clock: sessions must be issued for the real now.
  firm.clock.set(new Date());
  xssId = newId();
  const now = new Date();
  await database.db.insert(database.t.clients).values({
    id: xssId,
    kind: 'person',
    type: 'private',
    source: null,
    displayName: XSS,
    ownerId: firm.users.anna.id,
    unitId: firm.units.gdansk.id,
    partnerId: null,
    status: 'new',
    data: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  firm.clients.push({ id: xssId, owner: firm.users.anna.id, unit: firm.units.gdansk.id, partnerId: null });
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
  await drop?.();
});

/** What the page said, minus the browser's own line for each HTTP error (401 before sign-in is expected). */
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));

/** Polls until the page shows it; the machine is shared, so a sign-in (scrypt) may take seconds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const rowIds = (p: Page) =>
  p.locator('crm-client-list tr[part=row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).sort());
/** Whether a widget under `root` still says "Ładowanie…" (its text is in shadow roots, nested ones too). */
const stillLoading = (root: Element): boolean => {
  const text = (n: Element | ShadowRoot): string =>
    [...n.querySelectorAll('*')].reduce(
      (all, e) => all + (e.shadowRoot ? text(e.shadowRoot) : ''),
      n.textContent ?? '',
    );
  return text(root).includes('Ładowanie');
};
const idsOf = (pred: (c: SmallFirm['clients'][number]) => boolean) =>
  firm.clients
    .filter(pred)
    .map((c) => c.id)
    .sort();

async function signIn(w: WatchedPage, email: string, expectedRows: number): Promise<void> {
  const p = w.page;
  await browser.context.clearCookies(); // each test signs in afresh, whatever the last one left
  await p.goto(`${origin}/`);
  expect(new URL(p.url()).pathname).toBe('/examples/intranet/');
  await p.getByLabel('E-mail').fill(email);
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  await p
    .locator('crm-client-list tr[part=row]')
    .nth(expectedRows - 1)
    .waitFor();
}

async function signOut(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Wyloguj' }).click();
  await p.getByRole('button', { name: 'Zaloguj' }).waitFor();
}

describe('intranet example page', { timeout: 60_000 }, () => {
  it('rejects a wrong password with a message, in Polish', async () => {
    const { page: p } = await browser.newPage();
    await p.goto(`${origin}/examples/intranet/`);
    await p.getByLabel('E-mail').fill('anna.nowak@kredyt-dom.pl');
    await p.getByLabel('Hasło').fill('nie-to-haslo');
    await p.getByRole('button', { name: 'Zaloguj' }).click();
    await eventually(() => p.locator('#login-error').textContent()).toBe('Nieprawidłowy e-mail lub hasło.');
    expect(await p.locator('crm-client-list').count()).toBe(0);
    mkdirSync(shots, { recursive: true });
    await p.screenshot({ path: join(shots, 'intranet-sign-in.png') });
    await p.close();
  });

  it('an advisor sees only their clients, opens one, moves it, and sees the move in the timeline', async () => {
    const w = await browser.newPage();
    const p = w.page;
    const anna = firm.users.anna.id;
    await signIn(w, 'anna.nowak@kredyt-dom.pl', idsOf((c) => c.owner === anna).length);
    expect(await p.locator('#user-name').textContent()).toBe('Anna Nowak');
    await eventually(() => p.locator('#user-unit').textContent()).toBe('Gdańsk Wrzeszcz');
    expect(await rowIds(p)).toEqual(idsOf((c) => c.owner === anna));
    await eventually(() => p.locator('crm-client-list [part=total]').textContent()).toBe('5 klientów');

    // Hostile text in a name is shown as text, nothing runs.
    expect(await p.locator(`crm-client-list tr[data-id="${xssId}"] td.name`).textContent()).toBe(XSS);
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();

    const target = firm.clients.find((c) => c.owner === anna && c.id !== xssId)!.id;
    await p.locator(`crm-client-list tr[data-id="${target}"]`).click();
    await eventually(() => p.locator('crm-client-card h2').textContent()).toMatch(/^Klient Anna Nowak \d$/);
    await eventually(() => p.locator('crm-client-card [part=status]').textContent()).toBe('Nowy');

    // Only the moves the workflow allows an advisor from "new".
    const moves = p.locator('crm-status-picker [part=move]');
    await moves.first().waitFor();
    expect(await moves.evaluateAll((b) => b.map((x) => x.getAttribute('data-to')))).toEqual(['contact', 'resigned']);

    // "Resigned" needs a note: the picker says so before sending anything.
    await p.locator('crm-status-picker [part=move][data-to=resigned]').click();
    await p.locator('crm-status-picker').getByRole('button', { name: 'Zmień status' }).click();
    expect(await p.locator('crm-status-picker [part=field-error]').textContent()).toBe('To pole jest wymagane');
    await p.locator('crm-status-picker').getByRole('button', { name: 'Anuluj' }).click();

    await p.locator('crm-status-picker [part=move][data-to=contact]').click();
    await p.locator('crm-status-picker textarea').fill('Pierwsza rozmowa umówiona');
    await p.locator('crm-status-picker').getByRole('button', { name: 'Zmień status' }).click();
    await eventually(() => p.locator('crm-status-picker [part=message]').textContent()).toContain(
      'Status zmieniony na „Kontakt”',
    );
    await eventually(() => p.locator('crm-timeline li[data-kind=status] .what').first().textContent()).toBe(
      'Nowy → Kontakt',
    );
    expect(await p.locator('crm-timeline li[data-kind=status] .note').first().textContent()).toBe(
      'Pierwsza rozmowa umówiona',
    );
    await eventually(() => p.locator(`crm-client-list tr[data-id="${target}"] [part=status]`).textContent()).toBe(
      'Kontakt',
    );
    await eventually(() => p.locator('crm-client-card [part=status]').textContent()).toBe('Kontakt');
    const next = await p
      .locator('crm-status-picker [part=move]')
      .evaluateAll((b) => b.map((x) => x.getAttribute('data-to')));
    expect(next).toEqual(['analysis', 'resigned']);

    // A contact recorded from the timeline appears at the top.
    await p.locator('crm-timeline').getByRole('button', { name: 'Dodaj kontakt' }).click();
    await p.locator('crm-timeline select#tl-type').selectOption('call');
    await p.locator('crm-timeline textarea').fill('Klient prosi o ofertę <script>alert(1)</script>');
    await p.locator('crm-timeline').getByRole('button', { name: 'Zapisz kontakt' }).click();
    await eventually(() => p.locator('crm-timeline li[part~=item] .what').first().textContent()).toBe('Telefon');
    expect(await p.locator('crm-timeline li[part~=item] .note').first().textContent()).toBe(
      'Klient prosi o ofertę <script>alert(1)</script>',
    );

    // The page and every widget switch to English together.
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    await eventually(() => p.locator('crm-timeline h3').textContent()).toBe('History');
    expect(await p.locator('#sign-out').textContent()).toBe('Sign out');
    await p.getByRole('button', { name: 'PL', exact: true }).click();

    // For a person to look at (node_modules/.cache/crm-widgets/intranet.png); behaviour is asserted above.
    mkdirSync(shots, { recursive: true });
    await p.setViewportSize({ width: 1360, height: 860 });
    await p.screenshot({ path: join(shots, 'intranet.png'), fullPage: true });

    await signOut(p);
    expect(complaints(w)).toEqual([]);
    await p.close();
  }, 60_000);

  it('a branch manager sees the whole branch and no other', async () => {
    const w = await browser.newPage();
    const p = w.page;
    const branch = firm.units.gdansk.id;
    await signIn(w, 'kierownik.gdansk@kredyt-dom.pl', idsOf((c) => c.unit === branch).length);
    expect(await rowIds(p)).toEqual(idsOf((c) => c.unit === branch));
    // The manager may filter by advisor: the owner filter lists the branch's people.
    const owner = p.locator('crm-client-list select[aria-label=Opiekun]');
    await owner.selectOption({ label: 'Anna Nowak' });
    await eventually(() => rowIds(p)).toEqual(idsOf((c) => c.owner === firm.users.anna.id));
    await signOut(p);
    expect(complaints(w)).toEqual([]);
    await p.close();
  }, 60_000);

  it('the sign-in page names the firm without a 401; axe-core finds nothing serious on it or any tab', async () => {
    const w = await browser.newPage();
    const p = w.page;
    const found: Record<string, string[]> = {};
    await browser.context.clearCookies();
    await p.goto(`${origin}/`);
    await p.getByRole('button', { name: 'Zaloguj' }).waitFor();
    // The sign-in page names the firm, not the software, and asks nothing that answers 401.
    await eventually(() => p.locator('#firm-name').textContent()).toBe(firm.crm.config.firm.name);
    expect(await p.title()).toBe(`CRM — ${firm.crm.config.firm.name}`);
    await p.waitForLoadState('networkidle');
    expect(w.errors).toEqual([]);
    found['sign-in'] = await axeProblems(p);
    await signIn(w, 'kierownik.gdansk@kredyt-dom.pl', idsOf((c) => c.unit === firm.units.gdansk.id).length);
    await p.locator('crm-client-list tr[part=row]').first().click();
    await eventually(() => p.locator('crm-client-card h2').textContent()).toMatch(/\S/);
    await p.waitForLoadState('networkidle');
    found['clients with a card open'] = await axeProblems(p);
    // One h1 per signed-in page, naming the open tab (for screen readers; the tab shows it).
    expect(await p.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Klienci']);
    for (const [tab, title] of [
      ['calendar', 'Kalendarz'],
      ['commissions', 'Prowizje'],
      ['reports', 'Raporty'],
    ] as const) {
      await p.click(`[data-tab=${tab}]`);
      expect(await p.getByRole('heading', { level: 1 }).allTextContents()).toEqual([title]);
      await p.waitForLoadState('networkidle');
      // The tab's widgets have loaded: no "Ładowanie…" left in their shadow roots (read through every root; the
      // light DOM's text never holds it, and without a matcher the poll waited for nothing).
      await eventually(() => p.locator(`#${tab}-screen`).evaluate(stillLoading)).toBe(false);
      found[tab] = await axeProblems(p);
    }
    await p.screenshot({ path: join(shots, 'intranet-reports-tab.png'), fullPage: true });
    expect(found).toEqual({
      'sign-in': [],
      'clients with a card open': [],
      calendar: [],
      commissions: [],
      reports: [],
    });
    await p.close();
  }, 120_000);

  it('on a 390 px phone the page is no wider than the screen; PL/EN, sign-out and all tabs reachable', async () => {
    const w = await browser.newPage();
    const p = w.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await signIn(w, 'admin@kredyt-dom.pl', 1);
    const width = () => p.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    for (const name of ['EN', 'Wyloguj']) {
      const box = (await p.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // The tab bar scrolls within itself: the last tab is brought into view and opens.
    const last = p.getByRole('tab', { name: 'Administracja' });
    await last.scrollIntoViewIfNeeded();
    await last.click();
    expect(await p.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Administracja']);
    await p.locator('crm-outbox').waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'intranet-phone.png') });
    expect(complaints(w)).toEqual([]);
    await p.close();
  }, 120_000);
});
