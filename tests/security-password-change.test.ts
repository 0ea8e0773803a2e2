/**
 * Regression (issue 11, item 4): changing your own password needs the current one and ends every
 * other session and bearer session token of yours (the one making the change stays); an
 * administrator's reset ends every session of that user.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;
const post = (body: unknown, headers: Record<string, string> = {}, method = 'POST') => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describeEngines('security: a password change ends the other sessions', (database) => {
  let f: SmallFirm;
  let app: App;
  const cookieLogin = async (email: string, password = PASSWORD) => {
    const res = await app.request('/api/auth/login', post({ email, password }));
    expect(res.status).toBe(200);
    return {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': (await readJson(res)).csrfToken,
    };
  };
  const bearerLogin = async (email: string, password = PASSWORD) => {
    const res = await app.request('/api/auth/token', post({ email, password }));
    expect(res.status).toBe(200);
    return { authorization: `Bearer ${(await readJson(res)).token}` };
  };
  const me = (h: Record<string, string>) =>
    Promise.resolve(app.request('/api/me', { headers: h })).then((r) => r.status);

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('a self-change without the current password, or with a wrong one, is 422 naming currentPassword', async () => {
    const anna = await cookieLogin('anna.nowak@kredyt-dom.pl');
    const path = `/api/users/${f.users.anna.id}/password`;
    const missing = await app.request(path, post({ password: 'nowe-haslo-2026' }, anna, 'PUT'));
    expect(missing.status).toBe(422);
    expect(JSON.stringify(await readJson(missing))).toContain('/currentPassword');
    const wrong = await app.request(
      path,
      post({ password: 'nowe-haslo-2026', currentPassword: 'nie-to-haslo' }, anna, 'PUT'),
    );
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(await readJson(wrong))).toContain('/currentPassword');
    expect(await me(anna)).toBe(200);
  });

  it('a self-change ends every other cookie session and bearer token; the session that changed it stays', async () => {
    const phone = await bearerLogin('piotr.kowalski@kredyt-dom.pl');
    const laptop = await cookieLogin('piotr.kowalski@kredyt-dom.pl');
    const here = await cookieLogin('piotr.kowalski@kredyt-dom.pl');
    const res = await app.request(
      `/api/users/${f.users.piotr.id}/password`,
      post({ password: 'nowe-haslo-piotra', currentPassword: PASSWORD }, here, 'PUT'),
    );
    expect(res.status).toBe(204);
    expect(await me(phone)).toBe(401);
    expect(await me(laptop)).toBe(401);
    expect(await me(here)).toBe(200);
    const old = await app.request(
      '/api/auth/login',
      post({ email: 'piotr.kowalski@kredyt-dom.pl', password: PASSWORD }),
    );
    expect(old.status).toBe(401);
    await cookieLogin('piotr.kowalski@kredyt-dom.pl', 'nowe-haslo-piotra');
  });

  it("an administrator's reset ends every session of that user", async () => {
    const ewaCookie = await cookieLogin('ewa.dabrowska@kredyt-dom.pl');
    const ewaToken = await bearerLogin('ewa.dabrowska@kredyt-dom.pl');
    const admin = await cookieLogin('admin@kredyt-dom.pl');
    const res = await app.request(
      `/api/users/${f.users.ewa.id}/password`,
      post({ password: 'haslo-od-admina' }, admin, 'PUT'),
    );
    expect(res.status).toBe(204);
    expect(await me(ewaToken)).toBe(401);
    expect(await me(ewaCookie)).toBe(401);
    expect(await me(admin)).toBe(200);
  });
});
