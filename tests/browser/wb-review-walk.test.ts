/**
 * The manager's commission day in the intranet, in real Chromium (1366×768) on the real server
 * (`createServerApp` over a small firm): under Prowizje → Do zatwierdzenia the Gdańsk manager
 * filters the review to one advisor (names, not codes; groups per recipient with totals), pages
 * by 25, selects everything the filter matches, corrects one line with a reason (bad amounts get a
 * Polish message in the row; the row stays where it is), approves with a double click (nothing
 * twice), reads beside the button what was produced and why the rest has no statement yet, then
 * under Zestawienia finds the advisor's statement and downloads the PDF (checked with pdftotext)
 * and the XLSX (opened with exceljs). The Statements view on a 390×844 phone too. axe-core at every
 * step, no console error; screenshots in /tmp/wb-review-shots/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDateOf } from '../../core/commissions/engine/sale-date.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { newId } from '../../core/ids/id.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
import { freshDatabase } from '../engines.ts';
import { httpCaller } from '../fixtures/http-caller.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const shots = '/tmp/wb-review-shots';
/**
 * The downloaded statement files, read back by the walk: in a folder of this run's own, since two test runs on one
 * machine (two CI clones, or a person beside the CI) would otherwise save and read the same /tmp file at once.
 */
let downloads = '';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let drop: () => Promise<void>;
/**
 * Every sale's date and its settlement month, read once from the server's (fixed) clock: read from the wall clock per
 * sale, sales made across a month's end would fall into two months and the statements would split.
 */
