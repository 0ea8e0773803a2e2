import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { setUserDisabled } from '../core/org/users.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';

type App = ReturnType<typeof createHttpApi>;
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Sign in like a browser: returns the cookie and CSRF token. */
async function login(app: App, email: string, password = PASSWORD) {
  const res = await app.request('/api/auth/login', json({ email, password }));
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { res, cookie, csrf: body.csrfToken, body };
}

describeEngines('HTTP API foundation', (database) => {
  let f: SmallFirm;
  let app: App;
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('answers health without credentials', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('signs in with a HttpOnly SameSite cookie and shows /api/me with effective scopes', async () => {
    const { res, cookie } = await login(app, 'kierownik.gdansk@kredyt-dom.pl');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const me = await readJson(await app.request('/api/me', { headers: { cookie } }));
    expect(me.user.email).toBe('kierownik.gdansk@kredyt-dom.pl');
    expect(me.permissions['clients:read']).toEqual(['unit']);
    expect(me.unitIds).toEqual([f.units.gdansk.id]);
    expect(me.user).not.toHaveProperty('passwordHash');
  });

  it('rejects a wrong password with 401 and the same message as an unknown e-mail', async () => {
    const a = await app.request(
      '/api/auth/login',
      json({ email: 'anna.nowak@kredyt-dom.pl', password: 'nie-to-haslo' }),
    );
    const b = await app.request('/api/auth/login', json({ email: 'nikt@kredyt-dom.pl', password: 'nie-to-haslo' }));
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await readJson(a)).error.message).toBe((await readJson(b)).error.message);
  });

  it('locks an account after repeated failures, even for the right password, until the lock ends', async () => {
    for (let i = 0; i < 5; i++)
      await app.request('/api/auth/login', json({ email: 'ewa.dabrowska@kredyt-dom.pl', password: `zle-${i}` }));
    const locked = await app.request(
      '/api/auth/login',
      json({ email: 'ewa.dabrowska@kredyt-dom.pl', password: PASSWORD }),
    );
    expect(locked.status).toBe(423);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    f.clock.advance(16 * 60_000);
    expect((await login(app, 'ewa.dabrowska@kredyt-dom.pl')).res.status).toBe(200);
  });

  it('requires the CSRF token for cookie-authenticated writes, and refuses cross-site origins', async () => {
    const { cookie, csrf } = await login(app, 'admin@kredyt-dom.pl');
    const body = { code: 'SOP-1', name: 'Sopot', type: 'own-branch', parentId: f.units.north.id };
    const without = await app.request('/api/units', json(body, { cookie }));
    expect(without.status).toBe(403);
    const cross = await app.request(
      'http://localhost/api/units',
      json(body, { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' }),
    );
    expect(cross.status).toBe(403);
    const ok = await app.request(
      'http://localhost/api/units',
      json(body, { cookie, 'x-csrf-token': csrf, origin: 'http://localhost' }),
    );
    expect(ok.status).toBe(201);
    const list = await readJson(await app.request('/api/units?format=tree', { headers: { cookie } }));
    const north = list.items[0].children.find((u: any) => u.code === 'R-N');
    expect(north.children.map((u: any) => u.code).sort()).toEqual(['GDA-1', 'GDY-1', 'SOP-1']);
  });

  it("rejects a disabled user's session on the very next request", async () => {
    const { cookie } = await login(app, 'piotr.kowalski@kredyt-dom.pl');
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    await setUserDisabled(f.crm.system(), f.users.piotr.id, true);
    const res = await app.request('/api/me', { headers: { cookie } });
    expect(res.status).toBe(401);
    await setUserDisabled(f.crm.system(), f.users.piotr.id, false);
  });

  it('moving a unit under its own descendant is a 409 and changes nothing', async () => {
    const { cookie, csrf } = await login(app, 'admin@kredyt-dom.pl');
    const res = await app.request(
      `/api/units/${f.units.north.id}/move`,
      json({ parentId: f.units.gdansk.id }, { cookie, 'x-csrf-token': csrf }),
    );
    expect(res.status).toBe(409);
    expect((await readJson(res)).error.code).toBe('conflict');
    const north = await readJson(await app.request(`/api/units/${f.units.north.id}`, { headers: { cookie } }));
    expect(north.parentId).toBe(f.units.hq.id);
  });

  it("API keys act for their user, capped to the key's permissions, and stop when revoked", async () => {
    const { cookie, csrf } = await login(app, 'admin@kredyt-dom.pl');
    const created = await readJson(
      await app.request(
        '/api/api-keys',
        json({ name: 'Raporty BI', permissions: ['units:read'] }, { cookie, 'x-csrf-token': csrf }),
      ),
    );
    expect(created.key).toMatch(/^bck_/);
    const auth = { authorization: `Bearer ${created.key}` };
    expect((await app.request('/api/units', { headers: auth })).status).toBe(200);
    expect((await app.request('/api/users', { headers: auth })).status).toBe(403);
    const list = await readJson(await app.request('/api/api-keys', { headers: { cookie } }));
    // The secret is everything after `bck_<prefix>_` (it may itself hold '_': split('_')[2] was a fragment of it).
    expect(created.key.startsWith(`bck_${created.prefix}_`)).toBe(true);
    const secret = created.key.slice(`bck_${created.prefix}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(
      (
        await app.request(`/api/api-keys/${created.id}`, {
          method: 'DELETE',
          headers: { cookie, 'x-csrf-token': csrf },
        })
      ).status,
    ).toBe(204);
    expect((await app.request('/api/units', { headers: auth })).status).toBe(401);
  });

  describe('bad input gets a 4xx JSON error and changes nothing', () => {
    let h: Record<string, string>;
    let usersBefore: number;
    beforeAll(async () => {
      const { cookie, csrf } = await login(app, 'admin@kredyt-dom.pl');
      h = { cookie, 'x-csrf-token': csrf };
      usersBefore = (await readJson(await app.request('/api/users?includeDisabled=true', { headers: { cookie } })))
        .items.length;
    });
    const post = (body: string, headers: Record<string, string> = {}) =>
      app.request('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...h, ...headers },
        body,
      });
    const valid = { email: 'nowy@kredyt-dom.pl', name: 'Nowy Doradca', roles: ['advisor'], unitId: 'x' };

    it.each([
      ['wrong types', JSON.stringify({ ...valid, roles: 'advisor' }), 422, '/roles'],
      ['an extra field', JSON.stringify({ ...valid, isAdmin: true }), 422, '/isAdmin'],
      ['a missing field', JSON.stringify({ email: 'a@b.pl', roles: ['advisor'] }), 422, '/name'],
      [
        'a __proto__ key',
        '{"email":"a@b.pl","name":"X","roles":["advisor"],"__proto__":{"admin":true}}',
        400,
        '/__proto__',
      ],
      ['malformed JSON', '{"email": "a@b.pl",', 400, undefined],
      ['an unknown role', JSON.stringify({ ...valid, unitId: null, roles: ['superuser'] }), 422, '/roles/0'],
    ])('%s', async (_what, body, status, path) => {
      const res = await post(body);
      expect(res.status).toBe(status);
      const err = (await readJson(res)).error;
      expect(err.message).toBeTruthy();
      if (path) expect(JSON.stringify(err.details)).toContain(path);
    });

    it('invalid UTF-8', async () => {
      const bytes = new Uint8Array([
        ...Buffer.from('{"email":"a@b.pl","name":"'),
        0xff,
        0xfe,
        ...Buffer.from('","roles":["advisor"]}'),
      ]);
      const res = await app.request('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...h },
        body: bytes,
      });
      expect(res.status).toBe(400);
      expect((await readJson(res)).error.message).toMatch(/UTF-8/);
    });

    it('a huge payload', async () => {
      const res = await post(JSON.stringify({ ...valid, name: 'x'.repeat(2_000_000) }));
      expect(res.status).toBe(413);
      expect((await readJson(res)).error.code).toBe('payload_too_large');
    });

    it('SQL in strings is stored as text, never run', async () => {
      const name = "Robert'); DROP TABLE users;--";
      const res = await post(
        JSON.stringify({ email: 'bobby@kredyt-dom.pl', name, roles: ['advisor'], unitId: f.units.gdansk.id }),
      );
      expect(res.status).toBe(201);
      expect((await readJson(res)).name).toBe(name);
      usersBefore += 1;
    });

    it('a wrong query parameter', async () => {
      const res = await app.request('/api/units?format=spiral', { headers: h });
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('format');
    });

    it('left the users table as it was', async () => {
      const after = (await readJson(await app.request('/api/users?includeDisabled=true', { headers: h }))).items.length;
      expect(after).toBe(usersBefore);
    });
  });

  it('publishes an OpenAPI 3.1 document of the same routes, and a reference page', async () => {
    const doc = await readJson(await app.request('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/units/{id}/move'].post.requestBody.content['application/json'].schema.required).toEqual([
      'parentId',
    ]);
    const page = await (await app.request('/api/docs')).text();
    expect(page).toContain('/api/users/{id}/move');
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await readJson(res)).error.code).toBe('not_found');
  });
});
