/**
 * People and API keys in the intranet's Administracja tab, in real Chromium over a real server
 * (issue 17, item 1 completions, the last-admin rule and item 4): the administrator filters the
 * list, changes an advisor's roles and supervisor, puts him in another commission group from a
 * date (the history shows both; a date before the last change is refused with the API's reason),
 * records a KNF entry (a bad number refused on the page) and an OC policy ending soon (warned);
 * sends Anna a set-password link that she completes from the outbox's e-mail and signs in with;
 * tries to disable the last administrator (refused, the reason shown); creates an API key with
 * two permissions, sees it once, and revokes it (a call with it then gets 401). On a 390 px phone
 * the people are cards and the page does not scroll sideways; English follows the language switch.
 * Each step: axe-core finds nothing serious, double clicks save once, and the only console errors
 * are the refusals the walk provokes (the browser logs a 4xx response). Screenshots:
 * `/tmp/adm-people-shots/*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerApp, linkToServedPages } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { openRecipient } from '../../core/notifications/index.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/adm-people-shots';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
/**
 * Today in Warsaw plus `days` calendar days, as `YYYY-MM-DD` (the widget counts "in N days" on the calendar too;
 * `days` × 24 h from a late evening lands a day further when the clocks go forward in between).
 */
const day = (days = 0) => {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};

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
  linkToServedPages(firm.crm, origin); // e-mailed links open this server's intranet
  browser = await launchChromium();
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

async function signIn(email: string, viewport = { width: 1366, height: 768 }, password = PASSWORD) {
  const w = await browser.newPage();
  await w.page.setViewportSize(viewport);
  await w.page.goto(`${origin}/`);
  await w.page.locator('#email:visible, #sign-out:visible').first().waitFor();
  if (await w.page.locator('#sign-out').isVisible()) {
    await w.page.locator('#sign-out').click();
    await w.page.locator('#email:visible').waitFor();
  }
  await w.page.locator('#email').fill(email);
  await w.page.locator('#password').fill(password);
  await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  await w.page.locator('#user-name:visible').waitFor();
  return w;
}

