/**
 * Regression (issue 11, item 10): text that hides or fakes content is refused with 422 naming the
 * field — NUL ("Kowal\0ski" would display as "Kowal"), C0 controls, lone surrogates, bidi
 * overrides (U+202E) in names, titles, units and partners — while notes keep their line breaks,
 * and text is stored in NFC. The check sits where bodies and queries are read, so every route has it.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: control characters are refused, text is NFC', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  /** Raw JSON text, so lone surrogates and escapes reach the server exactly as written. */
  const sendRaw = (method: string, path: string, json: string) =>
    app.request(path, { method, headers: { ...admin, 'content-type': 'application/json' }, body: json });
  const send = (method: string, path: string, body: unknown) => sendRaw(method, path, JSON.stringify(body));
  const refused = async (res: Response | Promise<Response>, field: string) => {
    const r = await res;
    const body = await readJson(r);
    expect(r.status, JSON.stringify(body)).toBe(422);
    expect(body.error.details.problems.map((p: { path: string }) => p.path)).toContain(field);
  };
  const person = (data: Record<string, unknown>) => ({ kind: 'person', type: 'private', source: 'own-network', data });

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kredyt-dom.pl', password: PASSWORD }),
    });
    admin = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': (await readJson(res)).csrfToken,
    };
  });

  it('NUL in a client name is refused (it would truncate: display "Kowal", data "Kowal\\0ski")', async () => {
    await refused(
      send('POST', '/api/clients', person({ firstName: 'Jan', lastName: 'Kowal\u0000ski' })),
      '/data/lastName',
    );
  });

  it('a lone surrogate is refused', async () => {
    await refused(
      sendRaw(
        'POST',
        '/api/clients',
        JSON.stringify(person({ firstName: 'Jan', lastName: 'X' })).replace('"X"', '"\\ud800"'),
      ),
      '/data/lastName',
    );
  });

  it('bidi overrides and isolates are refused in unit, partner and user names', async () => {
    const unit = { code: 'SOP-1', name: 'Sopot \u202Egpj.exe', type: 'own-branch', parentId: f.units.north.id };
    await refused(send('POST', '/api/units', unit), '/name');
    await refused(send('POST', '/api/partners', { name: 'Biuro \u2066X\u2069', type: 'real-estate-agency' }), '/name');
    await refused(send('PATCH', `/api/users/${f.users.anna.id}`, { name: 'Anna\u202D Nowak' }), '/name');
  });

  it('C0 controls and line breaks are refused in single-line fields', async () => {
    await refused(
      send('POST', '/api/units', { code: 'SOP\u0007', name: 'Sopot', type: 'own-branch', parentId: f.units.north.id }),
      '/code',
    );
    await refused(
      send('POST', '/api/units', {
        code: 'SOP-2',
        name: 'Sopot\nCentrum',
        type: 'own-branch',
        parentId: f.units.north.id,
      }),
      '/name',
    );
  });

  it('a note keeps its line breaks and tabs; a control character in it is still refused', async () => {
    const c = await readJson(await send('POST', '/api/clients', person({ firstName: 'Jan', lastName: 'Notatkowy' })));
    const ok = await send('POST', `/api/clients/${c.id}/activities`, {
      type: 'call',
      note: 'Linia 1\nLinia 2\tz tabulatorem',
    });
    expect(ok.status).toBe(201);
    await refused(send('POST', `/api/clients/${c.id}/activities`, { type: 'call', note: 'zły \u0000 znak' }), '/note');
  });

  it('a query parameter with NUL is refused', async () => {
    const res = await app.request('/api/clients?q=Kowal%00ski', { headers: admin });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await readJson(res))).toContain('?q');
  });

  it('text is stored in NFC: a decomposed "é" comes back composed', async () => {
    const res = await send(
      'POST',
      '/api/clients',
      person({ firstName: 'Rene\u0301', lastName: 'Zo\u0301\u0142kiewski' }),
    );
    expect(res.status).toBe(201);
    const c = await readJson(res);
    expect(c.data.firstName).toBe('Ren\u00e9');
    expect(c.data.lastName).toBe('Z\u00f3\u0142kiewski');
  });

  it('an internationalised e-mail address is accepted', async () => {
    const res = await send('POST', '/api/users', {
      email: 'ąę@przykład.pl',
      name: 'Ąę Przykładowa',
      roles: ['advisor'],
      unitId: f.units.gdansk.id,
    });
    expect(res.status).toBe(201);
    expect((await readJson(res)).email).toBe('ąę@przykład.pl');
    await refused(send('POST', '/api/users', { email: 'nie-email@', name: 'X', roles: ['advisor'] }), '/email');
  });
});
