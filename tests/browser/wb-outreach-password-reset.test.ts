/**
 * Issue 13 item 10's password reset in Chromium on the real server: on the intranet's sign-in page a
 * person asks for a link ("Nie pamiętam hasła"), the link is read from the outbox as the worker would
 * send it, opens the "new password" step (the token leaves the address bar), a mismatch is said in
 * Polish, the new password is set, and the person signs in with it. The partner portal's sign-in page
 * offers the same on a 390×844 phone. axe-core finds nothing serious at each step; the console stays
 * quiet. Screenshots: /tmp/wb-outreach-shots/reset-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../../core/crm.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp, linkToServedPages } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { openRecipient } from '../../core/notifications/index.ts';
import { freshDatabase } from '../engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/wb-outreach-shots';
let browser: BrowserSession;
let server: ServerType;
let origin = '';
let crm: Crm;
let f: SmallFirm;
let db: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  db = await freshDatabase('libsql');
  f = await smallFirm(db);
  crm = await createCrm({ config: demoConfig(), database: db });
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.route('/', createServerApp(crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  linkToServedPages(crm, origin);
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await db?.drop();
});

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

async function linkFor(userId: string): Promise<string> {
  const rows = await db.db
    .select()
    .from(db.t.outbox)
    .where(and(eq(db.t.outbox.purpose, 'password-reset'), eq(db.t.outbox.subject, `user:${userId}`)));
  expect(rows).toHaveLength(1);
  const mail = openRecipient(crm.system(), rows[0]!).payload;
  if (mail.kind !== 'email') throw new Error('a reset is an e-mail');
  return /https?:\/\/\S+#reset=[\w-]+/.exec(mail.text)![0];
}

it(
  'asks for a link on the sign-in page, sets a new password from it, and signs in with it',
  { timeout: 120_000 },
  async () => {
    const w = await browser.newPage();
    const p = w.page;
    await p.setViewportSize({ width: 1366, height: 768 });
    await p.goto(`${origin}/examples/intranet/`);
    const reset = p.locator('crm-password-reset');
    await reset.getByRole('button', { name: 'Nie pamiętam hasła' }).click();
    expect(await p.locator('#login-form').isVisible()).toBe(false);
    await reset.getByLabel('E-mail').fill('ewa.dabrowska@kredyt-dom.pl');
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'reset-request.png') });
    await reset.getByRole('button', { name: 'Wyślij link' }).click();
    await eventually(() => reset.locator('[part=message]').textContent()).toContain('Jeśli to konto istnieje');
    await p.screenshot({ path: join(shots, 'reset-sent.png') });

    const link = await linkFor(f.users.ewa.id);
    expect(link.startsWith(`${origin}/examples/intranet/#reset=`)).toBe(true);
    await p.goto(link);
    await reset.getByRole('heading', { name: 'Ustaw nowe hasło' }).waitFor();
    expect(new URL(p.url()).hash).toBe(''); // the token left the address bar
    expect(await p.locator('#login-form').isVisible()).toBe(false);
    await reset.getByLabel('Nowe hasło', { exact: true }).fill('nowe-haslo-ewy-2026');
    await reset.getByLabel('Powtórz nowe hasło').fill('nowe-haslo-ewy-2025');
    await reset.getByRole('button', { name: 'Ustaw hasło' }).click();
    await eventually(() => reset.locator('#repeat-error').textContent()).toBe('Hasła nie są takie same.');
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'reset-mismatch.png') });
    await reset.getByLabel('Powtórz nowe hasło').fill('nowe-haslo-ewy-2026');
    await reset.getByRole('button', { name: 'Ustaw hasło' }).dblclick();
    await eventually(() => reset.locator('[part=message]').textContent()).toBe(
      'Hasło zostało zmienione. Zaloguj się nowym hasłem.',
    );
    await p.screenshot({ path: join(shots, 'reset-done.png') });
    await reset.getByRole('button', { name: 'Przejdź do logowania' }).click();
    await p.locator('#email').fill('ewa.dabrowska@kredyt-dom.pl');
    await p.locator('#password').fill('nowe-haslo-ewy-2026');
    await p.locator('#login-button').click();
    await eventually(() => p.locator('#user-name').textContent()).toBe('Ewa Dąbrowska');
    await p.screenshot({ path: join(shots, 'reset-signed-in.png') });
    expect(w.errors).toEqual([]);
    await p.close();
  },
);

it("offers the same on the partner portal's sign-in page on a phone", { timeout: 120_000 }, async () => {
  const w = await browser.newPage();
  const p = w.page;
  await browser.context.clearCookies(); // signed out: the previous walk signed in on the intranet
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto(`${origin}/examples/partner-portal/`);
  const reset = p.locator('crm-password-reset');
  await reset.getByRole('button', { name: 'Nie pamiętam hasła' }).click();
  await reset.getByLabel('E-mail').fill('biuro@nieruchomosci-bursztyn.pl');
  await reset.getByRole('button', { name: 'Wyślij link' }).click();
  await eventually(() => reset.locator('[part=message]').textContent()).toContain('Jeśli to konto istnieje');
  expect(await linkFor(f.users.partner.id)).toContain('/examples/partner-portal/#reset=');
  expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await axeProblems(p)).toEqual([]);
  await p.getByRole('button', { name: 'EN', exact: true }).click();
  await reset.getByRole('button', { name: 'Back to sign-in' }).waitFor(); // the widget follows the page's language
  expect(await reset.locator('[part=message]').textContent()).toContain('If this account exists');
  await p.screenshot({ path: join(shots, 'reset-partner-phone.png'), fullPage: true });
  expect(w.errors).toEqual([]);
  await p.close();
});
