/**
 * The branch network in the intranet's Administracja tab, in real Chromium over a real server: the
 * administrator walks the unit tree by keyboard, adds a branch under a region (a double click adds
 * one), is refused a taken code, renames and re-codes it, tries to move a region under its own
 * branch (the API's 409 shown in Polish), moves a franchise branch to the other region after a
 * preview whose numbers match the database, and the target region's director then sees that
 * branch's clients while the old region's director no longer does; the branch's membership history
 * and the refusal to archive a non-empty unit are shown; every change is in the audit log. On a
 * 390 px phone the tree and the preview fit and English follows the switch. axe-core finds nothing
 * serious; no console error beyond the refusals' own 409s. Screenshots: `/tmp/adm-units-shots/`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { createUser } from '../../core/org/index.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/adm-units-shots';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
/** Console lines other than the refusals' own 409 answers (Chromium logs every 4xx fetch). */
const complaints = (errors: string[]) => errors.filter((e) => !/status of 409/.test(e));

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  await createUser(firm.crm.system('test'), {
    email: 'dyrektor.poludnie@kredyt-dom.pl',
    name: 'Barbara Południowa',
    roles: ['regional-director'],
    unitId: firm.units.south.id,
    password: PASSWORD,
  });
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

async function signIn(email: string, viewport = { width: 1366, height: 768 }) {
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
  await w.page.locator('#user-name:visible').waitFor();
  return w;
}