async function step(p: Page, name: string) {
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const audits = async (action: string, entityId: string) => {
  const a = database.t.auditLog;
  return (
    await database.db
      .select()
      .from(a)
      .where(and(eq(a.action, action), eq(a.entityId, entityId)))
  ).length;
};

/** The browser logs each 4xx answer; these are the refusals the walk provokes on purpose. */
const refusals = (errors: string[]) => errors.filter((e) => !/status of (409|422)/.test(e));

it('the administrator changes roles, supervisor, commission group from a date, KNF and OC', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const people = p.locator('crm-people');
  await people.locator('tr[data-id]').first().waitFor();

  // Filters: advisors of Gdynia only, then everyone again.
  const all = await people.locator('tr[data-id]').count();
  await people.locator('#f-role').selectOption({ label: 'Doradca' });
  await people.locator('#f-unit').selectOption({ label: 'Gdynia Centrum' });
  await eventually(() => people.locator('tr[data-id] strong').allTextContents()).toEqual(['Piotr Kowalski']);
  expect(await people.getByText(`Widać 1 z ${all} osób.`).count()).toBe(1);
  await step(p, 'desktop-1-filtered');
  await people.locator('#f-role').selectOption({ label: 'Każda rola' });
  await people.locator('#f-unit').selectOption({ label: 'Każdy oddział' });
  await people.locator('#f-state').selectOption({ label: 'Aktywna' });
  await people.getByLabel('Szukaj osoby').fill('piotr');

  const { piotr, senior, anna, admin } = firm.users;
  const row = people.locator(`tr[data-id="${piotr.id}"]`);
  await row.getByRole('button', { name: /Szczegóły/ }).click();
  const panel = people.getByRole('region', { name: 'Szczegóły: Piotr Kowalski' });
  const roles = panel.getByRole('region', { name: 'Role i przełożony' });
  await roles.getByLabel('Doradca', { exact: true }).uncheck();
  await roles.getByLabel('Starszy doradca', { exact: true }).check();
  await roles.getByLabel('Przełożony').selectOption({ label: 'Tomasz Zieliński' });
  await roles.getByRole('button', { name: 'Zapisz role i przełożonego' }).dblclick(); // saved once
  await eventually(() => people.locator('[part=message]').textContent()).toBe(
    'Zapisano role i przełożonego: Piotr Kowalski.',
  );
  expect(await row.locator('td').nth(2).textContent()).toMatch(/Starszy doradca.*Przełożony: Tomasz Zieliński/s);
  const [saved] = await database.db.select().from(database.t.users).where(eq(database.t.users.id, piotr.id));
  expect(saved).toMatchObject({ roles: ['senior-advisor'], supervisorId: senior.id });
  expect(await audits('user.update', piotr.id)).toBe(1);

  // Commission group from the first of next year; the history shows both groups with their dates.
  const groups = panel.getByRole('region', { name: 'Grupy prowizyjne w czasie' });
  await groups.getByLabel('Grupa prowizyjna').selectOption({ label: 'Doradca senior' });
  await groups.getByLabel('Od dnia').fill('2027-01-01');
  await groups.getByLabel('Uwaga (np. awans)').fill('Awans po rocznej ocenie');
  await groups.getByRole('button', { name: 'Zmień grupę od tego dnia' }).dblclick();
  await eventually(() => people.locator('[part=message]').textContent()).toBe(
    'Piotr Kowalski: grupa Doradca senior od 1 sty 2027.',
  );
  const spans = await groups.locator('li').allTextContents();
  expect(spans[0]).toBe('Doradca senior: 1 sty 2027 – obecnie · Awans po rocznej ocenie');
  expect(spans[1]).toMatch(/^Doradca junior: 2 mar 2026 – 1 sty 2027$/);
  expect(await audits('user.commission-group', piotr.id)).toBe(1);
  // A date before that change overlaps it: the API's reason is shown.
  await groups.getByLabel('Grupa prowizyjna').selectOption({ label: 'Doradca junior' });
  await groups.getByLabel('Od dnia').fill('2026-12-20');
  await groups.getByRole('button', { name: 'Zmień grupę od tego dnia' }).click();
  await eventually(() => people.getByRole('alert').textContent()).toContain(
    'Nie zapisano: from: must not be before the last change (2027-01-01)',
  );
  await step(p, 'desktop-2-roles-group');

  // KNF: a malformed number is refused on the page; a good one (spaces, lower case) is stored normalised.
  const knf = panel.getByRole('region', { name: 'KNF i OC' });
  await knf.getByLabel('Numer w rejestrze KNF (RPH i 6 cyfr)').fill('RPH12');
  await knf.getByRole('button', { name: 'Zapisz wpis KNF' }).click();
  await eventually(() => people.getByRole('alert').textContent()).toBe(
    'Numer KNF to litery RPH i sześć cyfr, np. RPH000123.',
  );
  expect(await knf.getByLabel('Numer w rejestrze KNF (RPH i 6 cyfr)').getAttribute('aria-invalid')).toBe('true');
  await knf.getByLabel('Numer w rejestrze KNF (RPH i 6 cyfr)').fill('rph 012345');
  await knf.getByLabel('Wpis od').fill('2026-01-05');
  await knf.getByRole('button', { name: 'Zapisz wpis KNF' }).dblclick();
  await eventually(() => knf.locator('p').first().textContent()).toBe(
    'KNF RPH012345 · powiązany · 5 sty 2026 – obecnie',
  );
  expect(await audits('compliance.registration', piotr.id)).toBe(1);
  await knf.getByLabel('Numer polisy').fill('OC/2026/77');
  await knf.getByLabel('Ubezpieczyciel').fill('TUiR Warta');
  await knf.getByLabel('Ochrona od').fill(day(-345));
  await knf.getByLabel('Ochrona do').fill(day(20));
  await knf.getByRole('button', { name: 'Dodaj polisę OC' }).dblclick();
  await eventually(() => knf.locator('.warn').textContent()).toMatch(
    /^Uwaga: polisa OC kończy się .+ \(za 20 dni\)\.$/,
  );
  expect(await audits('compliance.policy.add', piotr.id)).toBe(1);
  await step(p, 'desktop-3-knf-oc');

  // The last administrator: disabling them is refused with the reason.
  await people.getByLabel('Szukaj osoby').fill('administrator');
  await people
    .locator(`tr[data-id="${admin.id}"]`)
    .getByRole('button', { name: /Szczegóły/ })
    .click();
  const mine = people.getByRole('region', { name: 'Szczegóły: Administrator Systemu' });
  await mine.getByRole('button', { name: 'Wyłącz konto' }).click();
  await eventually(() => people.getByRole('alert').textContent()).toBe(
    'Nie można: to ostatni aktywny administrator (osoba z uprawnieniem users:write). ' +
      'Najpierw nadaj tę rolę komuś innemu.',
  );
  const [me] = await database.db.select().from(database.t.users).where(eq(database.t.users.id, admin.id));
  expect(me!.disabledAt).toBeNull();
  await step(p, 'desktop-4-last-admin');

  // A set-password link for Anna, through the outbox.
  await people.getByLabel('Szukaj osoby').fill('anna');
  await people
    .locator(`tr[data-id="${anna.id}"]`)
    .getByRole('button', { name: /Szczegóły/ })
    .click();
  const annas = people.getByRole('region', { name: 'Szczegóły: Anna Nowak' });
  await annas.getByRole('button', { name: 'Wyślij link do ustawienia hasła' }).dblclick();
  await eventually(() => people.locator('[part=message]').textContent()).toBe(
    'Wysłano link do ustawienia hasła: Anna Nowak. Działa 24 godziny; do tego czasu obecne hasło działa.',
  );
  expect(refusals(errors)).toEqual([]);
  expect(errors).toHaveLength(2); // the overlapping group (422) and the last administrator (409)

  const o = database.t.outbox;
  const mails = await database.db
    .select()
    .from(o)
    .where(and(eq(o.purpose, 'password-reset'), eq(o.subject, `user:${anna.id}`)));
  expect(mails).toHaveLength(1); // a double click sends one
  const mail = openRecipient(firm.crm.system(), mails[0]!).payload;
  if (mail.kind !== 'email') throw new Error('a reset link is an e-mail');
  expect(mail.text).toContain('Administrator Systemu wysłał(a) Ci link do ustawienia nowego hasła');
  const link = /https?:\/\/\S+#reset=[\w-]+/.exec(mail.text)![0];
  await p.locator('#sign-out').click();
  await p.locator('#email:visible').waitFor();
  await p.goto(link);
  const reset = p.locator('crm-password-reset');
  await reset.getByLabel('Nowe hasło', { exact: true }).fill('nowe-haslo-anny-2026');
  await reset.getByLabel('Powtórz nowe hasło').fill('nowe-haslo-anny-2026');
  await reset.getByRole('button', { name: 'Ustaw hasło' }).click();
  await eventually(() => reset.locator('[part=message]').textContent()).toContain('Zaloguj się nowym hasłem');
  await reset.getByRole('button', { name: 'Przejdź do logowania' }).click();
  await p.locator('#email').fill('anna.nowak@kredyt-dom.pl');
  await p.locator('#password').fill('nowe-haslo-anny-2026');
  await p.locator('#login-button').click();
  await eventually(() => p.locator('#user-name').textContent()).toBe('Anna Nowak');
  expect(refusals(errors)).toEqual([]);
}, 240_000);

