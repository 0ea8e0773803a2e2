/**
 * Issue 17 item 3 "Partners" in real Chromium over a real server: the administrator opens
 * Administracja, is told in Polish that a NIP is wrong, adds a partner firm (a double click saves
 * one), adds a representative, gives her a partner-portal login (the invitation's one-time link is
 * read from the outbox), and subscribes the firm to a monthly report; the representative opens the
 * link, sets a password on the partner portal page, signs in and sees the portal with her firm. The
 * screen on a 390 px phone. axe-core finds nothing serious, no console error. Screenshots:
 * node_modules/.cache/crm-widgets/admin-partners-*.png.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openRecipient } from '../../core/notifications/index.ts';
import type { freshDatabase } from '../engines.ts';
import type { SmallFirm } from '../fixtures/small-firm.ts';
import { WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import type { WatchedPage } from './chromium.ts';
import { startIntranetWalk, type IntranetWalk } from './intranet-walk.ts';

let walk: IntranetWalk;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

beforeAll(async () => {
  walk = await startIntranetWalk('admin-partners'); // its links (the invitation) open this server's pages
  ({ origin, firm, database } = walk);
}, WIDGET_BUILD_WAIT_MS);

afterAll(() => walk?.close());

const signIn = (email: string, viewport?: { width: number; height: number }) => walk.signIn(email, { viewport });
const check = (w: WatchedPage, name: string) => walk.check(w, name);

it('an admin adds a partner firm, a representative with a portal login and a subscription; she signs in', async () => {
  const w = await signIn('admin@kredyt-dom.pl');
  const p = w.page;
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const partners = p.locator('crm-partners');
  await partners.getByRole('button', { name: 'Nowa firma partnerska' }).click();
  await partners.getByLabel('Nazwa firmy').fill('Przystań Nieruchomości');
  await partners.getByLabel('NIP').fill('526-025-02-75');
  await partners.getByLabel('Rodzaj partnera').selectOption({ label: 'Biuro nieruchomości' });
  await partners.getByLabel('E-maile kontaktowe (przecinek lub nowy wiersz)').fill('biuro@przystan.example');
  await partners.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await eventually(() => partners.locator('[part=base]').textContent()).toContain(
    'NIP musi mieć 10 cyfr z poprawną cyfrą kontrolną.',
  );
  await check(w, '1-bad-nip');
  await partners.getByLabel('NIP').fill('526-025-02-74');
  await partners.getByRole('button', { name: 'Zapisz', exact: true }).dblclick(); // one firm
  await eventually(() => partners.locator('[part=message]').textContent()).toContain(
    'Zapisano partnera „Przystań Nieruchomości”.',
  );
  const rows = await database.db
    .select()
    .from(database.t.partners)
    .where(eq(database.t.partners.name, 'Przystań Nieruchomości'));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.nip).toBe('5260250274');

  await partners.getByRole('button', { name: 'Przedstawiciele i raporty: Przystań Nieruchomości' }).click();
  await partners.getByRole('button', { name: 'Dodaj przedstawiciela' }).click();
  await partners.getByLabel('Imię i nazwisko').fill('Jolanta Przystań');
  await partners.getByLabel('E-mail', { exact: true }).fill('jola@przystan.example');
  await partners.getByRole('button', { name: 'Zapisz', exact: true }).click();
  await eventually(() => partners.locator('[part=message]').textContent()).toContain(
    'Zapisano przedstawiciela „Jolanta Przystań”.',
  );
  await partners.getByRole('button', { name: 'Daj dostęp do portalu: Jolanta Przystań' }).dblclick();
  await eventually(() => partners.locator('[part=message]').textContent()).toContain(
    'Zaproszenie do portalu partnera wysłane do: jola@przystan.example.',
  );
  await partners.getByRole('button', { name: 'Zapisz subskrypcję' }).click();
  await eventually(() => partners.locator('[part=message]').textContent()).toContain('Subskrypcja zapisana.');
  expect(await partners.locator('li[data-frequency=monthly]').textContent()).toContain('biuro@przystan.example');
  await check(w, '2-partner-done');

  const [user] = await database.db
    .select()
    .from(database.t.users)
    .where(eq(database.t.users.email, 'jola@przystan.example'));
  expect(user!.partnerId).toBe(rows[0]!.id);
  const mails = await database.db
    .select()
    .from(database.t.outbox)
    .where(and(eq(database.t.outbox.purpose, 'user-invitation'), eq(database.t.outbox.subject, `user:${user!.id}`)));
  expect(mails).toHaveLength(1);
  const mail = openRecipient(firm.crm.system(), mails[0]!).payload;
  if (mail.kind !== 'email') throw new Error('an invitation is an e-mail');
  const link = /https?:\/\/\S+#reset=[\w-]+/.exec(mail.text)![0];
  expect(link.startsWith(`${origin}/examples/partner-portal/#reset=`)).toBe(true);
  const audit = await database.db
    .select()
    .from(database.t.auditLog)
    .where(eq(database.t.auditLog.entityId, rows[0]!.id));
  expect(audit.map((r) => r.action)).toEqual([
    'partner.create',
    'partner.person.add',
    'partner.login.create',
    'partner.report.subscribe',
  ]);
  await p.locator('#sign-out').click();
  await p.locator('#email:visible').waitFor();

  await p.goto(link);
  const reset = p.locator('crm-password-reset');
  await reset.getByLabel('Nowe hasło', { exact: true }).fill('haslo-joli-2026');
  await reset.getByLabel('Powtórz nowe hasło').fill('haslo-joli-2026');
  await reset.getByRole('button', { name: 'Ustaw hasło' }).click();
  await eventually(() => reset.locator('[part=message]').textContent()).toContain('Zaloguj się nowym hasłem');
  await reset.getByRole('button', { name: 'Przejdź do logowania' }).click();
  await p.getByLabel('E-mail').fill('jola@przystan.example');
  await p.getByLabel('Hasło').fill('haslo-joli-2026');
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  await eventually(() => p.locator('#partner-name').textContent()).toBe('Przystań Nieruchomości');
  expect(await p.locator('#user-name').textContent()).toBe('Jolanta Przystań');
  await check(w, '3-portal');
  await p.getByRole('button', { name: 'Wyloguj' }).click(); // the next walk starts on the intranet, signed out
  await p.getByRole('button', { name: 'Zaloguj' }).waitFor();
  await p.close();
}, 900_000);

it('on a 390 px phone the partners screen fits', async () => {
  const w = await signIn('admin@kredyt-dom.pl', { width: 390, height: 844 });
  const p = w.page;
  await p.getByRole('tab', { name: 'Administracja' }).click();
  const partners = p.locator('crm-partners');
  await partners.getByRole('button', { name: 'Przedstawiciele i raporty: Przystań Nieruchomości' }).click();
  await partners.locator('li[data-frequency=monthly]').waitFor({ timeout: 30_000 });
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await check(w, '4-phone');
  await p.close();
}, 900_000);
