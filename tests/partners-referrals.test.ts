/**
 * Issue 13 item 9 over HTTP on both engines: a partner login submits a referral from its portal
 * (partner and representative from the login, never from the body) with its own reference, finds
 * it by that reference beside the CRM's code, and cannot reuse the reference (409 naming it); a
 * double click (one Idempotency-Key) makes one lead; a bad phone is a 422 naming the field; nothing
 * personal comes back. The assigned advisor's notice (item 7) carries the name, phone, source and a
 * link to the card, sealed in the outbox row.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openRecipient } from '../core/notifications/index.ts';
import { createPartner, type Partner } from '../core/partners/partners.ts';
import { addPartnerPerson, createPartnerLogin } from '../core/partners/people.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const INTRANET = 'https://crm.kredyt-dom.example/';

describeEngines('partner portal referrals', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: ReturnType<typeof createHttpApi>;
  let agency: Partner;
  let jolaId = '';
  let session = { cookie: '', csrf: '' };

  const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(`http://localhost${path}`, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          origin: 'http://localhost',
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    );
  let nextPhone = 0;
  /** Each referral a different person (one phone, one person: dedupe would make it a repeated enquiry). */
  const referral = (reference: string, lastName: string, phone = `601 234 ${String(567 + nextPhone++)}`) => ({
    reference,
    data: { firstName: 'Zofia', lastName, phone, city: 'Gdańsk' },
    consents: [{ purpose: 'contact', version: '2026-01' }],
  });
  const leadsOf = (reference: string) =>
    database().db.select().from(database().t.leads).where(eq(database().t.leads.partnerReference, reference));

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    crm = await createCrm({
      config: {
        ...base,
        firm: { ...base.firm, intranetUrl: INTRANET },
        leads: {
          ...base.leads,
          assignment: { roles: ['advisor'], rules: [{ id: 'all', user: 'anna.nowak@kredyt-dom.pl' }] },
        },
      },
      database: database(),
      clock: f.clock,
    });
    app = createHttpApi(crm, { log: () => {} });
    const admin = await crm.asUser(f.users.admin.id);
    agency = await createPartner(admin, { name: 'Bursztyn Nieruchomości', type: 'real-estate-agency' });
    const jola = await addPartnerPerson(admin, agency.id, { name: 'Jolanta Agentka', email: 'jola@bursztyn.example' });
    jolaId = jola.id;
    const login = await createPartnerLogin(admin, agency.id, jola.id, { password: PASSWORD });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: login.email, password: PASSWORD }),
    });
    session = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  });

  it('takes a referral with the partner and representative from the login, found by its own reference', async () => {
    const form = await app.request('/api/partner-portal/referral-form', { headers: { cookie: session.cookie } });
    expect(form.status).toBe(200);
    const shape = await readJson(form);
    expect(shape.fields.map((x: { name: string }) => x.name)).toEqual([
      'firstName',
      'lastName',
      'phone',
      'email',
      'city',
    ]);
    expect(shape.csrfToken).toBe(session.csrf);

    const res = await send('/api/partner-portal/referrals', referral('BN-2026-051', 'Referowska'));
    expect(res.status).toBe(201);
    expect(await readJson(res)).toMatchObject({ reference: 'BN-2026-051', received: true });
    const [lead] = await leadsOf('BN-2026-051');
    expect(lead).toMatchObject({ partnerId: agency.id, partnerPersonId: jolaId, source: 'real-estate-agency' });
    const [client] = await database()
      .db.select()
      .from(database().t.clients)
      .where(eq(database().t.clients.id, lead!.clientId));
    expect(client).toMatchObject({ partnerId: agency.id, referrerId: jolaId, type: 'partner-referred' });

    const list = await app.request('/api/partner-portal/clients', { headers: { cookie: session.cookie } });
    const text = await list.text();
    expect(text).not.toContain('Referowska');
    expect(text).not.toContain('601');
    const mine = (JSON.parse(text) as { items: Array<Record<string, unknown>> }).items.find(
      (i) => i.id === lead!.clientId,
    );
    expect(mine).toMatchObject({ partnerReference: 'BN-2026-051', reference: 'BN-2026-051' });
    expect(mine!.code).toMatch(/^K-[0-9A-F]{8}$/);
  });

  it('never takes the partner from the body', async () => {
    const res = await send('/api/partner-portal/referrals', {
      ...referral('BN-2026-052', 'Obca'),
      partner: { id: f.partnerId },
    });
    expect(res.status).toBe(422);
    expect(await leadsOf('BN-2026-052')).toEqual([]);
  });

  it('refuses a reference the partner used before: 409 naming /reference', async () => {
    const res = await send('/api/partner-portal/referrals', referral('BN-2026-051', 'Druga'));
    expect(res.status).toBe(409);
    const body = await readJson(res);
    expect(body.error.details.problems).toEqual([expect.objectContaining({ path: '/reference' })]);
    expect(await leadsOf('BN-2026-051')).toHaveLength(1);
  });

  it('makes one lead of a double click (one Idempotency-Key) and names a bad phone or reference', async () => {
    const key = { 'idempotency-key': 'double-click-0001' };
    const twice = referral('BN-2026-053', 'Dwuklik');
    const [a, b] = await Promise.all([
      send('/api/partner-portal/referrals', twice, key),
      send('/api/partner-portal/referrals', twice, key),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await leadsOf('BN-2026-053')).toHaveLength(1);
    const phone = await send('/api/partner-portal/referrals', referral('BN-2026-054', 'Telefon', '12 34'));
    expect(phone.status).toBe(422);
    expect(JSON.stringify(await readJson(phone))).toContain('/data/phone');
    const ref = await send('/api/partner-portal/referrals', referral('<b>', 'Znaczniki'));
    expect(ref.status).toBe(422);
    expect(JSON.stringify(await readJson(ref))).toContain('/reference');
  });

  it("is a partner login's only: an advisor gets 403", async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna.nowak@kredyt-dom.pl', password: PASSWORD }),
    });
    const anna = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    const r = await app.request('http://localhost/api/partner-portal/referrals', {
      method: 'POST',
      headers: { ...anna, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(referral('BN-2026-055', 'Doradcza')),
    });
    expect(r.status).toBe(403);
  });

  it("tells the assigned advisor the lead's name, phone, source and card link, sealed at rest", async () => {
    const [lead] = await leadsOf('BN-2026-051');
    const { db, t } = database();
    const rows = await db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.subject, `client:${lead!.clientId}`), eq(t.outbox.purpose, 'lead-assigned')));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ purpose: 'lead-assigned', recipient: 'anna.nowak@kredyt-dom.pl' });
    expect(JSON.stringify(row.payload)).not.toContain('Referowska'); // sealed in the row
    const opened = openRecipient(crm.system(), row).payload;
    expect(opened.kind === 'email' && opened.subject).toBe('Nowy lead BN-2026-051 (Biuro nieruchomości)');
    expect(opened.kind === 'email' && opened.text).toContain('Imię i nazwisko / nazwa: Zofia Referowska');
    expect(opened.kind === 'email' && opened.text).toContain('Telefon: 601 234 567');
    expect(opened.kind === 'email' && opened.text).toContain('Źródło: Biuro nieruchomości');
    expect(opened.kind === 'email' && opened.text).toContain(`Karta klienta: ${INTRANET}#client=${lead!.clientId}`);
  });
});
