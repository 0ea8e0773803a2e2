/**
 * The intranet's Administracja tab, in real Chromium over a real server: the administrator finds a
 * dead-lettered SMS with the gateway's error and sends it again, cancels a waiting one after a
 * confirmation, creates a public lead-form key for a campaign site (the embed snippet shown with
 * the key), replaces it (the old key is refused at once by the lead endpoint) and revokes the new
 * one. An advisor has no such tab. axe-core finds nothing serious at any step; no console error.
 * Screenshots: `node_modules/.cache/crm-widgets/admin-*.png`.
 */
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueue } from '../../core/notifications/index.ts';
import { axeProblems } from './axe.ts';
import { WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { phone, shotsDir, startIntranetWalk, type IntranetWalk } from './intranet-walk.ts';

let walk: IntranetWalk;
let origin: string;
const ids = { dead: '', waiting: '' };
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  walk = await startIntranetWalk('admin');
  origin = walk.origin;
  const ctx = walk.firm.crm.system('test');
  const sms = (text: string, dueAt: Date) =>
    enqueue(ctx, { channel: 'sms', purpose: 'meeting-reminder', to: '+48600100200', text, dueAt });
  ids.dead = await sms('Przypominamy o spotkaniu jutro o 10:00', new Date());
  ids.waiting = await sms('Przypominamy o spotkaniu w piątek o 12:00', new Date(Date.now() + 86_400_000));
  const o = ctx.t.outbox;
  await ctx.db
    .update(o)
    .set({ status: 'dead', attempts: 5, lastError: 'smsapi: no valid phone number (error 13)' })
    .where(eq(o.id, ids.dead));
}, WIDGET_BUILD_WAIT_MS);

afterAll(() => walk?.close());

const status = async (id: string) => {
  const { db, t } = walk.database;
  return (await db.select().from(t.outbox).where(eq(t.outbox.id, id)))[0]!.status;
};

const signIn = (email: string) => walk.signIn(email);

/** What a landing page does with a key: ask for the form (a revoked key is refused). */
const formStatus = (key: string) =>
  fetch(`${origin}/api/leads/form?key=${key}`, { headers: { origin: 'https://kampania.kredyt-dom.pl' } }).then(
    (r) => r.status,
  );

