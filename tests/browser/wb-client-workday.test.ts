/**
 * An advisor's and a manager's day in the intranet example, in real Chromium against a real server
 * (`createServerApp` on 127.0.0.1 over the small firm), without the API: the advisor adds a person
 * client (typing first a PESEL that a client of another branch has: the warning names the branch and
 * nothing else; a wrong check digit and a short phone number get Polish messages; a double click
 * saves once), logs a contact whose next step becomes a task on the card and in the calendar, and
 * books a meeting choosing the client by name with the keyboard (a client given away meanwhile gets
 * a clear message). The form and the list are walked on a 390×844 phone too. A branch manager selects
 * three clients and gives them to another advisor. axe-core (0 serious/critical) and 0 console
 * errors at every step; screenshots in /tmp/wb-client-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignClients } from '../../core/clients/assign-clients.ts';
import { createClient } from '../../core/clients/create-client.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import type { Database } from '../../core/storage/database.ts';
import { addDays } from '../../widgets/crm-calendar/dates.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const shots = '/tmp/wb-client-shots';
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
const day = addDays(today, 2);
/** A PESEL a client of the Kraków branch already has. */
const TAKEN_PESEL = '44051401359';
const NEW_PESEL = '90051212349';
const STEP = 'Wysłać porównanie ofert';

let browser: BrowserSession;
let server: ServerType;
let origin = '';
let firm: SmallFirm;
let database: Database & { drop(): Promise<void> };
let martaId = '';

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser judges cookies by the real clock
  const ewa = await firm.crm.asUser(firm.users.ewa.id);
  await createClient(ewa, {
    kind: 'person',
    type: 'private',
    data: { firstName: 'Zofia', lastName: 'Tajemnicza', pesel: TAKEN_PESEL },
  });
  const anna = await firm.crm.asUser(firm.users.anna.id);
  martaId = (
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
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await firm?.crm.close();
  await database?.drop();
});

/** What the page said, minus the browser's own line for each HTTP error the walk provokes (422, 404). */
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const form = (p: Page) => p.locator('crm-client-form');
const list = (p: Page) => p.locator('crm-client-list');
const timeline = (p: Page) => p.locator('crm-timeline');
const calendar = (p: Page) => p.locator('#calendar-screen crm-calendar');
const shot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function signIn(email: string, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  await browser.context.clearCookies(); // one browser, one person at a time
  const w = await browser.newPage();
  w.page.setDefaultTimeout(15_000);
  await w.page.setViewportSize(viewport);
  await w.page.goto(`${origin}/examples/intranet/`);
  await w.page.locator('#email').fill(email);
  await w.page.locator('#password').fill(PASSWORD);
  await w.page.getByRole('button', { name: 'Zaloguj' }).click();
  await list(w.page).locator('[part=row]').first().waitFor();
  return w;
}

async function clientsNamed(lastName: string) {
  const { db, t } = database;
  const rows = await db.select({ id: t.clients.id, displayName: t.clients.displayName }).from(t.clients);
  return rows.filter((r) => r.displayName.includes(lastName));
}