it('the administrator creates an API key with two permissions, sees it once, and revokes it', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const keys = p.locator('crm-api-keys');
  await keys.getByText('Nowy klucz API').click();
  await keys.getByLabel('Nazwa (np. do czego służy)').fill('Portal Otodom');
  await keys.getByLabel('clients:read', { exact: true }).check();
  await keys.getByLabel('leads:write', { exact: true }).check();
  await keys.getByRole('button', { name: 'Utwórz klucz' }).dblclick(); // one key
  const secret = keys.getByRole('region', { name: 'Nowy klucz' });
  const key = (await secret.locator('code').textContent())!.trim();
  expect(key).toMatch(/^bck_[A-Za-z0-9]+_[\w-]{20,}$/);
  expect(await secret.textContent()).toContain('Skopiuj klucz teraz: pokazujemy go tylko raz.');
  expect(await secret.getByRole('button', { name: 'Kopiuj klucz' }).count()).toBe(1);
  const row = keys.locator('tr[data-id]', { hasText: 'Portal Otodom' });
  await eventually(() => row.locator('td').nth(1).textContent()).toBe('clients:read, leads:write');
  const made = await database.db.select().from(database.t.apiKeys).where(eq(database.t.apiKeys.name, 'Portal Otodom'));
  expect(made).toHaveLength(1);
  await step(p, 'desktop-5-api-key-once');

  const call = () =>
    fetch(`${origin}/api/clients`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
  expect(await call()).toBe(200);
  await secret.getByRole('button', { name: 'Zapisałem klucz, ukryj' }).click();
  await p.reload();
  await p.getByRole('tab', { name: 'Administracja' }).click();
  await keys.locator('tr[data-id]').first().waitFor();
  expect(await p.locator('body').evaluate((b, k) => b.outerHTML.includes(k), key)).toBe(false);
  expect(await keys.locator('code').allTextContents()).not.toContain(key); // shown once, never again

  await row.getByRole('button', { name: 'Wycofaj: Portal Otodom' }).click();
  expect(await call()).toBe(200); // nothing before the confirmation
  await row.getByRole('button', { name: 'Tak' }).click();
  await eventually(() => keys.locator('[part=message]').textContent()).toBe(
    'Klucz „Portal Otodom” wycofany: nie działa.',
  );
  expect(await call()).toBe(401);
  expect(await keys.locator('tr[data-id]', { hasText: 'Portal Otodom' }).count()).toBe(0);
  await keys.getByLabel('Pokaż wycofane').check();
  await eventually(() => keys.locator('tr[data-id]', { hasText: 'Portal Otodom' }).textContent()).toContain('Wycofany');
  await step(p, 'desktop-6-api-key-revoked');
  expect(errors).toEqual([]);
}, 180_000);

