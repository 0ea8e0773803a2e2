/**
 * The Calendar tab of the intranet example in real Chromium against a real server
 * (`createServerApp` on 127.0.0.1 over the small firm). Two people in two browsers: a branch
 * manager delegates a task to an advisor of the branch; the advisor marks it done; the manager
 * reloads and sees it done (and the outbox holds the `task-done` e-mail to the manager). The
 * advisor books a meeting with a client who consents to SMS and sees the reminders with their
 * planned send times. Screenshot: `tests/browser/.artifacts/intranet-calendar.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/clients/create-client.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import type { Database } from '../../core/storage/database.ts';
import { addDays } from '../../widgets/crm-calendar/dates.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const artifacts = join(import.meta.dirname, '.artifacts');
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
/** Two days ahead: both reminders (24 h and 2 h before) are still to come. */
const day = addDays(today, 2);
const TASK = 'Zebrać zaświadczenie o dochodach';

let managerBrowser: BrowserSession;
let advisorBrowser: BrowserSession;
let server: ServerType;
let origin = '';
let firm: SmallFirm;
let database: Database & { drop(): Promise<void> };
let clientId = '';

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser judges cookies by the real clock
  const anna = await firm.crm.asUser(firm.users.anna.id);
  clientId = (
    await createClient(anna, {
      kind: 'person',
      type: 'private',
      data: { firstName: 'Marta', lastName: 'Wiśniewska', phone: '600 100 200', smsConsent: true },
    })
  ).id;
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Two browsers, two profiles: the manager and the advisor are signed in at the same time.
  [managerBrowser, advisorBrowser] = await Promise.all([launchChromium(), launchChromium()]);
  mkdirSync(artifacts, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await managerBrowser?.close();
  await advisorBrowser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await firm?.crm.close();
  await database?.drop();
});

/** What the page said, minus the browser's own line for each HTTP error (401 before sign-in is expected). */
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
/** Polls until the page shows it; the machine is shared, so a sign-in (scrypt) may take seconds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const calendar = (p: Page) => p.locator('#calendar-screen crm-calendar');
const item = (p: Page, title: string) => calendar(p).locator('[part=item]', { hasText: title });

async function signIn(browser: BrowserSession, email: string): Promise<WatchedPage> {
  const w = await browser.newPage();
  await w.page.goto(`${origin}/examples/intranet/`);
  await w.page.getByLabel('E-mail').fill(email);
  await w.page.getByLabel('Hasło').fill(PASSWORD);
  await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  await w.page.getByRole('tab', { name: 'Kalendarz' }).waitFor();
  return w;
}

/**
 * Opens the Calendar tab and shows the week of `day` (one click on "next" when it is next week). Whether it is
 * next week is asked of the grid the browser drew from its own today, not of `today` above: that was read when
 * this file was loaded, possibly before a midnight the browser has already passed.
 */
async function openCalendar(p: Page): Promise<void> {
  await p.getByRole('tab', { name: 'Kalendarz' }).click();
  await calendar(p).locator('[part=grid]').waitFor();
  expect(await p.getByRole('tab', { name: 'Kalendarz' }).getAttribute('aria-selected')).toBe('true');
  const cell = calendar(p).locator(`[part=day][aria-label="${day}"]`);
  if (!(await cell.count())) await calendar(p).getByRole('button', { name: 'Dalej' }).click();
  await cell.waitFor();
}

/** The manager looks at Anna's calendar through the person picker. */
async function showAnna(p: Page): Promise<void> {
  await calendar(p).locator('[part=toolbar] select').selectOption({ label: 'Anna Nowak' });
}