/** The clients of a unit (and below) that a user sees through the API, by a bearer token of theirs. */
async function clientsSeenBy(email: string, unitId: string): Promise<number> {
  const auth = await fetch(`${origin}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { token } = (await auth.json()) as { token: string };
  const r = await fetch(`${origin}/api/clients?unitId=${unitId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { items: unknown[] }).items.length;
}

/** The network screen alone (the tab holds other screens). */
const shot = (p: Page, name: string) => p.locator('crm-units').screenshot({ path: `${shots}/${name}.png` });

it('the administrator adds, renames and moves units with the consequences shown first', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const units = p.locator('crm-units');
  const tree = units.getByRole('tree', { name: 'Struktura sieci' });
  const item = (name: string) => tree.getByRole('treeitem', { name: new RegExp(`^${name} `) });
  await item('Gdynia Centrum').waitFor();
  expect(await item('Gdańsk Wrzeszcz').getAttribute('aria-level')).toBe('3');
  expect(await item('Gdańsk Wrzeszcz').textContent()).toMatch(/GDA-1\s*Oddział własny · 3 osoby · 6 klientów/);

  // The keyboard: Down to the first region (Południe sorts before Północ), End to the last branch,
  // Left to its region, Left closes it, Right opens it again, Enter chooses it.
  await item('Centrala').focus();
  await p.keyboard.press('ArrowDown');
  const focused = () => p.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-id'));
  await eventually(focused).toBe(firm.units.south.id);
  await p.keyboard.press('End');
  await eventually(focused).toBe(firm.units.gdynia.id);
  await p.keyboard.press('ArrowLeft');
  await eventually(focused).toBe(firm.units.north.id);
  await p.keyboard.press('ArrowLeft');
  await eventually(() => item('Region Północ').getAttribute('aria-expanded')).toBe('false');
  await p.keyboard.press('ArrowRight');
  await eventually(() => item('Region Północ').getAttribute('aria-expanded')).toBe('true');
  await p.keyboard.press('Enter');
  const panel = units.locator('[part=unit]');
  await eventually(() => panel.locator('h3').textContent()).toContain('Region Północ');
  expect(await item('Region Północ').getAttribute('aria-selected')).toBe('true');

  // Add a branch under the chosen region; a double click adds one.
  await units.getByText('Dodaj jednostkę').click();
  const add = units.locator('form.add');
  await add.getByLabel('Nazwa').fill('Sopot Monte Cassino');
  await add.getByLabel('Kod').fill('SOP-1');
  await add.getByLabel('Rodzaj').selectOption({ label: 'Oddział własny' });
  expect(await add.getByLabel('Jednostka nadrzędna').inputValue()).toBe(firm.units.north.id);
  await add.getByRole('button', { name: 'Dodaj', exact: true }).dblclick();
  await eventually(() => units.locator('[part=message]').textContent()).toBe(
    'Dodano: Sopot Monte Cassino w jednostce Region Północ.',
  );
  const sopot = await database.db.select().from(database.t.units).where(eq(database.t.units.code, 'SOP-1'));
  expect(sopot).toHaveLength(1);
  expect(sopot[0]!.parentId).toBe(firm.units.north.id);
  await item('Sopot Monte Cassino').waitFor();
  // A taken code: said in Polish, nothing added.
  await add.getByLabel('Nazwa').fill('Drugi Sopot');
  await add.getByLabel('Kod').fill('SOP-1');
  await add.getByLabel('Rodzaj').selectOption({ label: 'Oddział własny' });
  await add.getByLabel('Jednostka nadrzędna').selectOption(firm.units.north.id);
  await add.getByRole('button', { name: 'Dodaj', exact: true }).click();
  await eventually(() => units.getByRole('alert').textContent()).toBe(
    'Kod „SOP-1” ma już inna jednostka. Wybierz inny kod.',
  );
  await shot(p, 'desktop-1-added');

  // Rename and re-code it.
  await item('Sopot Monte Cassino').click();
  await panel.getByLabel('Nazwa').fill('Sopot Centrum');
  await panel.getByLabel('Kod').fill('SOP-2');
  await panel.getByRole('button', { name: 'Zapisz' }).click();
  await eventually(() => units.locator('[part=message]').textContent()).toBe('Zapisano: Sopot Centrum (SOP-2).');
  await item('Sopot Centrum').waitFor();

  // A region under its own branch: refused with the reason.
  await item('Region Północ').click();
  await panel.getByLabel('Nowa jednostka nadrzędna').selectOption({
    label: 'Centrala › Region Północ › Gdańsk Wrzeszcz',
  });
  await panel.getByRole('button', { name: 'Pokaż skutki' }).click();
  await eventually(() => units.getByRole('alert').textContent()).toBe(
    'Nie można przenieść jednostki „Region Północ” pod „Gdańsk Wrzeszcz”: ' +
      '„Gdańsk Wrzeszcz” leży wewnątrz „Region Północ” (jednostka nie może trafić pod samą siebie).',
  );
  expect(await panel.locator('[part=preview]').count()).toBe(0);
  await shot(p, 'desktop-2-refused');

  // Gdynia to the southern region: the preview's numbers are the database's.
  const { db, t } = database;
  const gdynia = firm.units.gdynia;
  const clients = await db.select().from(t.clients).where(eq(t.clients.unitId, gdynia.id));
  const people = await db
    .select()
    .from(t.memberships)
    .where(and(eq(t.memberships.unitId, gdynia.id), isNull(t.memberships.validTo)));
  expect([clients.length, people.length]).toEqual([2, 1]);
  expect(await clientsSeenBy('dyrektor.poludnie@kredyt-dom.pl', gdynia.id)).toBe(0);
  expect(await clientsSeenBy('dyrektor.polnoc@kredyt-dom.pl', gdynia.id)).toBe(2);
  await item('Gdynia Centrum').click();
  await panel.getByLabel('Nowa jednostka nadrzędna').selectOption({ label: 'Centrala › Region Południe' });
  await panel.getByRole('button', { name: 'Pokaż skutki' }).click();
  const preview = panel.getByRole('region', { name: 'Skutki przeniesienia' });
  await preview.waitFor();
  const dd = (k: string) =>
    preview
      .locator(`dd[data-k=${k}]`)
      .textContent()
      .then((s) => s!.replace(/\s+/g, ' '));
  expect(await dd('moving')).toBe(`1 jednostka, ${people.length} osoba, ${clients.length} klienci`);
  expect(await dd('from')).toBe('Centrala › Region Północ');
  expect(await dd('to')).toBe('Centrala › Region Południe');
  expect(await dd('lost')).toMatch(/^ ?Zbigniew Wiśniewski \(Region Północ\): .*clients:read/);
  expect(await dd('gained')).toMatch(/^ ?Barbara Południowa \(Region Południe\): .*clients:read/);
  expect(await axeProblems(p)).toEqual([]);
  await shot(p, 'desktop-3-preview');
  await preview.getByRole('button', { name: 'Przenieś', exact: true }).dblclick(); // one move
  await eventually(() => units.locator('[part=message]').textContent()).toBe(
    'Przeniesiono: Gdynia Centrum jest teraz w jednostce Region Południe.',
  );
  const under = units.locator(`[data-id="${firm.units.south.id}"] + ul [data-id="${gdynia.id}"]`);
  expect(await under.count()).toBe(1); // now in the southern region's group
  expect(await item('Gdynia Centrum').getAttribute('aria-level')).toBe('3');
  await eventually(focused).toBe(gdynia.id); // the keyboard stays on the moved unit
  expect(await clientsSeenBy('dyrektor.poludnie@kredyt-dom.pl', gdynia.id)).toBe(2);
  expect(await clientsSeenBy('dyrektor.polnoc@kredyt-dom.pl', gdynia.id)).toBe(0);

  // Its history; archiving it is refused with what holds it; the empty Sopot is archived.
  await item('Gdynia Centrum').click();
  await panel.getByRole('button', { name: 'Historia członkostwa' }).click();
  const first = () => panel.locator('ol li').first().textContent();
  await eventually(first).toMatch(/^Piotr Kowalski: 2 mar 2026 – obecnie/);
  await panel.getByRole('button', { name: 'Archiwizuj' }).click();
  await eventually(() => units.getByRole('alert').textContent()).toBe(
    'Nie można zarchiwizować „Gdynia Centrum”, bo są w niej: 1 osoba, 2 klienci.',
  );
  await item('Sopot Centrum').click();
  await panel.getByRole('button', { name: 'Archiwizuj' }).click();
  await eventually(() => units.locator('[part=message]').textContent()).toBe('Zarchiwizowano: Sopot Centrum.');
  expect(await item('Sopot Centrum').count()).toBe(0);
  await eventually(focused).toBe(firm.units.north.id); // and on the archived unit's parent
  await shot(p, 'desktop-4-moved');

  const audit = await db.select().from(t.auditLog).where(eq(t.auditLog.entity, 'unit')).orderBy(t.auditLog.seq);
  const mine = audit.filter((r) => r.actorId === firm.users.admin.id).map((r) => r.action);
  expect(mine).toEqual(['unit.create', 'unit.update', 'unit.move', 'unit.archive']);
  expect(complaints(errors)).toEqual([]);
  expect(errors).toHaveLength(3); // the taken code, the region under its branch, the full branch
}, 240_000);