it('on a 390 px phone the people are cards, nothing scrolls sideways, and English follows the switch', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl', { width: 390, height: 844 });
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const people = p.locator('crm-people');
  const ewa = people.locator(`tr[data-id="${firm.users.ewa.id}"]`);
  await ewa.waitFor();
  expect(await ewa.evaluate((r) => getComputedStyle(r).display)).toBe('block');
  await ewa.getByRole('button', { name: /Szczegóły/ }).click();
  await people.getByRole('region', { name: 'Szczegóły: Ewa Dąbrowska' }).waitFor();
  // The group picker starts at the person's group today.
  const ewasGroup = people.getByRole('region', { name: 'Grupy prowizyjne w czasie' }).getByLabel('Grupa prowizyjna');
  expect(await ewasGroup.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.textContent)).toBe('Doradca senior');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await step(p, 'phone-1-people');
  await p.locator('button[data-lang="en"]').click();
  await eventually(() => people.locator('h2').textContent()).toBe('People');
  expect(await people.getByRole('region', { name: 'Details: Ewa Dąbrowska' }).count()).toBe(1);
  await eventually(() => p.locator('crm-api-keys h2').textContent()).toBe('API keys');
  await p.locator('crm-api-keys').scrollIntoViewIfNeeded();
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await step(p, 'phone-2-english');
  expect(errors).toEqual([]);
}, 180_000);
