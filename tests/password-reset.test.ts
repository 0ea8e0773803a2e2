/**
 * Issue 13 item 10, the password reset over HTTP on both engines: the same answer whether or not an
 * address has an account; a one-time link through the outbox (sealed in the row, the token stored
 * only as a digest), valid 30 minutes, once, and not after the password changed by another route;
 * the new password follows the firm's rules; every session of the user ends; limits per e-mail and
 * per network address; a cross-site page is refused.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openRecipient } from '../core/notifications/index.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const INTRANET = 'https://crm.kredyt-dom.example/';
const PORTAL = 'https://partnerzy.kredyt-dom.example/';

describeEngines('password reset by e-mailed link', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: ReturnType<typeof createHttpApi>;
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const ask = (email: string, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request('/api/auth/password-reset', json({ email }, headers)));
  const confirm = (token: string, password: string) =>
    Promise.resolve(app.request('/api/auth/password-reset/confirm', json({ token, password })));
  const login = async (email: string, password: string) => {
    const res = await app.request('/api/auth/login', json({ email, password }));
    return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
  };
  const me = (cookie: string) => Promise.resolve(app.request('/api/me', { headers: { cookie } })).then((r) => r.status);
  /** The link of the newest reset e-mail to a user, read as the worker would (opened). */
  const lastLink = async (userId: string) => {
    const { db, t } = database();
    const rows = await db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.purpose, 'password-reset'), eq(t.outbox.subject, `user:${userId}`)));
    const row = rows.sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1)!;
    expect(JSON.stringify(row.payload)).not.toContain('#reset='); // the link is sealed in the row
    const payload = openRecipient(crm.system(), row).payload;
    if (payload.kind !== 'email') throw new Error('a reset is an e-mail');
    return { row, text: payload.text, token: /#reset=([\w-]+)/.exec(payload.text)![1]! };
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    crm = await createCrm({
      config: { ...base, firm: { ...base.firm, intranetUrl: INTRANET, partnerPortalUrl: PORTAL } },
      database: database(),
      clock: f.clock,
    });
    app = createHttpApi(crm, { log: () => {} });
  });

  it('answers the same for an account and for none, and e-mails a one-time link only to the account', async () => {
    const known = await ask('Anna.Nowak@kredyt-dom.pl');
    const unknown = await ask('nikt@kredyt-dom.pl');
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await readJson(known)).toEqual(await readJson(unknown));
    expect(known.headers.get('x-content-type-options')).toBe('nosniff');
    const { row, text, token } = await lastLink(f.users.anna.id);
    expect(row.recipient).toBe('anna.nowak@kredyt-dom.pl');
    expect(text).toContain(`${INTRANET}#reset=${token}`);
    expect(text).toContain('30 minut');
    const { db, t } = database();
    const stored = await db.select().from(t.passwordResets);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token); // only its digest
    const all = await db
      .select({ to: t.outbox.recipient })
      .from(t.outbox)
      .where(eq(t.outbox.purpose, 'password-reset'));
    expect(all).toEqual([{ to: 'anna.nowak@kredyt-dom.pl' }]);
  });

  it("sets a new password by the firm's rules, ends every session, and works once", async () => {
    const before = await login('anna.nowak@kredyt-dom.pl', PASSWORD);
    expect(await me(before.cookie)).toBe(200);
    const { token } = await lastLink(f.users.anna.id);
    const short = await confirm(token, 'krótkie');
    expect(short.status).toBe(422);
    expect(JSON.stringify(await readJson(short))).toContain('/password');
    expect((await confirm(token, 'nowe-haslo-anny-2026')).status).toBe(204);
    expect(await me(before.cookie)).toBe(401);
    expect((await login('anna.nowak@kredyt-dom.pl', PASSWORD)).status).toBe(401);
    expect((await login('anna.nowak@kredyt-dom.pl', 'nowe-haslo-anny-2026')).status).toBe(200);
    const again = await confirm(token, 'jeszcze-inne-haslo');
    expect(again.status).toBe(422);
    expect(JSON.stringify(await readJson(again))).toContain('/token');
  });

  it('links a partner login to the partner portal, and a link is dead after 30 minutes', async () => {
    await ask('biuro@nieruchomosci-bursztyn.pl');
    const { text, token } = await lastLink(f.users.partner.id);
    expect(text).toContain(`${PORTAL}#reset=${token}`);
    f.clock.advance(31 * 60_000);
    expect((await confirm(token, 'haslo-po-czasie-2026')).status).toBe(422);
    expect((await login('biuro@nieruchomosci-bursztyn.pl', PASSWORD)).status).toBe(200);
  });

  it('voids a link when the password was changed another way meanwhile', async () => {
    await ask('piotr.kowalski@kredyt-dom.pl');
    const { token } = await lastLink(f.users.piotr.id);
    const admin = await login('admin@kredyt-dom.pl', PASSWORD);
    const csrf = await readJson(await app.request('/api/me', { headers: { cookie: admin.cookie } }));
    const set = await app.request(`http://localhost/api/users/${f.users.piotr.id}/password`, {
      method: 'PUT',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': csrf.csrfToken,
        origin: 'http://localhost',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: 'ustawione-przez-admina' }),
    });
    expect(set.status).toBe(204);
    expect((await confirm(token, 'haslo-z-linku-2026')).status).toBe(422);
    expect((await login('piotr.kowalski@kredyt-dom.pl', 'ustawione-przez-admina')).status).toBe(200);
  });

  it('limits requests per e-mail and per network address', async () => {
    f.clock.advance(60 * 60_000); // a fresh hour: earlier requests do not count
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask('ewa.dabrowska@kredyt-dom.pl')).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await ask('ewa.dabrowska@kredyt-dom.pl');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Seven from this address so far; thirteen more are taken, the twenty-first is not.
    for (let i = 0; i < 13; i++) expect((await ask(`adres${i}@example.pl`)).status).toBe(202);
    expect((await ask('adres-ostatni@example.pl')).status).toBe(429);
  });
});
