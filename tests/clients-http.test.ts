import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { peselCheckDigit } from '../core/ids/index.ts';
import { createUser } from '../core/org/users.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';

type App = ReturnType<typeof createHttpApi>;
type Headers = Record<string, string>;

async function login(app: App, email: string): Promise<Headers> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': body.csrfToken };
}

const jan = {
  firstName: 'Jan',
  lastName: 'Kowalski-Testowy',
  pesel: '44051401359',
  phone: '600 100 200',
  email: 'jan@example.pl',
  street: 'ul. Długa 1',
  city: 'Gdańsk',
  netMonthlyIncomeMinor: 850000,
};
/** A PESEL with a correct check digit but no such date (13th month). */
const badDate = (() => {
  const ten = '4413010135';
  return ten + peselCheckDigit(ten);
})();

describeEngines('clients: HTTP API', (database) => {
  let f: SmallFirm;
  let app: App;
  const h: Record<string, Headers> = {};
  const call = (who: string, method: string, path: string, body?: unknown, extra: Headers = {}) =>
    app.request(path, {
      method,
      headers: { ...h[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const post = (who: string, data: Record<string, unknown>, kind = 'person', extra: Record<string, unknown> = {}) =>
    call(who, 'POST', '/api/clients', { kind, type: 'private', source: 'own-network', data, ...extra });
  let janId: string;

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const sys = f.crm.system();
    await createUser(sys, {
      email: 'marketing@kredyt-dom.pl',
      name: 'Maria Marketing',
      roles: ['marketing'],
      unitId: f.units.hq.id,
      password: PASSWORD,
    });
    await createUser(sys, {
      email: 'rozliczenia@kredyt-dom.pl',
      name: 'Roman Rozliczenia',
      roles: ['back-office'],
      unitId: f.units.hq.id,
      password: PASSWORD,
    });
    for (const [k, email] of Object.entries({
      anna: 'anna.nowak@kredyt-dom.pl',
      piotr: 'piotr.kowalski@kredyt-dom.pl',
      manager: 'kierownik.gdansk@kredyt-dom.pl',
      marketing: 'marketing@kredyt-dom.pl',
      backOffice: 'rozliczenia@kredyt-dom.pl',
      admin: 'admin@kredyt-dom.pl',
    })) {
      h[k] = await login(app, email);
    }
    const res = await post('anna', jan);
    expect(res.status).toBe(201);
    janId = (await readJson(res)).id;
  });

  it("serves the firm's client schema for forms: fields with labels and pii marks, types and sources", async () => {
    const res = await call('anna', 'GET', '/api/clients/schema');
    expect(res.status).toBe(200);
    const schema = await readJson(res);
    expect(schema.fields.person.properties.pesel).toMatchObject({ 'x-crm-identifier': 'pesel', 'x-crm-pii': true });
    expect(schema.fields.person.properties.firstName['x-crm-label'].pl).toBe('Imię');
    expect(Object.keys(schema.types)).toContain('partner-referred');
    expect((await app.request('/api/clients/schema')).status).toBe(401);
  });

  describe('identifiers: public test vectors through the API', () => {
    it.each([
      ['PESEL 1944', 'person', { pesel: '44051401359' }, '44051401359'],
      ['PESEL 2002 (month +20)', 'person', { pesel: '0227 0803 624' }, '02270803624'],
      ['NIP with PL and dashes', 'company', { nip: 'PL 526-025-02-74' }, '5260250274'],
      ['REGON 9 digits', 'company', { nip: '1234563218', regon: '123456785' }, '123456785'],
      ['REGON 14 digits', 'company', { nip: '1234563218', regon: '12345678512347' }, '12345678512347'],
    ])('accepts %s and stores it normalised', async (_w, kind, ids, stored) => {
      const base = kind === 'person' ? { firstName: 'Test', lastName: 'Wektor' } : { companyName: 'Wektor sp. z o.o.' };
      const res = await post('anna', { ...base, ...ids }, kind);
      expect(res.status).toBe(201);
      expect(Object.values((await readJson(res)).data)).toContain(stored);
    });

    it.each([
      ['a PESEL with a wrong check digit', 'person', { pesel: '44051401358' }, '/data/pesel', 'pesel.checksum'],
      ['a PESEL of 10 digits', 'person', { pesel: '4405140135' }, '/data/pesel', 'pesel.length'],
      ['a PESEL with no such birth date', 'person', { pesel: badDate }, '/data/pesel', 'pesel.date'],
      ['a NIP with a wrong check digit', 'company', { nip: '5260250275' }, '/data/nip', 'nip.checksum'],
      ['a NIP of 9 digits', 'company', { nip: '526025027' }, '/data/nip', 'nip.length'],
      [
        'a REGON with a wrong check digit',
        'company',
        { nip: '5260250274', regon: '123456786' },
        '/data/regon',
        'regon.checksum',
      ],
      ['a REGON of 8 digits', 'company', { nip: '5260250274', regon: '12345678' }, '/data/regon', 'regon.length'],
    ])('refuses %s with 422 naming the field and the reason', async (_w, kind, ids, path, reason) => {
      const base = kind === 'person' ? { firstName: 'Zły', lastName: 'Numer' } : { companyName: 'Zła Firma' };
      const res = await post('anna', { ...base, ...ids }, kind);
      expect(res.status).toBe(422);
      const problems = (await readJson(res)).error.details.problems;
      expect(problems).toEqual([expect.objectContaining({ path, keyword: reason })]);
      expect(problems[0].message).toMatch(/PESEL|NIP|REGON/);
    });
  });

  it.each([
    [
      'an unknown field in data',
      { kind: 'person', type: 'private', data: { firstName: 'A', lastName: 'B', shoeSize: 44 } },
      '/data/shoeSize',
    ],
    [
      'an unknown top-level key',
      { kind: 'person', type: 'private', data: { firstName: 'A', lastName: 'B' }, isVip: true },
      '/isVip',
    ],
    ['a missing required field', { kind: 'person', type: 'private', data: { firstName: 'A' } }, '/data/lastName'],
    [
      'a wrong type',
      { kind: 'person', type: 'private', data: { firstName: 'A', lastName: 'B', householdSize: 'dwie' } },
      '/data/householdSize',
    ],
    ['an unknown client type', { kind: 'person', type: 'vip', data: { firstName: 'A', lastName: 'B' } }, '/type'],
    [
      'a source the type does not have',
      { kind: 'person', type: 'company-acquired', source: 'developer', data: { firstName: 'A', lastName: 'B' } },
      '/source',
    ],
  ])('refuses %s with 422', async (_w, body, path) => {
    const res = await call('anna', 'POST', '/api/clients', body);
    expect(res.status).toBe(422);
    expect(JSON.stringify((await readJson(res)).error.details.problems)).toContain(path);
  });

  it('an advisor without pii:read gets no personal keys at all; financial only with financial:read', async () => {
    const asMarketing = await readJson(await call('marketing', 'GET', `/api/clients/${janId}`));
    expect(Object.keys(asMarketing.data).sort()).toEqual(['city']);
    expect(asMarketing).not.toHaveProperty('displayName');
    const text = JSON.stringify(asMarketing);
    for (const secret of ['Kowalski-Testowy', '44051401359', '600100200', 'jan@example.pl', 'Długa', '850000'])
      expect(text).not.toContain(secret);
    const asBackOffice = await readJson(await call('backOffice', 'GET', `/api/clients/${janId}`));
    expect(Object.keys(asBackOffice.data).sort()).toEqual(['city', 'netMonthlyIncomeMinor']);
    const list = await readJson(await call('marketing', 'GET', '/api/clients?limit=200'));
    expect(JSON.stringify(list)).not.toContain('Kowalski-Testowy');
    const asAnna = await readJson(await call('anna', 'GET', `/api/clients/${janId}`));
    expect(asAnna.data).toMatchObject({ pesel: '44051401359', phone: '+48600100200', netMonthlyIncomeMinor: 850000 });
  });

  it('searching by personal data needs pii:read', async () => {
    expect((await call('marketing', 'GET', '/api/clients?q=kowalski')).status).toBe(403);
  });

  it("scopes list, search and summary; another advisor's client is a 404 like a missing one", async () => {
    const mine = await readJson(await call('anna', 'GET', '/api/clients?q=kowalski-testowy'));
    expect(mine.items.map((c: any) => c.id)).toEqual([janId]);
    const theirs = await readJson(await call('piotr', 'GET', '/api/clients?q=kowalski-testowy'));
    expect(theirs.items).toEqual([]);
    const byPesel = await readJson(await call('piotr', 'GET', '/api/clients?q=44051401359'));
    expect(byPesel.items).toEqual([]);
    const piotrList = await readJson(await call('piotr', 'GET', '/api/clients?limit=200'));
    expect(piotrList.items.every((c: any) => c.ownerId === f.users.piotr.id)).toBe(true);
    const summary = await readJson(await call('piotr', 'GET', '/api/clients/summary'));
    expect(summary.total).toBe(piotrList.total.value);
    const hidden = await call('piotr', 'GET', `/api/clients/${janId}`);
    const missing = await call('piotr', 'GET', '/api/clients/no-such-client');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect((await readJson(hidden)).error.code).toBe((await readJson(missing)).error.code);
  });

  it('filters by a searchable field and pages with an opaque cursor and a capped total', async () => {
    const r = await readJson(await call('anna', 'GET', '/api/clients?city=Gda%C5%84sk'));
    expect(r.items.map((c: any) => c.id)).toEqual([janId]);
    const p1 = await readJson(await call('anna', 'GET', '/api/clients?limit=2&sort=displayName&order=asc'));
    expect(p1.total.capped).toBe(false);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = await readJson(
      await call(
        'anna',
        'GET',
        `/api/clients?limit=2&sort=displayName&order=asc&cursor=${encodeURIComponent(p1.nextCursor)}`,
      ),
    );
    expect(p2.total).toBeNull();
    expect(p2.items.map((c: any) => c.id)).not.toContain(p1.items[0].id);
    expect(
      (await call('anna', 'GET', `/api/clients?limit=2&sort=createdAt&cursor=${encodeURIComponent(p1.nextCursor)}`))
        .status,
    ).toBe(400);
    expect((await call('anna', 'GET', '/api/clients?cursor=garbage')).status).toBe(400);
    expect((await call('anna', 'GET', '/api/clients?street=x')).status).toBe(422);
  });

  it('edits need the version: ETag/If-Match or body version; a stale one is a 409, never a lost update', async () => {
    const got = await call('anna', 'GET', `/api/clients/${janId}`);
    const etag = got.headers.get('etag')!;
    expect(etag).toBe('"1"');
    expect((await call('anna', 'PATCH', `/api/clients/${janId}`, { data: { city: 'Sopot' } })).status).toBe(400);
    const first = await call(
      'anna',
      'PATCH',
      `/api/clients/${janId}`,
      { data: { city: 'Sopot' } },
      { 'if-match': etag },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const second = await call(
      'anna',
      'PATCH',
      `/api/clients/${janId}`,
      { data: { city: 'Gdynia' } },
      { 'if-match': etag },
    );
    expect(second.status).toBe(409);
    expect((await readJson(second)).error.details.currentVersion).toBe(2);
    const viaBody = await call('anna', 'PATCH', `/api/clients/${janId}`, {
      version: 2,
      data: { householdSize: 3, street: null },
    });
    expect(viaBody.status).toBe(200);
    const now = await readJson(viaBody);
    expect(now.data).toMatchObject({ city: 'Sopot', householdSize: 3 });
    expect(now.data).not.toHaveProperty('street');
    expect(
      (await call('anna', 'PATCH', `/api/clients/${janId}`, { version: 3, data: { pesel: '44051401358' } })).status,
    ).toBe(422);
  });

  it('reassigns in bulk (manager, unit scope) and the lists follow', async () => {
    const ids = (await readJson(await call('anna', 'GET', '/api/clients?limit=3'))).items.map((c: any) => c.id);
    const res = await call('manager', 'POST', '/api/clients/assign', { ids, ownerId: f.users.senior.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: 3, ids });
    const annaNow = await readJson(await call('anna', 'GET', '/api/clients?limit=200'));
    for (const id of ids) expect(annaNow.items.map((c: any) => c.id)).not.toContain(id);
    expect((await call('anna', 'POST', '/api/clients/assign', { ids, ownerId: f.users.anna.id })).status).toBe(403);
    expect((await call('manager', 'POST', '/api/clients/assign', { ids: [], ownerId: f.users.anna.id })).status).toBe(
      422,
    );
  });

  it("documents the firm's real fields in the OpenAPI document", async () => {
    const doc = await readJson(await app.request('/api/openapi.json'));
    const create = doc.paths['/api/clients'].post.requestBody.content['application/json'].schema;
    const person = create.allOf.find((b: any) => b.if.properties.kind.const === 'person').then.properties.data;
    expect(person.properties.pesel['x-crm-identifier']).toBe('pesel');
    expect(person.required).toEqual(['firstName', 'lastName']);
    expect(doc.paths['/api/clients'].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['q', 'cursor', 'city', 'pesel']),
    );
  });
});
