/**
 * Client import in the intranet, in real Chromium over a real server: the administrator opens the
 * Import tab, picks a Polish CSV (Windows-1250, `;`), sees each column's client field, runs the dry
 * run (the bad PESEL's row and column named), imports with a progress bar, finds the clients in
 * the list, and undoes the whole import. axe-core finds nothing serious at any step; no console
 * error. Screenshots: `node_modules/.cache/crm-widgets/import-*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
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

/** A PESEL with a right check digit, from its first ten digits. */
function pesel(ten: string): string {
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...ten].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return ten + String((10 - (sum % 10)) % 10);
}

/** Windows-1250, as Polish Excel saves "CSV (rozdzielany średnikami)". */
function cp1250(text: string): Buffer {
  const map: Record<string, number> = { ą: 0xb9, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ż: 0xbf };
  map['Ł'] = 0xa3;
  return Buffer.from([...text].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

const csv = cp1250(
  [
    'Imię;Nazwisko;PESEL;Telefon',
    `Jolanta;Importowana;${pesel('8501021234')};601 100 200`,
    'Łukasz;Błędny;85010212340;601 100 201', // wrong check digit (the right one is not 0)
    `Bożena;Arkuszowa;${pesel('7203154321')};601 100 202`,
  ].join('\r\n'),
);

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

const clientCount = async () =>
  (await database.db.select({ id: database.t.clients.id }).from(database.t.clients)).length;

it('the administrator imports a Polish CSV from the Import tab, checks it, imports it and undoes it', async () => {
  const w = await browser.newPage();
  const p = w.page;
  await p.goto(`${origin}/`);
  await p.getByLabel('E-mail').fill('admin@kredyt-dom.pl');
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  await p.locator('crm-client-list tr[part=row]').first().waitFor();
  const before = await clientCount();

  await p.getByRole('tab', { name: 'Import klientów' }).click();
  const widget = p.locator('crm-import');
  await widget
    .getByLabel('Plik CSV lub XLSX')
    .setInputFiles({ name: 'klienci.csv', mimeType: 'text/csv', buffer: csv });
  await widget.getByRole('button', { name: 'Wczytaj plik' }).click();
  // The guessed mapping, one select per column, labelled by the column's header.
  await eventually(() => widget.getByLabel('PESEL').inputValue()).toBe('pesel');
  expect(await widget.getByLabel('Imię').inputValue()).toBe('firstName');
  expect(await widget.getByLabel('Telefon').inputValue()).toBe('phone');
  expect(await widget.locator('p small').first().textContent()).toContain('3 wierszy · CSV · windows-1250');
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'import-mapping.png'), fullPage: true });

  await widget.getByRole('button', { name: 'Sprawdź (bez zapisu)' }).click();
  await eventually(() => widget.locator('[part=message]').textContent()).toBe(
    'Do zaimportowania: 2 · duplikaty: 0 · z błędami: 1',
  );
  const problem = widget.locator('[part=problems] tr[data-row="3"] td');
  expect(await problem.allTextContents()).toEqual(['3', 'PESEL', expect.stringMatching(/PESEL/)]);
  expect(await clientCount()).toBe(before); // a dry run writes nothing
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'import-checked.png'), fullPage: true });

  await widget.getByRole('button', { name: 'Importuj', exact: true }).click();
  await eventually(() => widget.locator('p[part=message][data-kind=ok]').textContent()).toBe(
    'Zaimportowano 2 z 3 wierszy · duplikaty: 0 · z błędami: 1',
  );
  expect(await widget.locator('progress').getAttribute('value')).toBe('3');
  expect(await clientCount()).toBe(before + 2);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'import-done.png'), fullPage: true });

  // The imported clients are in the list at once.
  await p.getByRole('tab', { name: 'Klienci' }).click();
  await p.locator('crm-client-list input[type=search]').fill('Arkuszowa');
  await eventually(() => p.locator('crm-client-list tr[part=row] td.name').allTextContents()).toEqual([
    'Bożena Arkuszowa',
  ]);

  await p.getByRole('tab', { name: 'Import klientów' }).click();
  await widget.getByRole('button', { name: 'Cofnij cały import' }).click();
  await eventually(() => widget.locator('p[part=message][data-kind=ok]').textContent()).toBe(
    'Import cofnięty: usunięto 2 klientów.',
  );
  expect(await clientCount()).toBe(before);
  expect(w.errors).toEqual([]);
}, 120_000);