it('on a 390 px phone the tree and a preview fit the screen, and English follows the switch', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl', { width: 390, height: 844 });
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const units = p.locator('crm-units');
  const tree = units.getByRole('tree');
  await tree.getByRole('treeitem', { name: /^Kraków Kazimierz / }).click();
  const panel = units.locator('[part=unit]');
  await panel.getByLabel('Nowa jednostka nadrzędna').selectOption({ label: 'Centrala › Region Północ' });
  await panel.getByRole('button', { name: 'Pokaż skutki' }).click();
  await panel.getByRole('region', { name: 'Skutki przeniesienia' }).waitFor();
  const fits = () => units.evaluate((el) => el.shadowRoot!.firstElementChild!.scrollWidth <= el.clientWidth);
  expect(await fits()).toBe(true);
  expect(await axeProblems(p)).toEqual([]);
  await units.scrollIntoViewIfNeeded();
  await shot(p, 'phone-1-preview');
  await p.locator('button[data-lang=en]').click();
  await eventually(() => units.locator('h2').textContent()).toBe('Branch network');
  await panel.getByRole('button', { name: 'Show the consequences' }).click();
  const preview = panel.getByRole('region', { name: 'Consequences of the move' });
  await eventually(() => preview.locator('dd[data-k=moving]').textContent()).toMatch(/1 unit, 1 person,\s+4 clients/);
  expect(await tree.getAttribute('aria-label')).toBe('Network structure');
  expect(await fits()).toBe(true);
  await units.scrollIntoViewIfNeeded();
  await shot(p, 'phone-2-english');
  expect(errors).toEqual([]);
}, 180_000);