describe('wb-client: an advisor and a manager work a day in the intranet', { timeout: 120_000 }, () => {
  let advisor: WatchedPage;

  it('the advisor adds a person client: duplicate warning, Polish messages, one save on a double click', async () => {
    advisor = await signIn('anna.nowak@kredyt-dom.pl');
    const p = advisor.page;
    await list(p).getByRole('button', { name: '+ Nowy klient' }).click();
    const f = form(p);
    await f.getByLabel('PESEL').waitFor();
    expect(await axeProblems(p)).toEqual([]);

    // A PESEL another branch's client has: the branch is named, the person is not.
    await f.getByLabel('PESEL').fill(TAKEN_PESEL);
    const dup = f.locator('[part=duplicate]');
    await eventually(() => dup.textContent()).toContain('Ta osoba jest już klientem oddziału Kraków Kazimierz');
    expect(await dup.textContent()).not.toContain('Tajemnicza');
    expect(await dup.getByRole('button').count()).toBe(0); // not in her scope: nothing to open
    await shot(p, '1-duplicate-warning');
    expect(await axeProblems(p)).toEqual([]);

    // A wrong check digit: the server's reason, in Polish, under the field.
    await f.getByLabel('PESEL').fill('44051401358');
    await eventually(() => f.locator('#cf-pesel-error').textContent()).toBe(
      'Cyfra kontrolna PESEL się nie zgadza; sprawdź, czy nie ma literówki',
    );
    expect(await dup.count()).toBe(0);

    await f.getByLabel('PESEL').fill(NEW_PESEL);
    await eventually(() => dup.textContent()).toBe('Nie ma jeszcze klienta z tym numerem.');
    await f.getByLabel('Imię').fill('Joanna');
    await f.getByLabel('Nazwisko').fill('Kamińska');
    await f.getByLabel('Telefon').fill('601 200 30');
    await f.getByLabel('Zgoda na przypomnienia SMS o spotkaniach').check();
    await f.getByRole('button', { name: 'Zapisz klienta' }).click();
    await eventually(() => f.locator('#cf-phone-error').textContent()).toMatch(/^Polski numer telefonu ma 9 cyfr/);
    expect(await f.getByLabel('Telefon').getAttribute('aria-invalid')).toBe('true');
    await shot(p, '2-form-messages');
    expect(await axeProblems(p)).toEqual([]);

    await f.getByLabel('Telefon').fill('601 200 300');
    await f.getByLabel('Źródło', { exact: true }).selectOption({ label: 'Polecenie innego klienta' });
    await f.getByRole('button', { name: 'Zapisz klienta' }).dblclick();
    // After saving, the new client's card opens in the detail pane.
    const card = p.locator('crm-client-card');
    await eventually(() => card.locator('h2').textContent()).toBe('Joanna Kamińska');
    expect(await f.isHidden()).toBe(true);
    expect(await clientsNamed('Kamińska')).toHaveLength(1);
    await eventually(() => list(p).locator('[part=row]', { hasText: 'Joanna Kamińska' }).count()).toBe(1);
    expect(complaints(advisor)).toEqual([]);
  });

  it('logs a contact whose next step becomes a task on the card and in the calendar', async () => {
    const p = advisor.page;
    const tl = timeline(p);
    await tl.getByRole('button', { name: 'Dodaj kontakt' }).click();
    await tl.getByLabel('Rodzaj').selectOption({ label: 'Telefon' });
    await tl.getByLabel('Wynik').selectOption({ label: 'Zainteresowany' });
    await tl.getByLabel('Notatka').fill('Chce porównania trzech banków');
    await tl.getByLabel('Następny krok (data)').fill(day);
    await tl.getByLabel('Godzina').fill('10:30');
    await tl.getByLabel('Następny krok', { exact: true }).fill(STEP);
    await tl.getByRole('button', { name: 'Zapisz kontakt' }).dblclick();
    await eventually(() => tl.locator('[part=message]').textContent()).toContain(
      'Kontakt zapisany; następny krok jest w kalendarzu jako zadanie',
    );
    const task = tl.locator('[part=task]', { hasText: STEP });
    await eventually(() => task.count()).toBe(1);
    expect(await task.textContent()).toContain('10:30');
    expect(await task.textContent()).toContain('Anna Nowak');
    const { db, t } = database;
    const [joanna] = await clientsNamed('Kamińska');
    const tasks = await db.select().from(t.calendarItems).where(eq(t.calendarItems.clientId, joanna!.id));
    expect(tasks.map((x) => [x.kind, x.title, x.localStart, x.assigneeId])).toEqual([
      ['task', STEP, `${day}T10:30`, firm.users.anna.id],
    ]);
    const contacts = await db.select().from(t.activities).where(eq(t.activities.clientId, joanna!.id));
    expect(contacts).toHaveLength(1); // the double click recorded one contact
    await shot(p, '3-contact-task-on-card');
    expect(await axeProblems(p)).toEqual([]);

    await p.getByRole('tab', { name: 'Kalendarz' }).click();
    await calendar(p).locator('[part=grid]').waitFor();
    // Next week when the grid, drawn from the browser's own today, lacks the day (asked of the page, not of `today`
    // above, which this file read when it was loaded, possibly before a midnight the browser has passed).
    const cell = calendar(p).locator(`[part=day][aria-label="${day}"]`);
    if (!(await cell.count())) await calendar(p).getByRole('button', { name: 'Dalej' }).click();
    await cell.waitFor();
    const item = calendar(p).locator(`[part=day][aria-label="${day}"] [part=item]`, { hasText: STEP });
    await eventually(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-kind')).toBe('task');
    expect(complaints(advisor)).toEqual([]);
  });

  it('books a meeting picking the client by name; a client given away meanwhile is named', async () => {
    const p = advisor.page;
    const cal = calendar(p);
    await cal.getByRole('button', { name: 'Nowy wpis' }).click();
    const f = cal.locator('[part=form]');
    await f.getByLabel('Rodzaj').selectOption('meeting');
    await f.getByLabel('Tytuł').fill('Oferta kredytu hipotecznego');
    await f.getByLabel('Początek').fill(`${day}T12:00`);
    await f.getByLabel('Koniec').fill(`${day}T13:00`);
    const box = f.getByRole('combobox', { name: 'Klient' });
    // Marta first; then her manager gives her to a colleague before the meeting is saved.
    await box.fill('Wiśn');
    const options = f.locator('crm-client-picker').getByRole('option');
    await eventually(() => options.count()).toBe(1);
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Marta Wiśniewska');
    const manager = await firm.crm.asUser(firm.users.manager.id);
    await assignClients(manager, { ids: [martaId], ownerId: firm.users.senior.id });
    await f.getByRole('button', { name: 'Zapisz' }).click();
    await eventually(() => cal.locator('[role=alert]').textContent()).toBe(
      'Wybranego klienta nie ma już w Twoim zakresie (usunięty lub przekazany innemu doradcy). Wybierz go ponownie.',
    );
    expect(await f.locator('crm-client-picker [part=message]').textContent()).toContain('Wybierz klienta ponownie');
    await shot(p, '4-picker-client-gone');

    await box.fill('Kami');
    await eventually(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('Joanna Kamińska');
    await shot(p, '5-picker-open');
    expect(await axeProblems(p)).toEqual([]);
    await box.press('ArrowDown');
    await box.press('Enter');
    await f.getByRole('button', { name: 'Zapisz' }).click();
    const meeting = cal.locator('[part=item]', { hasText: 'Oferta kredytu hipotecznego' });
    await eventually(() => meeting.count()).toBe(1);
    const { db, t } = database;
    const [joanna] = await clientsNamed('Kamińska');
    const made = await db
      .select({ clientId: t.calendarItems.clientId })
      .from(t.calendarItems)
      .where(eq(t.calendarItems.title, 'Oferta kredytu hipotecznego'));
    expect(made).toEqual([{ clientId: joanna!.id }]);
    await shot(p, '6-meeting-booked');
    expect(await axeProblems(p)).toEqual([]);
    expect(complaints(advisor)).toEqual([]);
    await p.close();
  });

  it('on a 390×844 phone: the list is cards and the new-client form fits', async () => {
    const phone = await signIn('anna.nowak@kredyt-dom.pl', { width: 390, height: 844 });
    const p = phone.page;
    // The list and the form stay within the phone's width (nothing scrolls sideways inside them).
    const fits = () =>
      p.evaluate(() =>
        [
          ['crm-client-list', '.scroll'],
          ['crm-client-form', '[part~=base]'],
        ].every(([tag, part]) => {
          const el = document.querySelector<HTMLElement>(tag!);
          if (!el || el.hidden) return true;
          const inner = el.shadowRoot!.querySelector<HTMLElement>(part!)!;
          return el.getBoundingClientRect().right <= window.innerWidth && inner.scrollWidth <= inner.clientWidth;
        }),
      );
    expect(await fits()).toBe(true);
    await shot(p, '7-phone-list');
    expect(await axeProblems(p)).toEqual([]);
    await list(p).getByRole('button', { name: '+ Nowy klient' }).click();
    const f = form(p);
    await f.getByLabel('Firma', { exact: true }).check();
    await f.getByLabel('Nazwa firmy').fill('Piekarnia Kłos');
    await f.getByLabel('NIP').fill('526-025-02-73');
    await f.getByRole('button', { name: 'Zapisz klienta' }).click();
    await eventually(() => f.locator('#cf-nip-error').textContent()).toBe(
      'Cyfra kontrolna NIP się nie zgadza; sprawdź, czy nie ma literówki',
    );
    expect(await fits()).toBe(true);
    await shot(p, '8-phone-form');
    expect(await axeProblems(p)).toEqual([]);
    await f.getByLabel('NIP').fill('526-025-02-74');
    await f.getByRole('button', { name: 'Zapisz klienta' }).click();
    await eventually(() => p.locator('crm-client-card h2').textContent()).toBe('Piekarnia Kłos');
    expect(complaints(phone)).toEqual([]);
    await p.close();
  });

  it('a branch manager selects three clients and gives them to another advisor', async () => {
    const manager = await signIn('kierownik.gdansk@kredyt-dom.pl');
    const p = manager.page;
    const l = list(p);
    // 1366 px beside the card: no client name is cut, and the table needs no sideways scroll.
    const cut = await l.evaluate((el) => {
      const root = el.shadowRoot!;
      const region = root.querySelector<HTMLElement>('.scroll')!;
      const names = [...root.querySelectorAll<HTMLElement>('td.name')];
      return {
        overflow: region.scrollWidth - region.clientWidth,
        cutNames: names.filter((n) => n.scrollWidth > n.clientWidth).length,
      };
    });
    expect(cut).toEqual({ overflow: 0, cutNames: 0 });
    const rows = l.locator('[part=row]');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).getByRole('checkbox').check();
      ids.push((await rows.nth(i).getAttribute('data-id'))!);
    }
    const bulk = l.locator('[part=bulk]');
    expect(await bulk.textContent()).toContain('Zaznaczono: 3');
    await bulk.getByLabel('Przekaż doradcy…').selectOption({ label: 'Tomasz Zieliński' });
    const { db, t } = database;
    const handOvers = async () =>
      (await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'client.assign'))).length;
    const before = await handOvers();
    await shot(p, '9-manager-selected');
    expect(await axeProblems(p)).toEqual([]);
    await bulk.getByRole('button', { name: 'Przekaż (3)' }).dblclick();
    await eventually(() => l.locator('[part=bulk-message]').textContent()).toBe(
      'Przekazano doradcy Tomasz Zieliński: 3',
    );
    const owners = await db.select({ ownerId: t.clients.ownerId }).from(t.clients).where(inArray(t.clients.id, ids));
    expect(owners.map((o) => o.ownerId)).toEqual([firm.users.senior.id, firm.users.senior.id, firm.users.senior.id]);
    // One hand-over per client: the double click sent one request.
    expect((await handOvers()) - before).toBe(3);
    // The list follows: the checkboxes are cleared and the owner column names the new advisor.
    expect(await l.locator('[part=row] input:checked').count()).toBe(0);
    await eventually(() => rows.first().textContent()).toContain('Tomasz Zieliński');
    await shot(p, '10-manager-reassigned');
    expect(await axeProblems(p)).toEqual([]);
    expect(complaints(manager)).toEqual([]);
  });
});