let saleDate = '';
let period = '';

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  saleDate = saleDateOf(firm.clock.now());
  period = saleDate.slice(0, 7);
  await seedCommissions(firm.crm.system('seed'));
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  // The sales behind the lines: moves to "disbursed" through the API, as the advisors would.
  const call = httpCaller(() => app);
  const people = [
    ['Jan', 'Kowalski'],
    ['Maria', 'Wiśniewska'],
    ['Piotr', 'Wójcik'],
    ['Zofia', 'Kamińska'],
    ['Krzysztof', 'Lewandowski'],
    ['Agnieszka', 'Zielińska'],
    ['Tomasz', 'Szymański'],
    ['Ewa', 'Woźniak'],
    ['Paweł', 'Dąbrowski'],
    ['Magdalena', 'Kozłowska'],
    ['Michał', 'Jankowski'],
    ['Katarzyna', 'Mazur'],
    ['Łukasz', 'Krawczyk'],
    ['Joanna', 'Piotrowska'],
  ] as const;
  const products = [
    ['bank-aurora', 'aurora-cash-loan', 2_500_000],
    ['bank-wislany', 'wislany-mortgage', 42_000_000],
    ['bank-polnocny', 'polnocny-cash-loan', 1_800_000],
  ] as const;
  const sell = async (owner: 'anna' | 'senior', i: number, fields: Record<string, unknown>) => {
    const id = newId();
    const now = new Date();
    const [first, last] = people[i % people.length]!;
    await database.db.insert(database.t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: `${first} ${last}`,
      ownerId: firm.users[owner].id,
      unitId: firm.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data: { firstName: first, lastName: last },
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    const email = owner === 'anna' ? 'anna.nowak@kredyt-dom.pl' : 'senior.gdansk@kredyt-dom.pl';
    const r = await call(email, 'POST', `/api/clients/${id}/transitions`, {
      to: 'disbursed',
      fields: { saleDate, ...fields },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  for (let i = 0; i < 14; i++) {
    const [provider, product, amountMinor] = products[i % products.length]!;
    await sell('anna', i, { provider, product, amountMinor: amountMinor + i * 10_000 });
  }
  // A sale no rule covered (recorded with acknowledgement): its lines are 0,00 zł flagged "Brak reguły", waiting
  // for a person to enter the amounts. Made so here directly, whatever the firm's policy on recording such sales.
  await sell('anna', 3, { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor: 777_700 });
  const [uncovered] = await database.db
    .select()
    .from(database.t.sales)
    .where(eq(database.t.sales.amountMinor, 777_700));
  await database.db
    .update(database.t.commissionLines)
    .set({
      missing: true,
      amountMinor: 0,
      originalMinor: 0,
      ruleId: null,
      ruleVersion: null,
      explanation: { pl: 'Żadna reguła nie obejmuje tej sprzedaży.', en: 'No rule covers this sale.' },
    })
    .where(eq(database.t.commissionLines.saleId, uncovered!.id));
  for (let i = 0; i < 6; i++)
    await sell('senior', i + 5, { provider: 'bank-aurora', product: 'aurora-cash-loan', amountMinor: 1_200_000 });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
  downloads = mkdtempSync(join(tmpdir(), 'wb-review-'));
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await drop?.();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

async function signIn(email: string, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  const w = await browser.newPage();
  await w.page.setViewportSize(viewport);
  await browser.context.clearCookies();
  await w.page.goto(`${origin}/examples/intranet/`);
  await w.page.locator('#email').fill(email);
  await w.page.locator('#password').fill(PASSWORD);
  await w.page.locator('#login-button').click();
  await w.page.locator('crm-client-list').waitFor();
  return w;
}

const review = (p: Page) => p.locator('crm-commission-review');
const rowIndex = (p: Page, id: string) =>
  review(p)
    .locator('tr[part=row]')
    .evaluateAll((rows, id) => rows.findIndex((r) => r.getAttribute('data-id') === id), id);

describe('wb-review: the manager reviews, approves and finds the statement', { timeout: 180_000 }, () => {
  it('one advisor → select all matching → correct a line → approve (double click) → statement files', async () => {
    const w = await signIn('kierownik.gdansk@kredyt-dom.pl');
    const p = w.page;
    await p.getByRole('tab', { name: 'Prowizje' }).click();
    await eventually(() => p.getByRole('tab', { name: 'Do zatwierdzenia' }).getAttribute('aria-selected')).toBe('true');
    const r = review(p);
    // Everything waiting in the branch: 15 + 6 sales, a firm and an advisor line each.
    await eventually(async () => plain(await r.locator('[part~=summary]').textContent())).toMatch(/^42 linie · razem/);
    await r.locator('tr[part=group]').first().waitFor();
    await p.screenshot({ path: join(shots, '1-review-all.png') });
    expect(await axeProblems(p)).toEqual([]);

    // Filter to Anna Nowak: names, not codes; one group per recipient with its totals.
    await r.getByLabel('Doradca', { exact: true }).selectOption({ label: 'Anna Nowak' });
    await eventually(async () => plain(await r.locator('[part~=summary]').textContent())).toMatch(
      /^30 linii · razem .* · możesz zatwierdzić: 28 · 2 linie bez reguły czekają na wpisanie kwoty$/,
    );
    const groups = await r.locator('tr[part=group]').allTextContents();
    expect(plain(groups[0]!)).toMatch(/^Anna Nowak \(Doradca\) 15 linii · razem [\d ]+,\d\d zł · czeka: 15$/);
    expect(groups.map(plain).some((g) => g.startsWith('Bank Wiślany S.A. (fikcyjny) (Firma)'))).toBe(true);
    const firstRow = plain(await r.locator('tr[part=row]').first().textContent());
    expect(firstRow).toContain('Anna Nowak');
    expect(firstRow).not.toMatch(/aurora-cash-loan|wislany-mortgage/); // product names, not codes
    expect(await r.locator('tr[part=row]').count()).toBe(30);

    // Pages of 25: 2 pages, the second holds the last 5.
    await r.getByLabel('Linii na stronie').selectOption('25');
    await eventually(async () => plain(await r.locator('[part=pager]').textContent())).toContain(
      'Strona 1 z 2 (linie 1–25 z 30)',
    );
    expect(await r.locator('tr[part=row]').count()).toBe(25);

    // Three of Anna's lines approved one by one: no statement yet, and the page says why.
    const advisorRows = r.locator('tr[part=row][data-ledger=advisor]:not(:has-text("Brak reguły"))');
    for (let i = 0; i < 3; i++) await advisorRows.nth(i).getByRole('checkbox').check();
    await r.getByRole('button', { name: 'Zatwierdź zaznaczone (3)' }).click();
    const message = r.locator('[part=message]');
    await eventually(async () => plain(await message.textContent())).toBe(
      `Zatwierdzono 3 linie. Nie powstało żadne nowe zestawienie. Bez zestawienia: ` +
        `Anna Nowak — ${period}: 12 linii czeka na zatwierdzenie`,
    );
    await p.screenshot({ path: join(shots, '2-why-no-statement.png') });
    await eventually(async () => plain(await r.locator('[part~=summary]').textContent())).toMatch(
      /^27 linii · razem .* · możesz zatwierdzić: 25 ·/,
    );

    // Select the page, then everything the filter matches (not only the page).
    await r.getByLabel('Zaznacz wszystkie linie na tej stronie').check();
    await r.getByRole('button', { name: 'Zaznacz wszystkie pasujące do filtra (25)' }).click();
    await eventually(async () => plain(await r.locator('.selection').textContent())).toBe(
      'Zaznaczono wszystkie pasujące do filtra: 25 linii',
    );

    // Correct the advisor line without a rule: a bad amount and a missing reason are said in the row, in Polish.
    const missing = r.locator('tr[part=row][data-ledger=advisor]', { hasText: 'Brak reguły' });
    await missing.first().waitFor();
    const id = (await missing.first().getAttribute('data-id'))!;
    const row = r.locator(`tr[data-id="${id}"]`);
    const before = await rowIndex(p, id);
    await row.getByRole('button', { name: 'Wpisz kwotę' }).click();
    await row.getByLabel('Nowa kwota (zł)').fill('12,345');
    await row.getByLabel('Powód korekty').fill('Prowizja z aneksu do umowy');
    await row.getByRole('button', { name: 'Zapisz korektę' }).click();
    await eventually(() => row.locator('[part=row-message]').textContent()).toBe('Podaj kwotę w złotych, np. 1 234,56');
    await row.getByLabel('Nowa kwota (zł)').fill('1 200,00 zł');
    await row.getByLabel('Powód korekty').fill('  ');
    await row.getByRole('button', { name: 'Zapisz korektę' }).click();
    await eventually(() => row.locator('[part=row-message]').textContent()).toBe('Podaj powód korekty');
    await row.getByLabel('Powód korekty').fill('Prowizja z aneksu do umowy');
    await p.screenshot({ path: join(shots, '3-correcting.png') });
    await row.getByRole('button', { name: 'Zapisz korektę' }).click();
    await eventually(() => row.locator('[part=row-message]').textContent()).toBe('Korekta zapisana');
    expect(plain(await row.locator('[part=amount]').textContent())).toBe('1 200,00 zł');
    expect(plain(await row.locator('[part=correction]').textContent())).toBe(
      'Prowizja z aneksu do umowy (było 0,00 zł)',
    );
    expect(await rowIndex(p, id)).toBe(before); // the row stayed where it was
    // One more line may be approved now: the selection of "all matching" follows.
    await eventually(async () => plain(await r.locator('.selection').textContent())).toBe(
      'Zaznaczono wszystkie pasujące do filtra: 26 linii',
    );
    expect(await axeProblems(p)).toEqual([]);

    // Approve with a double click: one approval, once.
    const approve = r.locator('[part=approve]');
    expect(plain(await approve.textContent())).toBe('Zatwierdź wszystkie pasujące (26)');
    await approve.dblclick();
    await eventually(async () => plain(await message.locator('p').first().textContent())).toBe(
      'Zatwierdzono 26 linii. 1 linia bez reguły czeka na wpisanie kwoty. Nowe zestawienia (1):',
    );
    expect(plain(await message.textContent())).toMatch(new RegExp(`Anna Nowak — ${period} — [\\d ]+,\\d\\d zł$`));
    // The result is where the person is looking: focused, in the viewport, beside the button. The widget says the
    // result at once and moves the focus to it once the lines have reloaded (a second request): wait for the focus.
    await eventually(() => message.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    const box = (await message.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await p.screenshot({ path: join(shots, '4-approved.png') });
    expect(await axeProblems(p)).toEqual([]);
    const { db, t } = database;
    const approved = await db
      .select({ id: t.commissionLines.id })
      .from(t.commissionLines)
      .where(eq(t.commissionLines.status, 'approved'));
    expect(approved.length).toBe(29);
    const approvals = await db
      .select()
      .from(t.commissionApprovals)
      .where(
        inArray(
          t.commissionApprovals.lineId,
          approved.map((l) => l.id),
        ),
      );
    expect(approvals.length).toBe(29);
    expect(new Set(approvals.map((a) => a.batchId)).size).toBe(2);

    // Keyboard only: the last waiting line's amount entered without a mouse (Enter opens, Tab moves, Enter saves).
    const last = r.locator('tr[part=row]').first();
    await last.getByRole('button', { name: 'Wpisz kwotę' }).focus();
    await p.keyboard.press('Enter');
    const focused = (l: ReturnType<Page['locator']>) =>
      l.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el);
    await eventually(() => focused(last.getByLabel('Nowa kwota (zł)'))).toBe(true);
    await p.keyboard.type('50,00');
    await p.keyboard.press('Tab');
    expect(await focused(last.getByLabel('Powód korekty'))).toBe(true);
    await p.keyboard.type('Prowizja potwierdzona przez bank');
    await p.keyboard.press('Enter');
    await eventually(() => last.locator('[part=row-message]').textContent()).toBe('Korekta zapisana');
    expect(plain(await last.locator('[part=amount]').textContent())).toBe('50,00 zł');

    // Zestawienia: the advisor's statement, and Tomasz still waiting with the reason.
    await p.getByRole('tab', { name: 'Zestawienia' }).click();
    const st = p.locator('crm-statements');
    const annaRow = st.locator('tr[part=statement]', { hasText: 'Anna Nowak' });
    await annaRow.waitFor({ timeout: 20_000 });
    expect(await st.locator('tr[part=statement]').count()).toBe(1);
    expect(plain(await annaRow.locator('[part=state]').textContent())).toBe('aktualne');
    const total = plain(await annaRow.locator('[part=total]').textContent());
    expect(plain(await st.locator('[part=waiting]').textContent())).toContain(
      `Tomasz Zieliński (Doradca, ${period}): 6 linii czeka na zatwierdzenie`,
    );
    await p.screenshot({ path: join(shots, '5-statements.png') });
    expect(await axeProblems(p)).toEqual([]);
    const number = plain(await annaRow.locator('td').first().textContent());
    expect(number).toMatch(/^PR\/\d{4}\/\d{2}\/D\/0001$/);

    const [pdf] = await Promise.all([
      p.waitForEvent('download'),
      annaRow.getByRole('link', { name: `Pobierz PDF: ${number}` }).click(),
    ]);
    const pdfPath = join(downloads, 'statement.pdf');
    await pdf.saveAs(pdfPath);
    const text = plain(execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString());
    expect(text).toContain('Zestawienie prowizji doradcy');
    expect(text).toContain('Anna Nowak');
    expect(text).toContain(number);
    expect(text).toContain('Razem');
    expect(text).toContain(total);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(shots, '6-statement-pdf')]);

    const [xlsx] = await Promise.all([
      p.waitForEvent('download'),
      annaRow.getByRole('link', { name: `Pobierz XLSX: ${number}` }).click(),
    ]);
    const xlsxPath = join(downloads, 'statement.xlsx');
    await xlsx.saveAs(xlsxPath);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsxPath) as never);
    const amounts: number[] = [];
    book.worksheets[0]!.eachRow((r) => {
      const v = r.getCell(7).value;
      if (typeof v === 'number') amounts.push(Math.round(v * 100));
    });
    // Anna's 15 advisor lines, and their sum is the statement's total.
    expect(amounts.length).toBe(15);
    const sum = amounts.reduce((s, a) => s + a, 0);
    expect(total).toBe(
      plain(
        new Intl.NumberFormat('pl-PL', { style: 'currency', currency: 'PLN', useGrouping: 'always' }).format(sum / 100),
      ),
    );

    // English follows the page's switch.
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    await eventually(() => st.locator('h2').textContent()).toBe('Commission statements');
    await p.getByRole('tab', { name: 'To approve' }).click();
    await eventually(() => review(p).locator('h2').textContent()).toBe('Commissions to approve');
    await p.getByRole('button', { name: 'PL', exact: true }).click();
    expect(complaints(w)).toEqual([]);
    await p.close();
  });

  it('the Statements view on a 390×844 phone', async () => {
    const w = await signIn('kierownik.gdansk@kredyt-dom.pl', { width: 390, height: 844 });
    const p = w.page;
    await p.getByRole('tab', { name: 'Prowizje' }).click();
    await p.getByRole('tab', { name: 'Zestawienia' }).click();
    await p.locator('crm-statements tr[part=statement]').first().waitFor({ timeout: 20_000 });
    await p.screenshot({ path: join(shots, '7-statements-phone.png'), fullPage: true });
    // The view fits the phone's width: its table scrolls sideways in its own region, not the page.
    const widths = await p.evaluate(() =>
      [...document.querySelectorAll('body, body > *, #commissions-screen > *, crm-statements')].map(
        (e) => `${e.tagName}#${e.id}.${e.className}:${Math.round(e.getBoundingClientRect().right)}`,
      ),
    );
    const box = (await p.locator('crm-statements').boundingBox())!;
    expect(box.x + box.width, widths.join(' ')).toBeLessThanOrEqual(390);
    expect(await axeProblems(p)).toEqual([]);
    // The review too: filters wrap, the lines scroll in their region, the approve bar stays usable.
    await p.getByRole('tab', { name: 'Do zatwierdzenia' }).click();
    await review(p).locator('tr[part=row]').first().waitFor({ timeout: 20_000 });
    const reviewBox = (await review(p).boundingBox())!;
    expect(reviewBox.x + reviewBox.width).toBeLessThanOrEqual(390);
    await p.screenshot({ path: join(shots, '8-review-phone.png') });
    expect(await axeProblems(p)).toEqual([]);
    expect(complaints(w)).toEqual([]);
    await p.close();
  });
});