describe('intranet example page: the Calendar tab', { timeout: 90_000 }, () => {
  let manager: WatchedPage;
  let advisor: WatchedPage;

  it('a manager delegates a task; the advisor marks it done; the manager reloads and sees it done', async () => {
    manager = await signIn(managerBrowser, 'kierownik.gdansk@kredyt-dom.pl');
    const m = manager.page;
    await openCalendar(m);
    await calendar(m).getByRole('button', { name: 'Nowy wpis' }).click();
    const form = calendar(m).locator('[part=form]');
    await form.getByLabel('Rodzaj').selectOption('task');
    await form.getByLabel('Tytuł').fill(TASK);
    await form.getByLabel('Początek').fill(`${day}T12:00`);
    await form.getByLabel('Dla kogo').selectOption({ label: 'Anna Nowak' });
    await form.getByRole('button', { name: 'Zapisz' }).click();
    await eventually(() => calendar(m).locator('[role=status]').textContent()).toBe('Zapisano');
    await showAnna(m);
    await eventually(() => item(m, TASK).count()).toBe(1);
    expect(await item(m, TASK).getAttribute('data-status')).toBe('planned');

    advisor = await signIn(advisorBrowser, 'anna.nowak@kredyt-dom.pl');
    const a = advisor.page;
    await openCalendar(a);
    await eventually(() => item(a, TASK).count()).toBe(1);
    await item(a, TASK).click();
    const detail = calendar(a).locator('[part=detail]');
    expect(await detail.locator('[data-delegated]').textContent()).toBe('Katarzyna Lewandowska');
    await detail.getByRole('button', { name: 'Oznacz jako zrobione' }).click();
    await eventually(() => item(a, TASK).getAttribute('data-status')).toBe('done');

    // The manager, in their own browser, reloads the page and finds the task done.
    await m.reload();
    await m.getByRole('tab', { name: 'Kalendarz' }).waitFor();
    await openCalendar(m);
    await showAnna(m);
    await eventually(() => item(m, TASK).getAttribute('data-status')).toBe('done');
    await item(m, TASK).click();
    expect(await calendar(m).locator('[part=detail]').textContent()).toContain('Zrobione');
    // …and has an e-mail on its way saying so.
    const { db, t } = database;
    const mails = await db
      .select({ recipient: t.outbox.recipient })
      .from(t.outbox)
      .where(and(eq(t.outbox.purpose, 'task-done'), eq(t.outbox.ownerId, firm.users.manager.id)));
    expect(mails).toEqual([{ recipient: 'kierownik.gdansk@kredyt-dom.pl' }]);

    expect(complaints(manager)).toEqual([]);
    expect(complaints(advisor)).toEqual([]);
    await m.close();
    // The advisor stays signed in for the next test.
  });

  it('the advisor books a meeting with a consenting client, sees the SMS reminders with their send times', async () => {
    const a = advisor.page;
    const form = calendar(a).locator('[part=form]');
    await calendar(a).getByRole('button', { name: 'Nowy wpis' }).click();
    await form.getByLabel('Rodzaj').selectOption('meeting');
    await form.getByLabel('Tytuł').fill('Oferta kredytu hipotecznego');
    await form.getByLabel('Początek').fill(`${day}T10:00`);
    await form.getByLabel('Koniec').fill(`${day}T11:00`);
    // The client is picked by name (the picker searches the advisor's own clients).
    const client = form.getByRole('combobox', { name: 'Klient' });
    await client.fill('Wiśniewska');
    await form.getByRole('option', { name: /Marta Wiśniewska/ }).waitFor();
    await client.press('ArrowDown');
    await client.press('Enter');
    await form.getByLabel('Miejsce').fill('ul. Długa 5, Gdańsk');
    await form.getByRole('button', { name: 'Zapisz' }).click();

    const reminders = calendar(a).locator('[part=reminder]');
    await eventually(() => reminders.count()).toBe(2);
    const booked = await database.db
      .select({ clientId: database.t.calendarItems.clientId })
      .from(database.t.calendarItems)
      .where(eq(database.t.calendarItems.title, 'Oferta kredytu hipotecznego'));
    expect(booked).toEqual([{ clientId }]);
    // Saving re-opens the meeting on the Calendar tab: the page must not jump to the client's card.
    expect(await a.getByRole('tab', { name: 'Kalendarz' }).getAttribute('aria-selected')).toBe('true');
    expect(await reminders.first().isVisible()).toBe(true);
    const ddmm = (d: string) => `${d.slice(8, 10)}\\.${d.slice(5, 7)}`;
    const texts = (await reminders.allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
    // 24 h before a 10:00 meeting is 10:00 the day before; 2 h before is 08:00 (after quiet hours end).
    expect(texts[0]).toMatch(new RegExp(`^24h: wysyłka ${ddmm(addDays(day, -1))}, 10:00 — w kolejce`));
    expect(texts[1]).toMatch(new RegExp(`^2h: wysyłka ${ddmm(day)}, 08:00 — w kolejce`));
    expect(texts[0]).toContain(
      `Przypominamy o spotkaniu ${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)} o godz. 10:00, ul. ` +
        `Długa 5, Gdańsk. Doradca: Anna Nowak`,
    );
    // The meeting is in the week grid beside the finished task.
    expect(await item(a, 'Oferta kredytu hipotecznego').getAttribute('data-kind')).toBe('meeting');
    expect(await item(a, TASK).getAttribute('data-status')).toBe('done');

    await a.setViewportSize({ width: 1360, height: 900 });
    await a.screenshot({ path: join(artifacts, 'intranet-calendar.png'), fullPage: true });
    expect(complaints(advisor)).toEqual([]);
  });
});
