/**
 * The sale entry walk in real Chromium over a real server (issue 13, item 2), at 1366×768: an advisor
 * moves her client on to "agreement signed" with the bank carried over from an earlier move and the
 * product picked from the commission catalogue, then to the sale: bank and product from pickers,
 * "450 000,00 zł" typed, the proposed lines (recipients by name, złoty) seen before confirming; the
 * stored lines have non-zero amounts and a double click records one sale. A product no rule covers
 * shows the warning and needs the acknowledgement, which the history keeps. Bad amounts get the
 * field's message in Polish; the English page speaks English; a 390 px phone does not scroll
 * sideways. axe-core finds no serious or critical violation; the console stays silent.
 * Screenshots: /tmp/wb-sale-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDateOf } from '../../core/commissions/engine/sale-date.ts';
import { listLines } from '../../core/commissions/ledger/lines.ts';
import { saveCatalog } from '../../core/commissions/products/catalog.ts';
import { listSales } from '../../core/commissions/sales/queries.ts';
import type { Ctx } from '../../core/context.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { newId } from '../../core/ids/id.ts';
import { transition } from '../../core/workflow/transition.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
import { freshDatabase } from '../engines.ts';
import { smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/wb-sale-shots';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let sys: Ctx;
let drop: () => Promise<void>;
const today = saleDateOf(new Date());

const page = (lang: string, body: string) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<title>Sprzedaż</title><script type="module" src="/widgets/broker-crm-widgets.js"></script></head>
<body><main><h1>Klient</h1>${body}</main></body></html>`;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** One of Anna's clients, moved through the API (as the system) up to `until` with the given fields. */
async function annasClient(steps: [string, Record<string, unknown>][]): Promise<string> {
  const { db, t } = firm.crm.database;
  const id = newId();
  const now = new Date();
  await db.insert(t.clients).values({
    id,
    kind: 'person',
    type: 'private',
    source: null,
    displayName: 'Grzegorz Brzęczyszczykiewicz',
    ownerId: firm.users.anna.id,
    unitId: firm.units.gdansk.id,
    partnerId: null,
    status: 'new',
    data: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  for (const [to, fields] of steps) await transition(sys, id, { to, fields });
  return id;
}
const early: [string, Record<string, unknown>][] = [
  ['contact', {}],
  ['analysis', {}],
  ['offers', {}],
  ['documents', {}],
  ['application-filed', { provider: 'bank-aurora' }],
  ['decision-positive', { provider: 'bank-aurora' }],
];

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  firm.clock.set(new Date());
  sys = firm.crm.system('seed');
  await seedCommissions(sys);
  // The catalogue offers a product no commission rule covers yet.
  await saveCatalog(sys, {
    providers: [
      {
        id: 'bank-polnocny',
        name: 'Bank Północny S.A. (fikcyjny)',
        kind: 'bank',
        products: [{ id: 'polnocny-car-loan', name: 'Kredyt samochodowy', category: 'car-loan' }],
      },
    ],
  });
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.get('/blank', (c) => c.html(page('pl', '')));
  app.get('/client/:id', (c) => {
    const id = c.req.param('id');
    const history = c.req.query('history') ? `<crm-timeline client-id="${id}"></crm-timeline>` : '';
    const body = `<crm-status-picker client-id="${id}"></crm-status-picker>${history}`;
    return c.html(page(c.req.query('lang') ?? 'pl', body));
  });
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await drop?.();
});

async function signIn(p: Page, email: string): Promise<void> {
  await browser.context.clearCookies();
  await p.goto(`${origin}/blank`);
  const status = await p.evaluate(async (email) => {
    const r = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'tajne-haslo-123' }),
    });
    return r.status;
  }, email);
  expect(status).toBe(200);
}

