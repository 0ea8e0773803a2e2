/**
 * People in the intranet's Administracja tab, in real Chromium over a real server: the
 * administrator invites a new advisor (the user is created without a password; the invitation
 * e-mail's one-time link is read from the outbox), the new advisor opens the link, sets a password
 * and signs in; the administrator moves Anna to another branch from a chosen day with a note, and
 * both her history and both branches' histories show the move. axe-core finds nothing serious; no
 * console error. Screenshots: `node_modules/.cache/crm-widgets/admin-people-*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerApp, linkToServedPages } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { openRecipient } from '../../core/notifications/index.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

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

async function signIn(email: string, password = PASSWORD) {
  const w = await browser.newPage();
  await w.page.setViewportSize({ width: 1366, height: 768 });
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

async function invitationLink(userId: string): Promise<string> {
  const rows = await database.db
    .select()
    .from(database.t.outbox)
    .where(and(eq(database.t.outbox.purpose, 'user-invitation'), eq(database.t.outbox.subject, `user:${userId}`)));
  expect(rows).toHaveLength(1);
  expect(JSON.stringify(rows[0]!.payload)).not.toContain('#reset='); // the link is sealed in the row
  const mail = openRecipient(firm.crm.system(), rows[0]!).payload;
  if (mail.kind !== 'email') throw new Error('an invitation is an e-mail');
  expect(mail.text).toContain('Administrator Systemu zaprasza Cię do CRM');
  return /https?:\/\/\S+#reset=[\w-]+/.exec(mail.text)![0];
}

it('the administrator invites an advisor, who sets a password from the e-mailed link and signs in', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const people = p.locator('crm-people');
  await people.locator('tr[data-id]').first().waitFor();
  await people.getByText('Zaproś osobę').click();
  await people.getByLabel('Imię i nazwisko').fill('Zofia Nowicka');
  await people.getByLabel('E-mail').fill('zofia.nowicka@kredyt-dom.pl');
  await people.locator('#invite-unit').selectOption({ label: 'Gdańsk Wrzeszcz' });
  await people.getByLabel('Doradca', { exact: true }).check();
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'admin-people-invite.png'), fullPage: true });
  await people.getByRole('button', { name: 'Utwórz i wyślij zaproszenie' }).dblclick(); // one user, one e-mail
  await eventually(() => people.locator('[part=message]').textContent()).toContain('Zaproszenie wysłane do: Zofia');
  const [user] = await database.db
    .select()
    .from(database.t.users)
    .where(eq(database.t.users.email, 'zofia.nowicka@kredyt-dom.pl'));
  expect(user!.passwordHash).toBeNull();
  expect(await people.locator(`tr[data-id="${user!.id}"]`).textContent()).toContain('Gdańsk Wrzeszcz');
  const link = await invitationLink(user!.id);
  expect(errors).toEqual([]);
  await p.locator('#sign-out').click();
  await p.locator('#email:visible').waitFor();

  await p.goto(link);
  const reset = p.locator('crm-password-reset');
  await reset.getByLabel('Nowe hasło', { exact: true }).fill('haslo-zofii-2026');
  await reset.getByLabel('Powtórz nowe hasło').fill('haslo-zofii-2026');
  await reset.getByRole('button', { name: 'Ustaw hasło' }).click();
  await eventually(() => reset.locator('[part=message]').textContent()).toContain('Zaloguj się nowym hasłem');
  await reset.getByRole('button', { name: 'Przejdź do logowania' }).click();
  await p.locator('#email').fill('zofia.nowicka@kredyt-dom.pl');
  await p.locator('#password').fill('haslo-zofii-2026');
  await p.locator('#login-button').click();
  await eventually(() => p.locator('#user-name').textContent()).toBe('Zofia Nowicka');
  expect(await p.getByRole('tab', { name: 'Administracja' }).count()).toBe(0); // an advisor administers nothing
  expect(errors).toEqual([]);
}, 120_000);

it('the administrator moves an advisor to another branch from a day; both branches show it', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const people = p.locator('crm-people');
  const anna = people.locator(`tr[data-id="${firm.users.anna.id}"]`);
  await anna.waitFor();
  const from = (await anna.locator('td').nth(1).textContent())!.trim();
  await anna.getByRole('button', { name: /Przenieś/ }).click();
  const panel = people.getByRole('region', { name: 'Historia oddziałów: Anna Nowak' });
  await panel.getByLabel('Nowy oddział').selectOption({ label: 'Kraków Kazimierz' });
  await panel.getByLabel('Od dnia').fill('2026-12-14');
  await panel.getByLabel('Uwaga (np. powód przeniesienia)').fill('Otwarcie biura w Krakowie');
  await panel.getByRole('button', { name: 'Przenieś od tego dnia' }).click();
  await eventually(() => people.locator('[part=message]').textContent()).toBe(
    'Anna Nowak: w oddziale Kraków Kazimierz od 14 gru 2026.',
  );
  const history = await panel.locator('li').allTextContents();
  expect(history[0]).toMatch(/^Kraków Kazimierz: 14 gru 2026 – obecnie · Otwarcie biura w Krakowie$/);
  expect(history[1]).toMatch(new RegExp(`^${from}: .* – 14 gru 2026$`));
  expect(await axeProblems(p)).toEqual([]);
  await p.screenshot({ path: join(shots, 'admin-people-move.png'), fullPage: true });

  // The branch she leaves and the one she joins: each one's history names her with the day.
  await anna.getByRole('button', { name: from }).click();
  const left = people.getByRole('region', { name: 'Kto był w oddziale' });
  await eventually(() => left.locator('li', { hasText: 'Anna Nowak' }).textContent()).toMatch(
    /: 2 mar 2026 – 14 gru 2026$/,
  );
  await left.getByRole('button', { name: 'Zamknij' }).click();
  const krakow = firm.units.krakow.id;
  const joined = await p.evaluate((id) => fetch(`/api/units/${id}/memberships`).then((r) => r.json()), krakow);
  expect(joined.items[0]).toMatchObject({ name: 'Anna Nowak', validTo: null, note: 'Otwarcie biura w Krakowie' });
  expect(new Date(joined.items[0].validFrom).toISOString()).toBe('2026-12-13T23:00:00.000Z'); // midnight in Warsaw
  expect(errors).toEqual([]);
}, 120_000);
