/**
 * The DPO's "RODO" tab in real Chromium over a real server: the list shows an overdue request
 * highlighted; the administrator (gdpr:manage) registers an access request for a client found by
 * name, downloads the person's data as PDF; registers an erasure request, sees what will be erased
 * and what is kept (the commission lines, Art. 17(3)(b)), confirms, and the request is done with the
 * client pseudonymised. axe-core finds nothing serious at any step; no console error. Screenshots:
 * `node_modules/.cache/crm-widgets/gdpr-*.png`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../core/clients/index.ts';
import { registerRequest } from '../../core/gdpr/index.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { transition } from '../../core/workflow/transition.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
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
let clientId: string;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  const sys = firm.crm.system('test');
  await seedCommissions(sys);
  const anna = await firm.crm.asUser(firm.users.anna.id);
  const c = await createClient(anna, {
    kind: 'person',
    type: 'private',
    data: { firstName: 'Gertruda', lastName: 'Kanarkowska', phone: '+48 698 123 457' },
  });
  clientId = c.id;
  await database.db
    .update(database.t.clients)
    .set({ status: 'agreement-signed' })
    .where(eq(database.t.clients.id, c.id));
  const today = new Date().toISOString().slice(0, 10);
  await transition(anna, c.id, {
    to: 'disbursed',
    fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 45_000_000, saleDate: today },
  });
  // A request received two months ago and still open: overdue.
  const old = new Date(Date.now() - 62 * 86_400_000).toISOString().slice(0, 10);
  await registerRequest(sys, { kind: 'objection', identifiers: { name: 'Zenon Spóźniony' }, receivedOn: old });
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

it('the DPO registers an access request, downloads the PDF, then erases the client keeping the lines', async () => {
  const w = await browser.newPage();
  const p = w.page;
  await p.goto(`${origin}/`);
  await p.getByLabel('E-mail').fill('admin@kredyt-dom.pl');
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  await p.locator('crm-client-list tr[part=row]').first().waitFor();

  await p.getByRole('tab', { name: 'RODO' }).click();
  const widget = p.locator('crm-gdpr-requests');
  const overdue = widget.locator('tr.overdue');
  await eventually(() => overdue.count()).toBe(1);
  expect(await overdue.textContent()).toContain('po terminie');
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'gdpr-list.png'), fullPage: true });

  const register = async (kind: string) => {
    await widget.getByLabel('Klient (nazwisko lub PESEL)').fill('Kanarkowska');
    await widget.getByRole('button', { name: 'Szukaj' }).click();
    await widget.getByLabel('Wybierz klienta').selectOption({ label: 'Gertruda Kanarkowska' });
    await widget.getByLabel('Rodzaj').selectOption({ label: kind });
    await widget.getByRole('button', { name: 'Zarejestruj', exact: true }).click();
    // An error would show in the same kind of paragraph: the assertion then prints it.
    await eventually(() => widget.locator('p.message').first().textContent()).toMatch(/^Zarejestrowano\. Termin/);
  };
  await register('Dostęp (art. 15)');
  expect(await widget.locator('#detail-title').textContent()).toBe('Dostęp (art. 15) — Gertruda Kanarkowska');
  const [download] = await Promise.all([
    p.waitForEvent('download'),
    widget.getByRole('button', { name: 'Pobierz dane (PDF)' }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await eventually(() => widget.locator('[part=detail] p.muted').last().textContent()).toBe('Wydano kopię danych: 1×.');
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'gdpr-access.png'), fullPage: true });

  await widget.getByRole('button', { name: /Wróć do listy/ }).click();
  await register('Usunięcie (art. 17)');
  await widget.getByRole('button', { name: 'Sprawdź, co zostanie usunięte' }).click();
  const kept = widget.locator('ul.kept li');
  await eventually(() => kept.allTextContents()).toContainEqual(
    expect.stringMatching(/^pozycje prowizyjne \(i rozliczające je zestawienia\): \d+ — art\. 17 ust\. 3 lit\. b RODO/),
  );
  const erase = widget.getByRole('button', { name: 'Usuń dane osoby' });
  expect(await erase.isDisabled()).toBe(true); // not before the confirmation
  await widget.getByLabel('Rozumiem, że usunięcia nie można cofnąć').check();
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'gdpr-erasure-confirm.png'), fullPage: true });
  await erase.click();
  await eventually(() => widget.locator('[part=detail]').textContent()).toContain('zakończone');
  expect(await widget.locator('[part=detail]').textContent()).toMatch(
    /Dane usunięte: klient to teraz „Klient usunięty #/,
  );
  const [row] = await database.db
    .select({ name: database.t.clients.displayName })
    .from(database.t.clients)
    .where(eq(database.t.clients.id, clientId));
  expect(row!.name).toMatch(/^Klient usunięty #/);
  const lines = await database.db.select().from(database.t.commissionLines);
  expect(lines.length).toBeGreaterThan(0);
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'gdpr-erased.png'), fullPage: true });
  expect(w.errors).toEqual([]);
}, 120_000);
