/**
 * `<crm-calendar>` in Chromium against the real server (`createServerApp` on a real port) over the
 * small firm: a branch manager delegates a task to an advisor and sees it in the team view with who
 * delegated it; the advisor books a meeting with a client and sees its SMS reminders with their
 * planned send times. A screenshot is left in `tests/browser/.artifacts/` to look at.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp } from '../../core/http/server-app.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

let browser: BrowserSession;
let server: ServerType;
let origin = '';
let f: SmallFirm;
let drop: () => Promise<void>;
let clientId = '';

const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const day = plusDays(today, 2);
const artifacts = join(import.meta.dirname, '.artifacts');

const pageHtml = `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>calendar</title>
<link rel="icon" href="data:,">
<script type="module" src="/built/crm-calendar.js"></script>
<style>body { font-family: sans-serif; margin: 16px; }</style></head>
<body><crm-calendar view="week" date="${day}"></crm-calendar></body></html>`;

async function signIn(email: string): Promise<{ page: Page; errors: string[] }> {
  await browser.context.clearCookies();
  const { page, errors } = await browser.newPage();
  await page.goto(`${origin}/calendar-test`);
  const status = await page.evaluate(
    async ([e, p]) =>
      (
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: e, password: p }),
        })
      ).status,
    [email, PASSWORD],
  );
  expect(status).toBe(200);
  await page.reload();
  await page.locator('crm-calendar [part=grid]').waitFor();
  errors.length = 0; // the page loaded once signed out (401s) before signing in
  return { page, errors };
}

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = database.drop;
  f = await smallFirm(database);
  f.clock.set(new Date()); // the browser judges cookies by the real clock
  clientId = f.clients.find((c) => c.owner === f.users.anna.id && !c.partnerId)!.id;
  await database.db
    .update(database.t.clients)
    .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '600 100 200', smsConsent: true } })
    .where(eq(database.t.clients.id, clientId));
  const api = createServerApp(f.crm, { log: () => {} });
  const app = new Hono();
  app.get('/calendar-test', (c) => c.html(pageHtml));
  app.get('/built/:file', async (c) =>
    c.body(await readFile(join(widgetsDir, c.req.param('file'))), 200, { 'content-type': 'text/javascript' }),
  );
  app.all('*', (c) => api.fetch(c.req.raw));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await f?.crm.close();
  await drop?.();
});

describe('<crm-calendar> against the real server', () => {
  it('lets a branch manager delegate a task and see it, with who delegated it, in the team view', async () => {
    const { page, errors } = await signIn('kierownik.gdansk@kredyt-dom.pl');
    await page.locator('crm-calendar button.primary').click();
    const form = page.locator('crm-calendar [part=form]');
    await form.locator('select[name=kind]').selectOption('task');
    await form.locator('input[name=title]').fill('Zebrać zaświadczenia od klienta');
    await form.locator('input[name=start]').fill(`${day}T12:00`);
    await form.locator('select[name=assigneeId]').selectOption({ label: 'Anna Nowak' });
    await form.locator('button[type=submit]').click();
    await page.locator('crm-calendar [role=status]').waitFor();
    await page.locator('crm-calendar [part=toolbar] select').selectOption('team');
    const item = page.locator('crm-calendar [part=item]', { hasText: 'Zebrać zaświadczenia' });
    await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(1);
    expect(await item.textContent()).toContain('Anna Nowak');
    await item.click();
    expect(await page.locator('crm-calendar [part=detail] [data-delegated]').textContent()).toBe(
      'Katarzyna Lewandowska',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an advisor book a client meeting, shows planned reminder times; moves it with the keyboard', async () => {
    const { page, errors } = await signIn('anna.nowak@kredyt-dom.pl');
    // The delegated task is in Anna's own calendar, with who delegated it.
    await page.locator('crm-calendar [part=item]', { hasText: 'Zebrać zaświadczenia' }).click();
    expect(await page.locator('crm-calendar [part=detail] [data-delegated]').textContent()).toBe(
      'Katarzyna Lewandowska',
    );

    await page.locator('crm-calendar button.primary').click();
    const form = page.locator('crm-calendar [part=form]');
    await form.locator('select[name=kind]').selectOption('meeting');
    await form.locator('input[name=title]').fill('Oferta kredytu hipotecznego');
    await form.locator('input[name=start]').fill(`${day}T10:00`);
    await form.locator('input[name=end]').fill(`${day}T11:00`);
    // The client comes preset, as a page that opens the calendar from a client's card would set it.
    await form.locator('crm-client-picker').evaluate((el, id) => el.setAttribute('value', id), clientId);
    await expect
      .poll(() => form.getByRole('combobox', { name: 'Klient' }).inputValue(), { timeout: 20_000 })
      .toBe('Klient Anna Nowak 0');
    await form.locator('input[name=place]').fill('ul. Długa 5, Gdańsk');
    await form.locator('button[type=submit]').click();
    const reminders = page.locator('crm-calendar [part=reminder]');
    await expect.poll(() => reminders.count(), { timeout: 20_000 }).toBe(2);
    const dd = `${day.slice(8, 10)}.${day.slice(5, 7)}`;
    const prev = plusDays(day, -1);
    const texts = (await reminders.allTextContents()).map((x) => x.replace(/\s+/g, ' '));
    const prevDd = `${prev.slice(8, 10)}\\.${prev.slice(5, 7)}`;
    expect(texts[0]).toMatch(new RegExp(`24h: wysyłka ${prevDd}, 10:00 — w kolejce`));
    expect(texts[1]).toMatch(new RegExp(`2h: wysyłka ${dd}, 08:00 — w kolejce`));
    expect(texts[0]).toContain('części SMS (UCS-2');
    await page.screenshot({ path: join(artifacts, 'calendar-advisor.png'), fullPage: true });

    // Alt+ArrowUp moves the meeting 30 minutes earlier; the 2 h reminder (07:30) falls into quiet hours.
    await page.locator('crm-calendar [part=item]', { hasText: 'Oferta kredytu' }).press('Alt+ArrowUp');
    await expect
      .poll(async () => ((await reminders.allTextContents())[1] ?? '').replace(/\s+/g, ' '), { timeout: 20_000 })
      .toMatch(/2h: wysyłka .*20:59 — w kolejce · przesunięte przed ciszę nocną/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
