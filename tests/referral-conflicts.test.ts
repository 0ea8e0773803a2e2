/**
 * Issue 17 item 3 over HTTP on both engines: two partners refer the same person within the
 * protection window; the branch manager lists the conflict with the two referrals side by side
 * (partner, representative, dates, protection end, source, who registered it, the advisor) and no
 * contact data; decides that the second wins (the client's partner and referrer change, audited);
 * a second decision is a 409, an unknown winner a 422 naming /winner, the older `{ note }` body still
 * closes a conflict keeping the first partner; another branch's manager sees nothing, an advisor
 * is refused.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../core/auth/api-keys.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { createUser } from '../core/org/users.ts';
import { createPartner, type Partner } from '../core/partners/partners.ts';
import { addPartnerPerson, type PartnerPerson } from '../core/partners/people.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const DAY = 86_400_000;

describeEngines('referral conflicts', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: ReturnType<typeof createHttpApi>;
  let agency: Partner;
  let developer: Partner;
  let jola: PartnerPerson;
  let marek: PartnerPerson;
  let apiKey = '';
  let n = 0;

  const signIn = async (email: string) => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  };
  const get = (s: { cookie: string }, path: string) => app.request(path, { headers: { cookie: s.cookie } });
  const post = (s: { cookie: string; csrf: string }, path: string, body: unknown) =>
    Promise.resolve(
      app.request(`http://localhost${path}`, {
        method: 'POST',
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          origin: 'http://localhost',
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }),
    );
  /** Two partners refer one person ten days apart: returns the conflict's client id. */
  const twoReferrals = async (lastName: string) => {
    const phone = `6013${String(10000 + ++n).slice(-5)}`;
    const lead = (partner: Record<string, string>, source: string) =>
      app.request('/api/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          clientType: 'partner-referred',
          source,
          data: { firstName: 'Ewa', lastName, phone, city: 'Gdańsk' },
          consents: [{ purpose: 'contact', version: '2026-01' }],
          partner,
        }),
      });
    const first = await lead({ id: agency.id, personId: jola.id, reference: `BN/${n}` }, 'real-estate-agency');
    expect(first.status).toBe(201);
    f.clock.advance(10 * DAY);
    const second = await lead({ id: developer.id, personId: marek.id }, 'developer');
    expect(second.status).toBe(201);
    const [l] = await database()
      .db.select()
      .from(database().t.leads)
      .where(eq(database().t.leads.id, ((await second.json()) as { id: string }).id));
    return { clientId: l!.clientId, phone };
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    crm = await createCrm({
      config: {
        ...base,
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
    developer = await createPartner(admin, { name: 'Osiedle Zielone Deweloper', type: 'developer' });
    jola = await addPartnerPerson(admin, agency.id, { name: 'Jolanta Agentka', email: 'jola@bursztyn.example' });
    marek = await addPartnerPerson(admin, developer.id, { name: 'Marek Budowniczy' });
    apiKey = (await createApiKey(admin, { name: 'Portal partnerów', permissions: ['leads:write'] })).key;
    await createUser(crm.system('test'), {
      email: 'kierownik.krakow@kredyt-dom.pl',
      name: 'Krystyna Krakowska',
      roles: ['branch-manager'],
      unitId: f.units.krakow.id,
      password: PASSWORD,
    });
  });

  it('shows a branch manager both referrals side by side, within scope and without contact data', async () => {
    const { clientId, phone } = await twoReferrals('Polecona');
    const manager = await signIn('kierownik.gdansk@kredyt-dom.pl');
    const res = await get(manager, '/api/referral-conflicts');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(phone.slice(-6));
    expect(text).not.toContain('jola@bursztyn.example');
    const [c, ...rest] = JSON.parse(text).items;
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      clientId,
      status: 'open',
      client: { id: clientId, name: 'Ewa Polecona' },
      owner: { id: f.users.anna.id, name: 'Anna Nowak' },
      keptPartnerId: agency.id,
      claimingPartnerId: developer.id,
      decision: null,
    });
    const [first, second] = c.referrals;
    expect(first).toMatchObject({
      partner: { id: agency.id, name: 'Bursztyn Nieruchomości' },
      representative: { id: jola.id, name: 'Jolanta Agentka' },
      source: 'real-estate-agency',
      registeredBy: { kind: 'api-key', id: f.users.admin.id, name: 'Administrator Systemu' },
    });
    expect(second).toMatchObject({
      partner: { id: developer.id, name: 'Osiedle Zielone Deweloper' },
      representative: { id: marek.id, name: 'Marek Budowniczy' },
      source: 'developer',
    });
    expect(Date.parse(second.referredAt) - Date.parse(first.referredAt)).toBe(10 * DAY);
    expect(Date.parse(first.protectionEndsAt) - Date.parse(first.referredAt)).toBe(90 * DAY);

    const other = await signIn('kierownik.krakow@kredyt-dom.pl');
    expect((await readJson(await get(other, '/api/referral-conflicts'))).items).toEqual([]);
    const advisor = await signIn('ewa.dabrowska@kredyt-dom.pl');
    expect((await get(advisor, '/api/referral-conflicts')).status).toBe(403);
    expect((await post(other, `/api/referral-conflicts/${c.id}/resolve`, { winner: 'first', note: 'x' })).status).toBe(
      404,
    );
  });

  it('records the decision: the second wins, the client is credited to it, audited; then 409', async () => {
    const manager = await signIn('kierownik.gdansk@kredyt-dom.pl');
    const [c] = (await readJson(await get(manager, '/api/referral-conflicts'))).items;
    const bad = await post(manager, `/api/referral-conflicts/${c.id}/resolve`, { winner: 'third', note: 'x' });
    expect(bad.status).toBe(422);
    expect((await readJson(bad)).error.details.problems[0].path).toBe('/winner');

    const note = 'Umowa pośrednictwa z deweloperem była wcześniejsza';
    // A double click: two decisions at once, one is taken.
    const [a, b] = await Promise.all([
      post(manager, `/api/referral-conflicts/${c.id}/resolve`, { winner: 'second', note }),
      post(manager, `/api/referral-conflicts/${c.id}/resolve`, { winner: c.referrals[1].leadId, note }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const done = await readJson(a.status === 200 ? a : b);
    expect(done).toMatchObject({
      status: 'resolved',
      note,
      decision: {
        winner: 'second',
        partner: { id: developer.id, name: 'Osiedle Zielone Deweloper' },
        by: { id: f.users.manager.id, name: 'Katarzyna Lewandowska' },
      },
    });
    const { db, t } = database();
    const [client] = await db.select().from(t.clients).where(eq(t.clients.id, c.clientId));
    expect([client!.partnerId, client!.referrerId]).toEqual([developer.id, marek.id]);
    const audit = await db.select().from(t.auditLog).where(eq(t.auditLog.entityId, c.id));
    expect(audit.map((r) => r.action)).toEqual(['referral-conflict.resolve']);
    const changed = await db.select().from(t.auditLog).where(eq(t.auditLog.entityId, c.clientId));
    expect(changed.map((r) => r.action)).toContain('client.partner.change');

    expect((await readJson(await get(manager, '/api/referral-conflicts'))).items).toEqual([]);
    const all = (await readJson(await get(manager, '/api/referral-conflicts?includeResolved=true'))).items;
    expect(all.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[c.id, 'resolved']]);
  });

  it('keeps the older body: a note alone closes the conflict with the first partner kept', async () => {
    const { clientId } = await twoReferrals('Druga');
    const manager = await signIn('kierownik.gdansk@kredyt-dom.pl');
    const [c] = (await readJson(await get(manager, '/api/referral-conflicts'))).items;
    expect(c.clientId).toBe(clientId);
    const res = await post(manager, `/api/referral-conflicts/${c.id}/resolve`, { note: 'Uzgodnione z partnerami' });
    expect(res.status).toBe(200);
    expect((await readJson(res)).decision).toMatchObject({ winner: 'first', partner: { id: agency.id } });
    const { db, t } = database();
    const [client] = await db.select().from(t.clients).where(eq(t.clients.id, clientId));
    expect([client!.partnerId, client!.referrerId]).toEqual([agency.id, jola.id]);
  });
});
