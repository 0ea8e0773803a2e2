/**
 * The Prowizje tab's "Reguły prowizji" sub-tab, in real Chromium over a real server: the back office
 * pastes a draft raising one product's rate that first has an overlap (the problem shown at its line,
 * in Polish), fixes it and saves (a double click saves once), sees the diff (rate 4,50% → 5,00%),
 * simulates last month and sees each recipient's totals equal to what the engine computes with the
 * draft (computed here through the domain API), opens one recipient's lines, and publishes from the
 * first of next month (a double click publishes once): a sale dated next month gets the new rate, one
 * dated this month keeps the old. On a 390×844 phone the recipient table is readable, in English
 * too. axe-core finds nothing serious at any step; no console error. Screenshots: /tmp/adm-rules-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  composeRuleSet,
  latestRuleSet,
  proposeCommissions,
  ruleTypesOf,
  saleDateOf,
  storedSaleInput,
  type CommissionRuleSet,
} from '../../core/commissions/index.ts';
import { createHttpApi } from '../../core/http/app.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { newId } from '../../core/ids/id.ts';
import { createUser } from '../../core/org/index.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
import { formatMoney } from '../../widgets/base/format.ts';
import { freshDatabase } from '../engines.ts';
import { httpCaller } from '../fixtures/http-caller.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/adm-rules-shots';
const BACK_OFFICE = 'rozliczenia@kredyt-dom.pl';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let call: ReturnType<typeof httpCaller>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 60_000 });

const shift = (period: string, by: number) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
/**
 * Today, last month and the first of next month as the server sees them (its clock is fixed in `beforeAll`): the
 * screen's default dates come from the server, so read from the wall clock when this file loads, they could name
 * another month than the server's if a month ended in between (the setup may wait minutes for the widget build).
 */
let today = '';
let lastMonth = '';
let nextMonthFirst = '';

