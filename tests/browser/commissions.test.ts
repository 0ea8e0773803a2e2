/**
 * The commission path in real Chromium over a real server (`createServerApp` on 127.0.0.1): an
 * advisor moves a client into the sale status through the API; a branch manager sees the proposed
 * firm and advisor lines with their explanations in `<crm-commission-review>`, corrects one with a
 * reason and approves; the statements appear, and the advisor downloads hers from
 * `<crm-my-commissions>` as a PDF (rendered to PNG for a person to look at) and an XLSX.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { saleDateOf } from '../../core/commissions/engine/sale-date.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';
import { axeProblems } from './axe.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let drop: () => Promise<void>;
let clientId: string;

const page = (body: string) => `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>prowizje</title>
<script type="module" src="/widgets/broker-crm-widgets.js"></script></head><body>${body}</body></html>`;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  firm.clock.set(new Date());
  await seedCommissions(firm.crm.system('seed'));
  clientId = newId();
  const now = new Date();
  await database.db.insert(database.t.clients).values({
    id: clientId,
    kind: 'person',
    type: 'private',
    source: null,
    displayName: 'Grzegorz Brzęczyszczykiewicz',
    ownerId: firm.users.anna.id,
    unitId: firm.units.gdansk.id,
    partnerId: null,
    status: 'agreement-signed',
    data: {},
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.get('/review', (c) => c.html(page('<crm-commission-review></crm-commission-review>')));
  app.get('/mine', (c) => c.html(page('<crm-my-commissions></crm-my-commissions>')));
  app.get('/blank', (c) => c.html(page('')));
  app.get('/picker', (c) => c.html(page(`<crm-status-picker client-id="${clientId}"></crm-status-picker>`)));
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

/** Signs in through the API on the page's origin; returns the CSRF token for writes. */
async function signIn(p: Page, email: string): Promise<string> {
  await browser.context.clearCookies();
  // A page of the CRM's origin to call the API from (the API's own JSON answers carry default-src 'none').
  await p.goto(`${origin}/blank`);
  return p.evaluate(async (email) => {
    const r = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'tajne-haslo-123' }),
    });
    return ((await r.json()) as { csrfToken: string }).csrfToken;
  }, email);
}