it('the administrator retries a dead SMS and cancels a waiting one from the Administracja tab', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const outbox = p.locator('crm-outbox');
  const dead = outbox.locator(`tr[data-id="${ids.dead}"]`);
  await eventually(() => dead.locator('td').allTextContents()).toEqual([
    expect.any(String),
    'SMS',
    '+48600100200',
    'Przypominamy o spotkaniu jutro o 10:00',
    'Porzucone',
    '5',
    'smsapi: no valid phone number (error 13)',
    expect.stringContaining('Wyślij ponownie'),
  ]);
  await walk.shot(p, 'outbox');
  expect(await axeProblems(p)).toEqual([]);

  await dead.getByRole('button', { name: 'Wyślij ponownie' }).dblclick(); // a double click retries once
  await eventually(() => dead.getAttribute('data-status')).toBe('pending');
  expect(await outbox.locator('[part=message]').textContent()).toContain('wróciła do kolejki');
  expect(await status(ids.dead)).toBe('pending');

  const waiting = outbox.locator(`tr[data-id="${ids.waiting}"]`);
  await waiting.getByRole('button', { name: 'Anuluj wysyłkę' }).click();
  expect(await status(ids.waiting)).toBe('pending'); // nothing happens before the confirmation
  await waiting.getByRole('button', { name: 'Tak, anuluj' }).click();
  await eventually(() => waiting.getAttribute('data-status')).toBe('cancelled');
  expect(await status(ids.waiting)).toBe('cancelled');
  expect(await waiting.getByRole('button').count()).toBe(0); // a cancelled message offers nothing more

  await outbox.getByLabel('Pokaż').selectOption('cancelled');
  await eventually(() => outbox.locator('tbody tr').count()).toBe(1);
  expect(await axeProblems(p)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

it('the administrator creates a lead-form key with its snippet, replaces it and revokes it', async () => {
  const { page: p, errors } = await signIn('admin@kredyt-dom.pl');
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const sources = p.locator('crm-lead-sources');
  await sources.getByLabel('Nazwa (np. strona kampanii)').fill('Kampania wiosenna');
  await sources.getByLabel('Typ klienta').selectOption({ label: 'Pozyskany przez firmę' });
  await sources.getByLabel('Źródło').selectOption({ label: 'Formularz na stronie www' });
  await sources.getByLabel(/Adresy stron/).fill('https://kampania.kredyt-dom.pl');
  await sources.getByRole('button', { name: 'Utwórz klucz' }).click();
  await eventually(() => sources.locator('[part=message]').textContent()).toContain('Kampania wiosenna');
  const row = sources.locator('tbody tr', { hasText: 'Kampania wiosenna' });
  const first = (await row.locator('code').textContent())!;
  expect(first).toMatch(/^bpk_/);
  expect(await row.locator('pre').textContent()).toBe(
    `<script type="module" src="${origin}/widgets/crm-lead-form.js"></script>\n` +
      `<crm-lead-form source-key="${first}" base-url="${origin}"></crm-lead-form>`,
  );
  expect(await row.textContent()).toContain('Formularz na stronie www');
  expect(await formStatus(first)).toBe(200);
  await walk.shot(p, 'lead-sources');
  expect(await axeProblems(p)).toEqual([]);

  await row.getByRole('button', { name: 'Wymień klucz' }).click();
  await row.getByRole('button', { name: 'Tak' }).click();
  await eventually(() => sources.locator('[part=message]').textContent()).toContain('wymieniony');
  const second = (await sources.locator('tbody tr', { hasText: 'Kampania wiosenna' }).locator('code').textContent())!;
  expect(second).not.toBe(first);
  expect(await formStatus(first)).toBe(401); // the old key is refused at once
  expect(await formStatus(second)).toBe(200);

  const fresh = sources.locator('tbody tr', { hasText: 'Kampania wiosenna' });
  await fresh.getByRole('button', { name: 'Wycofaj' }).click();
  await fresh.getByRole('button', { name: 'Tak' }).click();
  await eventually(() => sources.locator('[part=message]').textContent()).toContain('wycofany');
  expect(await formStatus(second)).toBe(401);
  expect(await sources.locator('tbody tr', { hasText: 'Kampania wiosenna' }).count()).toBe(0);
  await sources.getByLabel('Pokaż wycofane').check();
  expect(await sources.locator('tbody tr[data-revoked]', { hasText: 'Kampania wiosenna' }).count()).toBe(2);
  expect(await axeProblems(p)).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);

it('on a phone the tab opens with links to each of its screens, and a link jumps to its screen', async () => {
  const w = await walk.signIn('admin@kredyt-dom.pl', { viewport: phone });
  const p = w.page;
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const jump = p.getByRole('navigation', { name: 'Części administracji' });
  expect(await jump.getByRole('link').allTextContents()).toEqual([
    'Osoby',
    'Sieć oddziałów',
    'Wysyłka wiadomości',
    'Formularze leadów',
    'Klucze API',
    'Partnerzy',
    'Konflikty poleceń',
    'Konfiguracja firmy',
  ]);
  const outbox = p.locator('crm-outbox');
  const inView = () => outbox.evaluate((el) => el.getBoundingClientRect().top < innerHeight);
  // Several screens further down the page once the screens above it have their lists (they load beside the tab).
  await eventually(inView).toBe(false);
  await jump.getByRole('link', { name: 'Wysyłka wiadomości' }).click();
  await eventually(inView).toBe(true);
  // Each message is a card of labelled lines that fits the phone (eight columns squeezed the text to letters).
  const fits = await outbox.evaluate((el) => {
    const scroll = el.shadowRoot!.querySelector('.scroll')!;
    return scroll.scrollWidth <= scroll.clientWidth + 1;
  });
  expect(fits).toBe(true);
  const dead = outbox.locator(`tr[data-id="${ids.dead}"]`);
  expect(await dead.locator('td.why').evaluate((td) => getComputedStyle(td, '::before').content)).toBe(
    '"Błąd lub powód: "',
  );
  await walk.check(w, 'jump-phone');
  await dead.screenshot({ path: join(shotsDir, 'admin-outbox-phone-row.png') });
}, 120_000);

it('an advisor has no Administracja tab', async () => {
  const { page: p, errors } = await signIn('anna.nowak@kredyt-dom.pl');
  expect(await p.getByRole('tab', { name: 'Administracja' }).count()).toBe(0);
  expect(errors).toEqual([]);
}, 60_000);