/** A sale through the API as the administrator; the firm line it got. */
async function sale(owner: 'anna' | 'ewa', saleDate: string, amountMinor: number) {
  const id = newId();
  const now = firm.clock.now();
  await database.db.insert(database.t.clients).values({
    id,
    kind: 'person',
    type: 'private',
    source: null,
    displayName: 'Klient',
    ownerId: firm.users[owner].id,
    unitId: firm.units[owner === 'anna' ? 'gdansk' : 'krakow'].id,
    partnerId: null,
    status: 'agreement-signed',
    data: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const r = await call('admin@kredyt-dom.pl', 'POST', `/api/clients/${id}/transitions`, {
    to: 'disbursed',
    fields: { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor, saleDate },
  });
  expect(r.status).toBe(201);
  const saleId = (await call('admin@kredyt-dom.pl', 'GET', `/api/sales?clientId=${id}`)).body.items[0].id;
  const lines = (await call('admin@kredyt-dom.pl', 'GET', `/api/commission-lines?saleId=${saleId}`)).body.items;
  return (lines as { ledger: string; amountMinor: number; ruleId: string }[]).find((l) => l.ledger === 'firm')!;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  today = saleDateOf(firm.clock.now());
  lastMonth = shift(today.slice(0, 7), -1);
  nextMonthFirst = `${shift(today.slice(0, 7), 1)}-01`;
  const sys = firm.crm.system('test');
  await seedCommissions(sys);
  await createUser(sys, {
    email: BACK_OFFICE,
    name: 'Beata Rozliczeniowa',
    roles: ['back-office'],
    unitId: firm.units.hq.id,
    password: PASSWORD,
  });
  const api = createHttpApi(firm.crm, { log: () => {} });
  call = httpCaller(() => api);
  // Last month's sales: two for Anna (Gdańsk), one for Ewa (Kraków), all Bank Aurora cash loans at 4.5 %.
  await sale('anna', `${lastMonth}-05`, 2_000_000);
  await sale('anna', `${lastMonth}-18`, 3_333_333);
  await sale('ewa', `${lastMonth}-20`, 5_000_000);
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
}, 120_000);

async function openRules(email: string, viewport: { width: number; height: number }) {
  const w = await browser.newPage();
  await w.page.setViewportSize(viewport);
  await w.page.goto(`${origin}/`);
  await w.page.locator('#email:visible, #sign-out:visible').first().waitFor();
  if (await w.page.locator('#sign-out').isVisible()) {
    await w.page.locator('#sign-out').click();
    await w.page.locator('#email:visible').waitFor();
  }
  await w.page.locator('#email').fill(email);
  await w.page.locator('#password').fill(PASSWORD);
  await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  await w.page.locator('crm-client-list tr[part=row]').first().waitFor();
  await w.page.getByRole('tab', { name: 'Prowizje' }).click();
  await w.page.getByRole('tab', { name: 'Reguły prowizji' }).click();
  return w;
}

const auditCount = async (action: string) =>
  (await database.db.select().from(database.t.auditLog).where(eq(database.t.auditLog.action, action))).length;

it('the back office drafts a rate rise, sees the problem, the diff and the simulation, and publishes it', async () => {
  const { page: p, errors } = await openRules(BACK_OFFICE, { width: 1366, height: 768 });
  const rules = p.locator('crm-rule-sets');
  await rules.getByText('Nie ma otwartego szkicu').waitFor();

  const current = (await latestRuleSet(firm.crm.system('t')))!;
  const raised: CommissionRuleSet = {
    ...current,
    version: current.version + 1,
    rules: current.rules.map((r) => (r.id === 'aurora-cash-loan' ? { ...r, rate: { decimal: '0.05' } } : r)),
  };
  const good = JSON.stringify(raised, null, 2);
  const dup = { ...raised.rules.find((r) => r.id === 'aurora-cash-loan')!, id: 'aurora-cash-loan-copy' };
  const bad = JSON.stringify({ ...raised, rules: [...raised.rules, dup] }, null, 2);
  // The rule's opening brace, the line above its id: where the overlap is reported.
  const badLine = bad.split('\n').findIndex((l) => l.includes('"id": "aurora-cash-loan-copy"'));

  // 1. A draft with an overlap: the problem at its line, in Polish; no diff, simulation or publishing yet.
  await rules.getByLabel('albo wklej JSON').fill(bad);
  await rules.getByRole('button', { name: 'Utwórz szkic z tekstu' }).click();
  const problems = rules.locator('[part=problems] li');
  await eventually(() => problems.count()).toBe(1);
  expect(await problems.first().textContent()).toMatch(
    new RegExp(`^Wiersz ${badLine}, kolumna \\d+: nakłada się na regułę „aurora-cash-loan”`),
  );
  expect(await rules.getByText('Popraw problemy w szkicu').count()).toBe(1);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'rules-1-problem.png'), fullPage: true });
  // The problem's link puts the caret on that line of the editor.
  await problems.first().getByRole('button').click();
  const caretLine = await rules
    .locator('textarea#draft-text')
    .evaluate((a: HTMLTextAreaElement) => a.value.slice(0, a.selectionStart).split('\n').length);
  expect(caretLine).toBe(badLine);

  // 2. Fixed and saved with a double click: one save, revision 2; the diff shows the rate change.
  await rules.locator('textarea#draft-text').fill(good);
  await rules.getByRole('button', { name: 'Zapisz szkic' }).dblclick();
  await rules.getByText('Szkic jest poprawny.').waitFor();
  expect(await rules.getByText('Rewizja 2, na bazie wersji').count()).toBe(1);
  expect(await auditCount('commissions.rule-draft.save')).toBe(1);
  const changed = rules.locator('[part=diff] tr[data-rule="aurora-cash-loan"]');
  await eventually(() => changed.locator('td').allTextContents()).toEqual([
    expect.stringContaining('aurora-cash-loan'),
    'zmieniona',
    'stawka: 4,50% → 5,00%',
  ]);

  // 3. Simulation of last month (the default dates): per recipient, the engine's own figures.
  expect(await rules.getByLabel('Od dnia', { exact: true }).inputValue()).toBe(`${lastMonth}-01`);
  await rules.getByRole('button', { name: 'Przelicz symulację' }).click();
  await eventually(() => rules.locator('[part=sim-count]').textContent()).toBe('Przeliczono 3 sprzedaże.');
  const candidate = composeRuleSet(current, raised, `${lastMonth}-01`, current.version + 1);
  const want = new Map<string, { oldMinor: number; newMinor: number }>();
  const types = ruleTypesOf(firm.crm.system('t').plugins);
  for (const s of await database.db.select().from(database.t.sales)) {
    if (!s.saleDate.startsWith(lastMonth)) continue;
    const { sale: input, context } = storedSaleInput(s.facts, s.saleDate);
    for (const [side, set] of [
      ['oldMinor', current],
      ['newMinor', candidate],
    ] as const)
      for (const l of proposeCommissions(input, context, set, types)) {
        const k = `${l.beneficiary.kind}:${l.beneficiary.id}`;
        const w = want.get(k) ?? { oldMinor: 0, newMinor: 0 };
        w[side] += l.amountMinor;
        want.set(k, w);
      }
  }
  expect(want.size).toBeGreaterThan(1);
  const rows = rules.locator('[part=simulation] tr[data-recipient]');
  await eventually(() => rows.count()).toBe(want.size);
  for (const [key, w] of want) {
    const row = rules.locator(`[part=simulation] tr[data-recipient="${key}"]`);
    const sign = w.newMinor > w.oldMinor ? '+' : '';
    expect(await row.locator('td.old').textContent()).toBe(formatMoney(w.oldMinor, 'pl'));
    expect(await row.locator('td.new').textContent()).toBe(formatMoney(w.newMinor, 'pl'));
    expect(await row.locator('td.diff').textContent()).toBe(sign + formatMoney(w.newMinor - w.oldMinor, 'pl'));
  }
  const aurora = want.get('provider:bank-aurora')!;
  // 4.5 % → 5 % of 20 000,00 + 33 333,33 + 50 000,00 zł.
  expect([aurora.oldMinor, aurora.newMinor]).toEqual([90_000 + 150_000 + 225_000, 100_000 + 166_667 + 250_000]);
  const provider = rules.locator('[part=simulation] tr[data-recipient="provider:bank-aurora"]');
  await provider.getByRole('button', { name: 'Pozycje (3)' }).click();
  await eventually(() => rules.locator('table.lines-of tbody tr').count()).toBe(3);
  expect(await rules.locator('table.lines-of tbody tr').first().locator('td').allTextContents()).toEqual([
    `${lastMonth}-05`,
    'aurora-cash-loan',
    'firm',
    formatMoney(90_000, 'pl'),
    formatMoney(100_000, 'pl'),
    `aurora-cash-loan-from-${lastMonth}-01`,
  ]);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'rules-2-simulation.png'), fullPage: true });

  // 4. Publishing needs a reason (in Polish), defaults to the first of next month; a double click publishes once.
  expect(await rules.getByLabel('Obowiązuje od dnia').inputValue()).toBe(nextMonthFirst);
  await rules.getByRole('button', { name: 'Opublikuj szkic' }).click();
  await rules.getByText('Podaj powód zmiany.').waitFor();
  await rules.getByLabel('Powód zmiany').fill('Bank Aurora podnosi prowizję od pożyczek gotówkowych');
  await rules.getByRole('button', { name: 'Opublikuj szkic' }).dblclick();
  const version = current.version + 1;
  await eventually(() => rules.locator('[part=message]').textContent()).toBe(
    `Opublikowano wersję ${version}, obowiązuje od ${nextMonthFirst}.`,
  );
  expect(await auditCount('commissions.rule-draft.publish')).toBe(1);
  await eventually(() => rules.locator('[part=versions] tr[data-version]').first().getAttribute('data-version')).toBe(
    String(version),
  );
  expect(await rules.getByText('Nie ma otwartego szkicu').count()).toBe(1);
  expect(await rules.locator(`[part=versions] tr[data-version="${version}"] td.from`).textContent()).toBe(
    nextMonthFirst,
  );
  expect(await rules.locator(`[part=versions] tr[data-version="${version}"] td.why`).textContent()).toBe(
    'Bank Aurora podnosi prowizję od pożyczek gotówkowych',
  );
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'rules-3-published.png'), fullPage: true });

  // 5. Sales: dated next month → the new rate; dated this month → the old one.
  expect(await sale('anna', nextMonthFirst, 2_000_000)).toMatchObject({
    amountMinor: 100_000,
    ruleId: `aurora-cash-loan-from-${nextMonthFirst}`,
  });
  expect(await sale('anna', today, 2_000_000)).toMatchObject({ amountMinor: 90_000, ruleId: 'aurora-cash-loan' });
  expect(errors).toEqual([]);
}, 300_000);