const selected = (p: Page, id: string) =>
  p.locator(`crm-status-picker #${id}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');

describe('sale entry in the browser', { timeout: 180_000 }, () => {
  it('pickers, carried-over bank, złoty typed, lines before confirming; one sale per double click', async () => {
    const id = await annasClient(early);
    const { page: p, errors } = await browser.newPage();
    await p.setViewportSize({ width: 1366, height: 768 });
    await signIn(p, 'anna.nowak@kredyt-dom.pl');
    await p.goto(`${origin}/client/${id}`);
    const picker = p.locator('crm-status-picker');

    // "Agreement signed" asks for the bank (carried over from "application filed") and the product.
    await picker.getByRole('button', { name: 'Umowa podpisana' }).click();
    await eventually(() => selected(p, 'move-provider')).toBe('Bank Aurora S.A. (fikcyjny)');
    await picker.getByLabel('Rodzaj produktu').selectOption({ label: 'Kredyt hipoteczny' });
    expect(await picker.locator('#move-product option').allTextContents()).toEqual([
      '— wybierz —',
      'Kredyt hipoteczny „Mój Dom”',
    ]);
    await picker.locator('#move-product').selectOption({ label: 'Kredyt hipoteczny „Mój Dom”' });
    await p.screenshot({ path: join(shots, '1-agreement-pickers.png') });
    expect(await axeProblems(p)).toEqual([]);
    await picker.getByRole('button', { name: 'Zmień status' }).click();
    await eventually(() => picker.locator('[part=status]').textContent()).toBe('Umowa podpisana');

    // The sale: bank and product come carried over; she switches both through the pickers.
    await picker.getByRole('button', { name: 'Uruchomienie' }).click();
    await eventually(() => selected(p, 'move-product')).toBe('Kredyt hipoteczny „Mój Dom”');
    await picker.locator('#move-provider').selectOption({ label: 'Bank Wiślany S.A. (fikcyjny)' });
    expect(await selected(p, 'move-product')).toBe('— wybierz —');
    await picker.locator('#move-product').selectOption({ label: 'Kredyt mieszkaniowy' });
    const amount = picker.getByLabel('Kwota kredytu');
    expect(await picker.locator('label[for=move-amountMinor]').textContent()).not.toMatch(/\(gr|grosz/);
    await picker.getByLabel('Data uruchomienia').fill(today);
    // Bad amounts: the field says why, in Polish, and nothing is sent.
    for (const [typed, message] of [
      ['czterysta tysięcy', 'Wpisz kwotę, np. 1 234,56'],
      ['0', 'Najmniej 1,00 zł'],
      ['-450 000', 'Najmniej 1,00 zł'],
    ]) {
      await amount.fill(typed!);
      await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
      await eventually(() => picker.locator('#move-amountMinor-error').textContent()).toBe(message);
    }
    await amount.fill('450 000,00 zł');
    // The proposed lines appear before anything is confirmed: the bank pays the firm, Anna's share in złoty.
    const rows = picker.locator('[part=preview-lines] tbody tr');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/Firma\s+płaci: Bank Wiślany S\.A\. \(fikcyjny\)\s+—/);
    expect(await rows.nth(1).innerText()).toMatch(/Doradca\s+Anna Nowak\s+[1-9][\d\s]*,\d\d\s+zł/);
    expect(await picker.locator('[part=uncovered]').count()).toBe(0);
    expect(await listSales(sys, { clientId: id })).toEqual([]);
    await p.screenshot({ path: join(shots, '2-sale-preview.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);

    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).dblclick();
    await eventually(() => picker.locator('[part=status]').textContent()).toBe('Uruchomienie');
    await p.screenshot({ path: join(shots, '3-sold.png') });
    const sales = await listSales(sys, { clientId: id });
    expect(sales.map((s) => [s.provider, s.product, s.amountMinor])).toEqual([
      ['bank-wislany', 'wislany-mortgage', 45_000_000],
    ]);
    const lines = await listLines(sys, { saleId: sales[0]!.id });
    expect(lines.map((l) => l.ledger).sort()).toEqual(['advisor', 'firm']);
    expect(lines.every((l) => l.amountMinor > 0 && !l.missing)).toBe(true);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('a product no rule covers: the warning, the acknowledgement required, kept in the history', async () => {
    const id = await annasClient([
      ...early,
      ['agreement-signed', { provider: 'bank-aurora', product: 'aurora-mortgage' }],
    ]);
    const { page: p, errors } = await browser.newPage();
    await p.setViewportSize({ width: 1366, height: 768 });
    await signIn(p, 'anna.nowak@kredyt-dom.pl');
    await p.goto(`${origin}/client/${id}`);
    const picker = p.locator('crm-status-picker');
    await picker.getByRole('button', { name: 'Uruchomienie' }).click();
    await picker.getByLabel('Rodzaj produktu').selectOption({ label: 'Kredyt samochodowy' });
    expect(await picker.locator('#move-provider option').allTextContents()).toEqual([
      '— wybierz —',
      'Bank Północny S.A. (fikcyjny)',
    ]);
    await picker.locator('#move-provider').selectOption({ label: 'Bank Północny S.A. (fikcyjny)' });
    await picker.locator('#move-product').selectOption({ label: 'Kredyt samochodowy' });
    await picker.getByLabel('Kwota kredytu').fill('80 000');
    await picker.getByLabel('Data uruchomienia').fill(today);
    await eventually(() => picker.locator('[part=uncovered]').textContent()).toContain(
      'Żadna reguła prowizyjna nie obejmuje tej sprzedaży (firma)',
    );
    expect(await picker.locator('[part=preview-lines] tr[data-ledger=firm]').innerText()).toContain('Brak reguły');
    // Confirming without ticking the box is refused at the box, and nothing is recorded.
    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
    await eventually(() => picker.locator('#move-ack-error').textContent()).toContain('Zaznacz, że zapisujesz');
    expect(await listSales(sys, { clientId: id })).toEqual([]);
    await p.screenshot({ path: join(shots, '4-uncovered-warning.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);
    await picker.getByLabel(/Rozumiem — zapisz sprzedaż mimo braku reguły/).check();
    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
    await eventually(() => picker.locator('[part=status]').textContent()).toBe('Uruchomienie');
    const [sale] = await listSales(sys, { clientId: id });
    const firmLine = (await listLines(sys, { saleId: sale!.id })).find((l) => l.ledger === 'firm')!;
    expect([firmLine.missing, firmLine.amountMinor]).toEqual([true, 0]);
    const history = await p.evaluate(async (id) => (await fetch(`/api/clients/${id}/timeline`)).json(), id);
    const entry = (history as { items: { to?: string; acknowledged?: string[] }[] }).items.find(
      (i) => i.to === 'disbursed',
    );
    expect(entry?.acknowledged).toEqual(['uncovered-sale']);
    // The client's history says so, with the amount in złoty under a złoty label.
    await p.goto(`${origin}/client/${id}?history=1`);
    const sold = p.locator('crm-timeline li[data-kind=status]').first();
    await eventually(() => sold.innerText()).toContain(
      'Potwierdzono sprzedaż, której nie obejmuje żadna reguła prowizyjna.',
    );
    expect(await sold.innerText()).toMatch(/Kwota kredytu: 80\s000,00\s+zł/);
    await p.screenshot({ path: join(shots, '4b-history-acknowledged.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('in English, and on a 390 px phone without sideways scrolling', async () => {
    const id = await annasClient([
      ...early,
      ['agreement-signed', { provider: 'bank-aurora', product: 'aurora-mortgage' }],
    ]);
    const { page: p, errors } = await browser.newPage();
    await p.setViewportSize({ width: 390, height: 844 });
    await signIn(p, 'anna.nowak@kredyt-dom.pl');
    await p.goto(`${origin}/client/${id}?lang=en`);
    const picker = p.locator('crm-status-picker');
    await picker.getByRole('button', { name: 'Loan disbursed' }).click();
    await eventually(() => selected(p, 'move-product')).toBe('Kredyt hipoteczny „Mój Dom”');
    const amount = picker.getByLabel('Loan amount');
    await amount.fill('450 000,5');
    await picker.getByLabel('Disbursement date').fill(today);
    const rows = picker.locator('[part=preview-lines] tbody tr');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toMatch(/Advisor\s+Anna Nowak\s+PLN\s?[1-9][\d,]*\.\d\d/);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: join(shots, '5-phone-en-lines.png'), fullPage: true });
    await amount.fill('abc');
    await picker.getByRole('button', { name: 'Confirm the sale' }).click();
    await eventually(() => picker.locator('#move-amountMinor-error').textContent()).toBe(
      'Enter an amount, e.g. 1 234.56',
    );
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: join(shots, '6-phone-en-bad-amount.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });
});
