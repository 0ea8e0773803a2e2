import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { issueFormToken } from '../core/leads/form-token.ts';
import { createSourceKey, type SourceKey } from '../core/leads/source-keys.ts';
import { createPartner, type Partner } from '../core/partners/partners.ts';
import { addPartnerPerson } from '../core/partners/people.ts';
import { createApiKey } from '../core/auth/api-keys.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;
const ORIGIN = 'https://kredyty.kredyt-dom.example';
const consents = [{ purpose: 'contact', version: '2026-01' }];

describeEngines('lead intake', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: App;
  let key: SourceKey;
  let apiKey: string;
  let agency: Partner;
  let developer: Partner;
  let n = 0;
  const phone = () => `6012${String(10000 + ++n).slice(-5)}`;
  const token = (ageMs = 10_000) => issueFormToken(crm.runtime.secret, key.id, f.clock.now().getTime() - ageMs);
  const pub = (body: unknown, headers: Record<string, string> = {}) =>
    app.request(`/api/leads?key=${key.key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    });
  const viaApi = (body: unknown, headers: Record<string, string> = {}, qs = '') =>
    app.request(`/api/leads${qs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
      body: JSON.stringify(body),
    });
  const count = async () => (await database().db.select({ id: database().t.leads.id }).from(database().t.leads)).length;
  const clientCount = async () =>
    (await database().db.select({ id: database().t.clients.id }).from(database().t.clients)).length;

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    // The fixture's branch codes: send Gdańsk leads round-robin to GDA-1.
    const config = {
      ...base,
      leads: {
        ...base.leads,
        spam: { ...base.leads.spam, perIpPerMinute: 60 },
        assignment: {
          roles: ['advisor', 'senior-advisor'],
          rules: [
            { id: 'pomorze', when: { fields: { city: ['Gdańsk', 'Sopot'] } }, unit: 'GDA-1' },
            { id: 'krakow', when: { fields: { city: ['Kraków'] } }, unit: 'KRK-1' },
          ],
        },
      },
    };
    crm = await createCrm({ config, database: database(), clock: f.clock });
    app = createHttpApi(crm, { log: () => {} });
    const admin = await crm.asUser(f.users.admin.id);
    key = await createSourceKey(admin, {
      name: 'Landing',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [ORIGIN],
    });
    apiKey = (await createApiKey(admin, { name: 'Portal', permissions: ['leads:write'] })).key;
    agency = await createPartner(admin, {
      name: 'Bursztyn Nieruchomości',
      type: 'real-estate-agency',
      contactEmails: ['biuro@bursztyn.example'],
      commissionGroup: 'partner-standard',
    });
    developer = await createPartner(admin, { name: 'Osiedle Zielone Deweloper', type: 'developer' });
  });

  it('takes a landing-page lead: client in the assigned branch, consents kept, advisor told via outbox', async () => {
    const res = await pub({
      data: { firstName: 'Jan', lastName: 'Lead', phone: phone(), city: 'Gdańsk' },
      consents,
      formToken: token(),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = (await res.json()) as { id: string; reference: string };
    const { db, t } = database();
    const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, body.id));
    expect(lead).toMatchObject({ outcome: 'created', source: 'website-form', unitId: f.units.gdansk.id });
    expect([f.users.anna.id, f.users.senior.id]).toContain(lead!.assignedTo);
    const [client] = await db.select().from(t.clients).where(eq(t.clients.id, lead!.clientId));
    expect(client).toMatchObject({ type: 'company-acquired', source: 'website-form', ownerId: lead!.assignedTo });
    expect(await db.select().from(t.leadConsents).where(eq(t.leadConsents.leadId, body.id))).toEqual([
      expect.objectContaining({ purpose: 'contact', version: '2026-01', origin: ORIGIN }),
    ]);
    const [mail] = await db
      .select()
      .from(t.outbox)
      .where(eq(t.outbox.subject, `client:${client!.id}`));
    expect(mail).toMatchObject({ purpose: 'lead-assigned', channel: 'email' });
    expect(JSON.stringify(mail!.payload)).not.toContain('Lead'); // no personal data in the e-mail
  });

  it('takes turns within the unit (round-robin)', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await viaApi({
        source: 'website-form',
        data: { firstName: 'Rr', lastName: `Tura${i}`, phone: phone(), city: 'Sopot' },
        consents,
      });
      const { db, t } = database();
      const [l] = await db
        .select()
        .from(t.leads)
        .where(eq(t.leads.id, ((await r.json()) as { id: string }).id));
      owners.push(l!.assignedTo!);
    }
    expect(new Set(owners).size).toBe(2);
    expect(owners[0]).toBe(owners[2]);
    expect(owners[1]).toBe(owners[3]);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const before = await count();
    const body = {
      data: { firstName: 'Ida', lastName: 'Klik', phone: phone(), city: 'Kraków' },
      consents,
      formToken: token(),
    };
    const a = await pub(body, { 'idempotency-key': 'klik-0001-abcdef' });
    const b = await pub({ ...body, formToken: token(20_000) }, { 'idempotency-key': 'klik-0001-abcdef' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual(await a.json());
    expect(await count()).toBe(before + 1);
    const c = await pub(
      { ...body, data: { ...body.data, lastName: 'Inny' } },
      { 'idempotency-key': 'klik-0001-abcdef' },
    );
    expect(c.status).toBe(422);
    expect(await count()).toBe(before + 1);
  });

  it('makes one lead from two concurrent requests with the same key', async () => {
    const before = await count();
    const body = { source: 'website-form', data: { firstName: 'Dwa', lastName: 'Naraz', phone: phone() }, consents };
    const [a, b] = await Promise.all([
      viaApi(body, { 'idempotency-key': 'rownolegle-1234' }),
      viaApi(body, { 'idempotency-key': 'rownolegle-1234' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await count()).toBe(before + 1);
  });

  it('turns a lead for a known person into an activity on that client, not a duplicate', async () => {
    const p = phone();
    await viaApi({ source: 'website-form', data: { firstName: 'Zofia', lastName: 'Powrót', phone: p }, consents });
    const clients = await clientCount();
    const again = await viaApi({
      source: 'google-ads',
      data: { firstName: 'Zofia', lastName: 'Powrót', phone: `+48 ${p.slice(0, 3)} ${p.slice(3, 6)} ${p.slice(6)}` },
      consents,
    });
    expect(again.status).toBe(201);
    expect(await clientCount()).toBe(clients);
    const { db, t } = database();
    const [l] = await db
      .select()
      .from(t.leads)
      .where(eq(t.leads.id, ((await again.json()) as { id: string }).id));
    expect(l!.outcome).toBe('matched');
    expect((await db.select().from(t.activities).where(eq(t.activities.clientId, l!.clientId))).length).toBe(1);
  });

  it('keeps a referral with the first partner within the protection window and records the conflict', async () => {
    const jola = await addPartnerPerson(await crm.asUser(f.users.admin.id), agency.id, {
      name: 'Jolanta Agentka',
      email: 'jola@bursztyn.example',
    });
    const p = phone();
    const first = await viaApi({
      clientType: 'partner-referred',
      source: 'real-estate-agency',
      data: { firstName: 'Ewa', lastName: 'Polecona', phone: p },
      consents,
      partner: { id: agency.id, personId: jola.id, reference: 'BN/2026/17' },
    });
    expect(first.status).toBe(201);
    f.clock.advance(10 * 86_400_000);
    const second = await viaApi({
      clientType: 'partner-referred',
      source: 'developer',
      data: { firstName: 'Ewa', lastName: 'Polecona', phone: p },
      consents,
      partner: { id: developer.id },
    });
    expect(second.status).toBe(201);
    const { db, t } = database();
    const [l] = await db
      .select()
      .from(t.leads)
      .where(eq(t.leads.id, ((await second.json()) as { id: string }).id));
    const [client] = await db.select().from(t.clients).where(eq(t.clients.id, l!.clientId));
    expect(client!.partnerId).toBe(agency.id);
    const manager = await crm.asUser(f.users.manager.id);
    const admin = await crm.asUser(f.users.admin.id);
    const { key: apiKey } = await createApiKey(admin, { name: 'm', permissions: ['clients:assign'] });
    const res = await app.request('/api/referral-conflicts', { headers: { authorization: `Bearer ${apiKey}` } });
    const conflicts = (
      (await res.json()) as { items: Array<{ clientId: string; keptPartnerId: string; claimingPartnerId: string }> }
    ).items;
    expect(conflicts).toEqual([
      expect.objectContaining({ clientId: client!.id, keptPartnerId: agency.id, claimingPartnerId: developer.id }),
    ]);
    expect(manager.actor.userId).toBe(f.users.manager.id);
  });

  it('stores nothing for a bot (honeypot or too fast) yet answers like success', async () => {
    const before = await count();
    const trap = await pub({
      data: { firstName: 'Bot', lastName: 'Pułapka', phone: phone() },
      consents,
      formToken: token(),
      website: 'http://spam.example',
    });
    const fast = await pub({
      data: { firstName: 'Bot', lastName: 'Szybki', phone: phone() },
      consents,
      formToken: token(500),
    });
    const forged = await pub({
      data: { firstName: 'Bot', lastName: 'Fałszywy', phone: phone() },
      consents,
      formToken: 'x.y.z',
    });
    for (const r of [trap, fast, forged]) {
      expect(r.status).toBe(201);
      expect(await r.json()).toMatchObject({ received: true, reference: expect.any(String) });
    }
    expect(await count()).toBe(before);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const before = await count();
    const clients = await clientCount();
    const cases: Array<[Response, number, string?]> = [
      [
        await pub({
          data: { firstName: 'A', lastName: 'B', phone: phone() },
          consents: [{ purpose: 'contact', version: '1999' }],
          formToken: token(),
        }),
        422,
        '/consents/0/version',
      ],
      [
        await pub({
          data: { firstName: 'A', lastName: 'B', phone: phone() },
          consents: [{ purpose: 'horoscope', version: '1' }],
          formToken: token(),
        }),
        422,
        '/consents/0/purpose',
      ],
      [
        await pub({ data: { firstName: 'A', lastName: 'B', phone: phone() }, consents: [], formToken: token() }),
        422,
        '/consents',
      ],
      [
        await pub({
          data: { firstName: '<script>alert(1)</script>', lastName: 'B', phone: phone() },
          consents,
          formToken: token(),
        }),
        422,
        '/data/firstName',
      ],
      [
        await pub({ data: { firstName: 'A', lastName: 'B', phone: 'nie-telefon' }, consents, formToken: token() }),
        422,
        '/data/phone',
      ],
      [await pub({ data: { firstName: 'A', lastName: 'B', pesel: '44051401358' }, consents, formToken: token() }), 422],
      [await pub({ data: { firstName: 'A', lastName: 7 }, consents, formToken: token() }), 422, '/data/lastName'],
      [
        await pub({ data: { firstName: 'A', lastName: 'B' }, consents, formToken: token(), source: 'google-ads' }),
        422,
        '/source',
      ],
      [
        await pub({ data: { firstName: 'A', lastName: 'B', notes: 'x'.repeat(20_000) }, consents, formToken: token() }),
        413,
      ],
      [
        await pub(
          { data: { firstName: 'A', lastName: 'B' }, consents, formToken: token() },
          { origin: 'https://evil.example' },
        ),
        403,
      ],
      [
        await viaApi({
          source: 'website-form',
          data: { firstName: 'A', lastName: 'B' },
          consents,
          partner: { id: 'nie-ma-takiego' },
        }),
        422,
        '/partner/id',
      ],
      [
        await app.request('/api/leads?key=bpk_nieznanyKlucz1234567', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: '{}',
        }),
        401,
      ],
      [
        await app.request('/api/leads', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
        401,
      ],
      [
        await app.request(`/api/leads?key=${key.key}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: '{"data":',
        }),
        400,
      ],
    ];
    for (const [res, status, path] of cases) {
      expect(res.status, await res.clone().text()).toBe(status);
      if (path)
        expect(
          (
            (await res.json()) as { error: { details: { problems: Array<{ path: string }> } } }
          ).error.details.problems.map((p) => p.path),
        ).toContain(path);
    }
    expect(await count()).toBe(before);
    expect(await clientCount()).toBe(clients);
  });

  it("answers CORS preflight only for the key's origins, and a revoked key stops at once", async () => {
    const ok = await app.request(`/api/leads?key=${key.key}`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const bad = await app.request(`/api/leads?key=${key.key}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const admin = await crm.asUser(f.users.admin.id);
    const other = await createSourceKey(admin, {
      name: 'Stary landing',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [ORIGIN],
    });
    const form = await app.request(`/api/leads/form?key=${other.key}`, { headers: { origin: ORIGIN } });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({
      honeypot: 'website',
      consents: expect.arrayContaining([
        expect.objectContaining({ purpose: 'contact', version: '2026-01', required: true }),
      ]),
    });
    const del = await app.request(`/api/lead-sources/${other.id}`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${(await createApiKey(admin, { name: 'k', permissions: ['apikeys:write'] })).key}`,
      },
    });
    expect(del.status).toBe(204);
    expect((await app.request(`/api/leads/form?key=${other.key}`, { headers: { origin: ORIGIN } })).status).toBe(401);
  });

  it('limits submissions per address: past the limit a 429 with Retry-After, and nothing stored', async () => {
    const before = await count();
    let last: Response | undefined;
    for (let i = 0; i < 61 && last?.status !== 429; i++)
      last = await pub({ data: { firstName: 'Bot', lastName: 'Zalew' }, consents, website: 'x' });
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('60');
    expect(await count()).toBe(before);
  });
});
