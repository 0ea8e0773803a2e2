/**
 * A cookie's `GET /api/me` answered before the router (fast-me.ts), on both engines: it answers only
 * that request and declines everything else; what it answers is what the full chain answers for the
 * same session (status, every header, body), in process and over a real socket; a session signed out
 * or a user disabled is refused at the next request; with CORS origins configured the full chain,
 * with its Vary header, answers instead.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../tests/engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../../tests/fixtures/small-firm.ts';
import { API_SECURITY_HEADERS } from './api-headers.ts';
import { createHttpApi } from './app.ts';
import { fastMe } from './fast-me.ts';
import { meAnswer } from './routes/session.ts';

type App = ReturnType<typeof createHttpApi>;
/** Headers as a plain object, without the date (the only header that may differ a second later). */
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k !== 'date'));

describeEngines('http/fast-me', (database) => {
  let f: SmallFirm;
  let app: App;
  let server: Server;
  let base: string;
  let anna: { cookie: string; csrf: string };
  const login = async (email: string) => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf };
  };
  const me = (cookie: string, extra: Record<string, string> = {}, path = '/api/me') =>
    app.request(path, { headers: { cookie, ...extra } });

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    anna = await login('anna.nowak@kredyt-dom.pl');
  }, 120_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await f?.crm.close();
  });

  it('answers a cookie GET /api/me itself, and declines every other request', async () => {
    const early = fastMe(f.crm, meAnswer(f.crm));
    const req = (path: string, headers: Record<string, string>, method = 'GET') =>
      new Request(`http://localhost${path}`, { method, headers });
    const answered = await early(req('/api/me', { cookie: `theme=dark; ${anna.cookie}` }), undefined);
    expect(answered?.status).toBe(200);
    expect(((await answered!.json()) as { user: { email: string } }).user.email).toBe('anna.nowak@kredyt-dom.pl');
    const declined = [
      req('/api/me', { cookie: anna.cookie }, 'HEAD'),
      req('/api/me', { cookie: anna.cookie }, 'POST'),
      req('/api/me?lang=pl', { cookie: anna.cookie }),
      req('/api/me/', { cookie: anna.cookie }),
      req('/api/clients', { cookie: anna.cookie }),
      req('/api/me', { cookie: anna.cookie, authorization: 'Bearer x' }),
      req('/api/me', {}),
      req('/api/me', { cookie: `crm_session="${anna.cookie.split('=')[1]}"` }),
    ];
    for (const r of declined) expect(early(r, undefined)).toBeUndefined();
    // A token that names no session: declined after the look-up, for the full chain to answer 401.
    expect(await early(req('/api/me', { cookie: 'crm_session=nosuchtoken' }), undefined)).toBeUndefined();
  }, 60_000);

  it('answers what the full chain answers: status, every header, body (in process and over a socket)', async () => {
    // `?full=1` is declined by the early answer, so the router, the middleware and the route answer it.
    const [early, full] = [await me(anna.cookie), await me(anna.cookie, {}, '/api/me?full=1')];
    expect(early.status).toBe(200);
    expect(headersOf(early)).toEqual(headersOf(full));
    expect(headersOf(early)).toEqual({ 'content-type': 'application/json', ...API_SECURITY_HEADERS });
    const body = await early.text();
    expect(body).toBe(await full.text());
    expect(JSON.parse(body)).toMatchObject({ via: 'cookie', csrfToken: anna.csrf });

    const overSocket = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: anna.cookie } });
      return { status: res.status, headers: headersOf(res), body: await res.text() };
    };
    const [sEarly, sFull] = [await overSocket('/api/me'), await overSocket('/api/me?full=1')];
    expect(sEarly).toEqual(sFull);
    expect(sEarly.status).toBe(200);
    expect(sEarly.body).toBe(body);
    expect(sEarly.headers).toMatchObject(API_SECURITY_HEADERS);
  }, 60_000);

  it('a signed-out session and a disabled user are refused at the next request', async () => {
    const piotr = await login('piotr.kowalski@kredyt-dom.pl');
    const ewa = await login('ewa.dabrowska@kredyt-dom.pl');
    const admin = await login('admin@kredyt-dom.pl');
    expect((await me(piotr.cookie)).status).toBe(200); // now cached
    expect((await me(ewa.cookie)).status).toBe(200);
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: piotr.cookie, 'x-csrf-token': piotr.csrf },
    });
    expect(out.status).toBeLessThan(300);
    const refused = await me(piotr.cookie);
    expect(refused.status).toBe(401);
    expect(headersOf(refused)).toMatchObject(API_SECURITY_HEADERS);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const off = await app.request(`/api/users/${f.users.ewa.id}/disable`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(off.status).toBe(200);
    expect((await me(ewa.cookie)).status).toBe(401);
  }, 60_000);

  it('with CORS origins configured, the full chain answers (with its Vary: Origin)', async () => {
    const withCors = createHttpApi(f.crm, { log: () => {}, corsOrigins: ['https://widgets.example.pl'] });
    const res = await withCors.request('/api/me', { headers: { cookie: anna.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(headersOf(res)).toMatchObject(API_SECURITY_HEADERS);
  }, 60_000);
});
