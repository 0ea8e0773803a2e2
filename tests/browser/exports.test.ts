/**
 * Excel export from the intranet's client list in real Chromium against a real server
 * (`createServerApp` on 127.0.0.1 over the small firm). An advisor without `clients:export` sees no
 * export button, and the API answers their request 403; a branch manager clicks "Eksportuj do
 * Excela", gets the XLSX of their branch (the formula-named client as a text cell, the income as a
 * number in złoty, the date as a date), and LibreOffice (`soffice --headless --convert-to csv`, raw
 * values) reads the income back as the number 12345.67 and the formula as text. axe-core finds no
 * serious or critical violation on the list. Screenshot: `tests/browser/.artifacts/exports.png`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/clients/index.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import type { Database } from '../../core/storage/database.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const artifacts = join(import.meta.dirname, '.artifacts');
const HYPERLINK = '=HYPERLINK("http://evil.example/steal","Kliknij")';
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

/** RFC 4180 CSV (quoted fields, doubled quotes), enough to read LibreOffice's output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

let browsers: BrowserSession[] = [];
let server: ServerType;
let origin = '';
let firm: SmallFirm;
let database: Database & { drop(): Promise<void> };

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser judges cookies by the real clock
  const anna = await firm.crm.asUser(firm.users.anna.id);
  await createClient(anna, {
    kind: 'person',
    type: 'private',
    data: { firstName: HYPERLINK, lastName: 'Nowak', netMonthlyIncomeMinor: 1_234_567, householdSize: 3 },
  });
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One browser profile per person: a session cookie must not carry over.
  browsers = await Promise.all([launchChromium(), launchChromium()]);
  mkdirSync(artifacts, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await new Promise((resolve) => server?.close(resolve));
  await firm?.crm.close();
  await database?.drop();
});

const list = (p: Page) => p.locator('crm-client-list');
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));

async function signIn(email: string, profile: 0 | 1): Promise<WatchedPage> {
  const w = await browsers[profile]!.newPage();
  await w.page.setViewportSize({ width: 1280, height: 900 });
  await w.page.goto(`${origin}/examples/intranet/`);
  await w.page.getByLabel('E-mail').fill(email);
  await w.page.getByLabel('Hasło').fill(PASSWORD);
  await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  await list(w.page).locator('[part=row]').first().waitFor({ timeout: 20_000 });
  return w;
}

describe('intranet: Excel export of the client list', { timeout: 120_000 }, () => {
  it('an advisor without clients:export sees no export button and the API refuses them', async () => {
    const w = await signIn('anna.nowak@kredyt-dom.pl', 0);
    const p = w.page;
    // The list asks /api/me beside its rows, not before them: wait for a button its answer adds (she may create
    // clients), so that the export button's absence is the answer's, not a list that has not heard it yet.
    await list(p).getByRole('button', { name: '+ Nowy klient' }).waitFor();
    expect(await list(p).locator('[part=export]').count()).toBe(0);
    const status = await p.evaluate(
      async () => (await fetch('/api/exports/clients', { credentials: 'include' })).status,
    );
    expect(status).toBe(403);
    expect(complaints(w)).toEqual([]);
    await p.close();
  });

  it('a manager downloads the XLSX of their branch; numbers are numbers and the formula is text', async () => {
    const w = await signIn('kierownik.gdansk@kredyt-dom.pl', 1);
    const p = w.page;
    const button = list(p).getByRole('button', { name: 'Eksportuj do Excela' });
    await button.waitFor();
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(artifacts, 'exports.png') });
    const [download] = await Promise.all([p.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const dir = mkdtempSync(join(tmpdir(), 'export-download-'));
    const file = join(dir, 'klienci.xlsx');
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (label: string) => header.indexOf(label) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r, n) => void (n > 1 && rows.push(r)));
    expect(rows).toHaveLength(firm.clients.filter((c) => c.unit === firm.units.gdansk.id).length + 1);
    expect(new Set(rows.map((r) => r.getCell(col('Oddział')).value))).toEqual(new Set(['Gdańsk Wrzeszcz']));
    const rich = rows.find((r) => r.getCell(col('Nazwisko')).value === 'Nowak')!;
    expect(rich.getCell(col('Imię')).type).toBe(ExcelJS.ValueType.String);
    expect(rich.getCell(col('Imię')).value).toBe(`'${HYPERLINK}`);
    expect(rich.getCell(col('Dochód netto miesięcznie')).value).toBe(12345.67);
    expect(rich.getCell(col('Utworzony')).type).toBe(ExcelJS.ValueType.Date);

    if (!soffice)
      throw new Error('LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc-nogui');
    // Raw values ("save cell contents as shown" off): a number cell comes out as a plain number.
    execFileSync(
      soffice,
      [
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'ignore', timeout: 90_000, env: { ...process.env, HOME: dir } },
    );
    const [csvHeader, ...lines] = parseCsv(readFileSync(join(dir, 'klienci.csv'), 'utf8'));
    const line = lines.find((l) => l[csvHeader!.indexOf('Nazwisko')] === 'Nowak')!;
    expect(line[csvHeader!.indexOf('Imię')]).toBe(`'${HYPERLINK}`);
    expect(line[csvHeader!.indexOf('Dochód netto miesięcznie')]).toBe('12345.67');
    expect(line[csvHeader!.indexOf('Liczba osób w gospodarstwie')]).toBe('3');

    // The commission review offers the lines' export too (commissions:export).
    await p.getByRole('tab', { name: 'Prowizje' }).click();
    const linesButton = p.locator('crm-commission-review').getByRole('button', { name: 'Eksportuj linie do Excela' });
    await linesButton.waitFor();
    const [linesFile] = await Promise.all([p.waitForEvent('download'), linesButton.click()]);
    expect(linesFile.suggestedFilename()).toMatch(/^commission-lines-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(complaints(w)).toEqual([]);
  });
});