it('on a phone the recipient table is readable, in Polish and in English', async () => {
  // Independent of the walk above: no draft open to start with.
  await call(BACK_OFFICE, 'POST', '/api/commission-rule-draft/discard', {});
  const { page: p, errors } = await openRules(BACK_OFFICE, { width: 390, height: 844 });
  const rules = p.locator('crm-rule-sets');
  await rules.getByRole('button', { name: 'Kopiuj bieżącą wersję' }).click();
  await rules.getByText('Szkic jest poprawny.').waitFor();
  await rules.getByRole('button', { name: 'Przelicz symulację' }).click();
  const row = rules.locator('[part=simulation] tr[data-recipient="provider:bank-aurora"]');
  await row.waitFor();
  // Stacked: each cell one line with its label, within the phone's width.
  const box = await row.locator('td.new').boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(await row.locator('td.new').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Będzie"');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'rules-4-phone-pl.png'), fullPage: true });
  await p.locator('[data-lang="en"]').click();
  await rules.getByRole('heading', { name: 'Commission rules' }).waitFor();
  await rules.getByRole('button', { name: 'Run the simulation' }).click();
  await eventually(() => row.locator('td.new').evaluate((td) => getComputedStyle(td, '::before').content)).toBe(
    '"Will be"',
  );
  expect(await rules.locator('[part=sim-count]').textContent()).toMatch(/sales recomputed/);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'rules-5-phone-en.png'), fullPage: true });
  await rules.getByRole('button', { name: 'Discard draft' }).click();
  await rules.getByRole('button', { name: 'Yes, discard' }).click();
  await rules.getByText('Draft discarded.').waitFor();
  expect(errors).toEqual([]);
}, 300_000);