describe('commissions in the browser', { timeout: 120_000 }, () => {
  it('sale → proposed lines, explained → correction with a reason → approval → statements', async () => {
    expect(PASSWORD).toBe('tajne-haslo-123');
    const { page: p, errors } = await browser.newPage();
    // The advisor moves her client to "disbursed" (the sale status) through the API.
    const csrf = await signIn(p, 'anna.nowak@kredyt-dom.pl');
    const saleDate = saleDateOf(new Date());
    const status = await p.evaluate(
      async ({ id, csrf, saleDate }) => {
        const r = await fetch(`/api/clients/${id}/transitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({
            to: 'disbursed',
            fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 45_000_000, saleDate },
          }),
        });
        return r.status;
      },
      { id: clientId, csrf, saleDate },
    );
    expect(status).toBe(201);

    // The branch manager reviews: a firm line and an advisor line, each with its explanation.
    await signIn(p, 'kierownik.gdansk@kredyt-dom.pl');
    await p.goto(`${origin}/review`);
    const rows = p.locator('crm-commission-review tr[part=row]');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-ledger')).sort())).toEqual([
      'advisor',
      'firm',
    ]);
    const advisorRow = p.locator('crm-commission-review tr[data-ledger=advisor]');
    expect(await advisorRow.locator('[part=explanation]').textContent()).toMatch(
      /40,00% × 6\s075,00\s+zł .*= 2\s430,00\s+zł/,
    );
    expect(await p.locator('crm-commission-review tr[data-ledger=firm] [part=explanation]').textContent()).toContain(
      'aurora-mortgage',
    );

    await advisorRow.getByRole('button', { name: 'Koryguj' }).click();
    await advisorRow.getByLabel('Nowa kwota (zł)').fill('2 800,00');
    await advisorRow.getByLabel('Powód korekty').fill('Premia za klienta z polecenia');
    await advisorRow.getByRole('button', { name: 'Zapisz korektę' }).click();
    await eventually(() => advisorRow.locator('[part=amount]').textContent()).toMatch(/2\s800,00\s+zł/);
    expect(await advisorRow.locator('[part=correction]').textContent()).toMatch(
      /Premia za klienta z polecenia \(było 2\s430,00\s+zł\)/,
    );

    for (const box of await p.locator('crm-commission-review tr[part=row] input[type=checkbox]').all())
      await box.check();
    await p.locator('crm-commission-review [part=approve]').click();
    // The result names the statements the approval produced that the manager may read (the advisor's;
    // the bank's firm-wide statement is made too, for the back office).
    await eventually(() => p.locator('crm-commission-review [part=message] p').first().textContent()).toBe(
      'Zatwierdzono 2 linie. Nowe zestawienia (1):',
    );
    await eventually(() => p.locator('crm-commission-review [part=empty]').textContent()).toBe(
      'Brak pozycji do zatwierdzenia',
    );
    mkdirSync(shots, { recursive: true });

    // The advisor sees her approved line and her statement, and downloads it.
    await signIn(p, 'anna.nowak@kredyt-dom.pl');
    await p.goto(`${origin}/mine`);
    const st = p.locator('crm-my-commissions [part=statement]');
    await st.first().waitFor({ timeout: 20_000 });
    expect(await st.count()).toBe(1);
    expect(await st.textContent()).toMatch(/PR\/\d{4}\/\d{2}\/D\/0001/);
    expect(await p.locator('crm-my-commissions [part=total]').textContent()).toMatch(/2\s800,00\s+zł/);
    await p.screenshot({ path: join(shots, 'my-commissions.png') });
    const [download] = await Promise.all([p.waitForEvent('download'), st.getByRole('link', { name: 'PDF' }).click()]);
    const pdfPath = join(shots, 'statement.pdf');
    await download.saveAs(pdfPath);
    const pdf = (await import('node:fs')).readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(shots, 'statement')]);
    const xlsxHref = await st.getByRole('link', { name: 'XLSX' }).getAttribute('href');
    expect(xlsxHref).toBeTruthy();
    const xlsx = await p.evaluate(async (href) => {
      const r = await fetch(href);
      return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength] as const;
    }, xlsxHref!);
    expect(xlsx[0]).toBe(200);
    expect(xlsx[1]).toContain('spreadsheetml');
    writeFileSync(join(shots, 'statement-ok'), 'ok');
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('moving the sale out of "disbursed" asks for the cancellation kind and date and claws back', async () => {
    const { page: p, errors } = await browser.newPage();
    await signIn(p, 'admin@kredyt-dom.pl');
    await p.goto(`${origin}/picker`);
    const picker = p.locator('crm-status-picker');
    await picker.getByRole('button', { name: 'Umowa podpisana' }).click();
    // The move requires the kind and its date, like any required field.
    await picker.getByRole('button', { name: 'Zmień status' }).click();
    await eventually(() => picker.locator('[part=field-error]').count()).toBeGreaterThanOrEqual(2);
    await picker.getByLabel('Przyczyna anulowania (storno)').selectOption('withdrawal');
    await picker.getByLabel('Data anulowania').fill(saleDateOf(new Date()));
    await picker.getByLabel('Notatka').fill('Klient odstąpił od umowy w 14 dni');
    await p.screenshot({ path: join(shots, 'status-picker-cancellation.png') });
    expect(await axeProblems(p)).toEqual([]);
    await picker.getByRole('button', { name: 'Zmień status' }).click();
    await eventually(() => picker.locator('[part=status]').textContent()).toBe('Umowa podpisana');
    // A withdrawal within 14 days reverses every line in full: the sale's lines net to 0.
    const sale = await p.evaluate(async (id) => {
      const sales = (await (await fetch(`/api/sales?clientId=${id}`)).json()) as { items: { id: string }[] };
      const one = (await (await fetch(`/api/sales/${sales.items[0]!.id}`)).json()) as {
        status: string;
        lines: { kind: string; amountMinor: number }[];
      };
      return [one.status, one.lines.filter((l) => l.kind === 'clawback').length, one.lines.length];
    }, clientId);
    expect(sale).toEqual(['cancelled', 2, 4]);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
