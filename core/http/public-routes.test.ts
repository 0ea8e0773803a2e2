/**
 * @module http/public-routes.test
 * Public routes resolve no session (issue 19): a browser sends its session cookie everywhere, yet
 * signing in, the API document and lead intake with a public key never read it — so signing in again
 * while a cookie is present needs no CSRF token, and a cookie of an ended session changes nothing.
 * Routes that need a session still read it from the same cookie.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from './app.ts';
import { describeEngines } from '../../tests/engines.ts';
import { cookieSession } from '../../tests/fixtures/admin-session.ts';
import { PASSWORD, smallFirm } from '../../tests/fixtures/small-firm.ts';

describeEngines('http: public routes resolve no session', (database) => {
  let app: ReturnType<typeof createHttpApi>;
  let cookie: string;
  beforeAll(async () => {
    app = createHttpApi((await smallFirm(database())).crm, { log: () => {} });
    cookie = (await cookieSession(app, 'admin@kredyt-dom.pl')).cookie!;
  });

  it('signs in again with a session cookie present and no CSRF token', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ email: 'admin@kredyt-dom.pl', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
  });

  it('serves the API document to a cookie holder as to anyone, and /api/me still reads the cookie', async () => {
    expect((await app.request('/api/openapi.json', { headers: { cookie } })).status).toBe(200);
    const me = await app.request('/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('admin@kredyt-dom.pl');
  });
});
