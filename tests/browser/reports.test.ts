/**
 * The Reports tab of the intranet example in real Chromium against a real server (`createServerApp`
 * on 127.0.0.1 over the hand-built month of tests/fixtures/reports-firm.ts). A regional director
 * signs in, opens the dashboard for March 2026, sees its charts, drills region → branch (with the
 * keyboard) → advisor → the advisor's own report, and downloads the PDF (rendered to PNG for a
 * person to look at) and the XLSX (the director holds reports:export). axe-core finds no serious
 * or critical violation on the dashboard or a drilled report. Screenshots and the PDF's pages:
 * `tests/browser/.artifacts/reports-*`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import type { Database } from '../../core/storage/database.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD } from '../fixtures/small-firm.ts';
import { reportsFirm, type ReportsFirm } from '../fixtures/reports-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const artifacts = join(import.meta.dirname, '.artifacts');
let browser: BrowserSession;
let server: ServerType;
let origin = '';
let firm: ReportsFirm;
let database: Database & { drop(): Promise<void> };

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await reportsFirm(database);
  firm.clock.set(new Date()); // the browser judges cookies by the real clock
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  await firm?.crm.close();
  await database?.drop();
});

const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

describe('intranet example page: the Reports tab', { timeout: 120_000 }, () => {
  it('a regional director sees the dashboard, drills region → branch → advisor, downloads the PDF', async () => {
    const w = await browser.newPage();
    const p = w.page;
    await p.setViewportSize({ width: 1280, height: 1000 });
    await p.goto(`${origin}/examples/intranet/`);
    await p.getByLabel('E-mail').fill('dyrektor.polnoc@kredyt-dom.pl');
    await p.getByLabel('Hasło').fill(PASSWORD);
    await p.getByRole('button', { name: 'Zaloguj' }).click();
    await p.getByRole('tab', { name: 'Raporty' }).click();
    const dashboard = p.locator('#reports-screen crm-dashboard');
    await dashboard.getByLabel('Dzień w okresie').fill('2026-03-15');
    const sales = dashboard.locator('crm-report#sales');
    const rows = sales.locator('tbody tr[part=row]');
    await eventually(() => rows.allTextContents()).toEqual([
      expect.stringMatching(/Region Północ\s*4\s*650\s000,00\s+zł/),
    ]);
    // Charts: the sales bars and line, the efficiency funnel, the pipeline by status; each with its data table.
    expect(
      await sales.locator('figure[part=chart]').evaluateAll((f) => f.map((x) => x.getAttribute('data-kind'))),
    ).toEqual(['bar', 'line']);
    await eventually(() => dashboard.locator('crm-report#efficiency figure[data-kind=funnel] rect').count()).toBe(4);
    await eventually(() => dashboard.locator('crm-report#pipeline figure[data-kind=bar] rect').count()).toBe(11);
    expect(await sales.locator('figure[data-kind=bar] details summary').textContent()).toBe(
      'Dane wykresu: Wolumen sprzedaży',
    );
    expect(await sales.locator('tfoot').textContent()).toMatch(/Poprzedni okres/);
    await p.screenshot({ path: join(artifacts, 'reports-dashboard.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);

    // Region → branch with the keyboard: focus the row's button and press Enter.
    await sales.getByRole('button', { name: 'Szczegóły: Region Północ' }).focus();
    await p.keyboard.press('Enter');
    await eventually(() => rows.locator('th').allTextContents()).toEqual(['Gdańsk Wrzeszcz', 'Gdynia Centrum']);
    expect(await sales.locator('nav[part=path]').textContent()).toMatch(/Wszystko\s*Region Północ/);
    // Branch → advisor with the mouse.
    await sales.getByRole('button', { name: 'Szczegóły: Gdynia Centrum' }).click();
    await eventually(() => rows.allTextContents()).toEqual([
      expect.stringMatching(/Anna Nowak\s*1\s*100\s000,00\s+zł/),
      expect.stringMatching(/Piotr Kowalski\s*1\s*300\s000,00\s+zł/),
    ]);
    // Advisor → her own report against her unit's average.
    await sales.getByRole('button', { name: 'Szczegóły: Anna Nowak' }).click();
    await eventually(() => sales.locator('h2').textContent()).toMatch(/Raport indywidualny/);
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/Anna Nowak\s*4\s*3\s*2\s*1\s*2\s*2\s*300\s000,00\s+zł/);
    await p.screenshot({ path: join(artifacts, 'reports-drilled.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);

    // Back up to the branches and download that level's PDF.
    await sales.locator('nav[part=path]').getByRole('button', { name: 'Region Północ' }).click();
    await eventually(() => rows.locator('th').allTextContents()).toEqual(['Gdańsk Wrzeszcz', 'Gdynia Centrum']);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      sales.getByRole('link', { name: 'Pobierz PDF' }).click(),
    ]);
    const pdfPath = join(artifacts, 'reports-branches.pdf');
    await download.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toMatch(/Gdynia Centrum\s+2\s+400 000,00 zł/);
    expect(text).toContain('Region Północ');
    expect(text).toContain('Zbigniew Wiśniewski');
    execFileSync('pdftoppm', ['-png', '-r', '70', pdfPath, join(artifacts, 'reports-branches')]);
    // The director holds reports:export: the same level as XLSX.
    const xlsxHref = await sales.getByRole('link', { name: 'Pobierz XLSX' }).getAttribute('href');
    const xlsx = await p.evaluate(async (href) => {
      const r = await fetch(href);
      return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength] as const;
    }, xlsxHref!);
    expect([xlsx[0], xlsx[1]]).toEqual([200, expect.stringContaining('spreadsheetml')]);
    expect(complaints(w)).toEqual([]);
  });
});
