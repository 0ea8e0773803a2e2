/**
 * Sessions as an attacker tries them: a disabled user's cookie, bearer token and API key; a password
 * change (asks for the current password; ends every other session) and an administrator's reset
 * (ends them all); expiry and idleness on the CRM's clock; CSRF on cookie writes (missing, wrong,
 * another session's, cross-site and `null` origins); the cookie's flags; sign-out; and the lockout
 * under a burst of concurrent wrong passwords, which must not tell whether an account exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/auth/api-keys.ts';
import { createUser } from '../../core/org/users.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { bearerLogin, cookieLogin } from './support/callers.ts';
import { buildWorld, DEMO_PASSWORD, type World } from './support/world.ts';

const json = { 'content-type': 'application/json' };

describe('security: sessions', () => {
  let w: World;
  const clock = fixedClock(new Date());
  let admin: { cookie: string; csrf: string };
  let unitId: string;
  let n = 0;
  const figures: string[] = [];

  /** A fresh advisor with the demo password, so each test owns its victim. */
  async function newcomer(roles = ['advisor']) {
    const u = await createUser(w.crm.system('sessions'), {
      email: `sesja.${++n}@kredyt-dom.pl`,
      name: `Sesja Testowa ${n}`,
      roles,
      unitId,
      password: DEMO_PASSWORD,
    });
    return u;
  }
  const me = (headers: Record<string, string>) => w.app.request('/api/me', { headers });
  const asCookie = (s: { cookie: string; csrf?: string }, extra: Record<string, string> = {}) => ({
    cookie: s.cookie,
    ...(s.csrf ? { 'x-csrf-token': s.csrf } : {}),
    ...extra,
  });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    w = await buildWorld({ perAdvisor: 1, calendar: false, clock });
    admin = await cookieLogin(w.app, 'admin@kredyt-dom.pl');
    unitId = w.people.find((p) => p.roles.includes('advisor'))!.unitId!;
  }, 120_000);
  afterAll(async () => {
    console.log(`sessions: ${figures.join('; ')}`);
    await w?.close();
  });

  it('a disabled user is out at once: cookie, bearer token and API key; enabling does not revive them', async () => {
    const u = await newcomer(['marketing']);
    const cookie = await cookieLogin(w.app, u.email);
    const token = await bearerLogin(w.app, u.email);
    const { key } = await createApiKey(await w.crm.asUser(u.id), { name: 'x', permissions: ['leads:write'] });
    expect((await me(asCookie(cookie))).status).toBe(200);
    expect((await me(bearer(key))).status).toBe(200);
    const off = await w.app.request(`/api/users/${u.id}/disable`, { method: 'POST', headers: asCookie(admin) });
    expect(off.status).toBe(200);
    const after = [await me(asCookie(cookie)), await me(bearer(token)), await me(bearer(key))].map((r) => r.status);
    expect(after).toEqual([401, 401, 401]);
    const login = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: u.email, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(403);
    await w.app.request(`/api/users/${u.id}/enable`, { method: 'POST', headers: asCookie(admin) });
    expect((await me(asCookie(cookie))).status).toBe(401);
    expect((await me(bearer(token))).status).toBe(401);
    figures.push(`disabled user: cookie/bearer/api key → ${after.join('/')}`);
  });

  it('changing your password needs the current one and ends every other session; a reset ends all', async () => {
    const u = await newcomer();
    const a = await cookieLogin(w.app, u.email);
    const b = await cookieLogin(w.app, u.email);
    const t = await bearerLogin(w.app, u.email);
    const change = (body: object) =>
      w.app.request(`/api/users/${u.id}/password`, {
        method: 'PUT',
        headers: { ...asCookie(a), ...json },
        body: JSON.stringify(body),
      });
    const without = await change({ password: 'nowe-haslo-bez-starego-1' });
    expect(without.status).toBe(422);
    expect(JSON.stringify(await without.json())).toContain('currentPassword');
    const wrong = await change({ password: 'nowe-haslo-bez-starego-1', currentPassword: 'zgadywane-haslo' });
    expect(wrong.status).toBe(422);
    expect((await me(asCookie(b))).status).toBe(200); // refused changes end nothing
    const ok = await change({ password: 'nowe-haslo-2026-x', currentPassword: DEMO_PASSWORD });
    expect(ok.status).toBe(204);
    const statuses = [await me(asCookie(a)), await me(asCookie(b)), await me(bearer(t))].map((r) => r.status);
    expect(statuses).toEqual([200, 401, 401]);
    await expect(cookieLogin(w.app, u.email)).rejects.toThrow(/401/);
    const fresh = await cookieLogin(w.app, u.email, 'nowe-haslo-2026-x');

    const reset = await w.app.request(`/api/users/${u.id}/password`, {
      method: 'PUT',
      headers: { ...asCookie(admin), ...json },
      body: JSON.stringify({ password: 'haslo-od-admina-77' }),
    });
    expect(reset.status).toBe(204);
    const afterReset = [await me(asCookie(a)), await me(asCookie(fresh))].map((r) => r.status);
    expect(afterReset).toEqual([401, 401]);
    figures.push(`password change: this/other cookie/bearer → ${statuses.join('/')}; reset → ${afterReset}`);
  });

  it('a session ends after idleMinutes without use and after sessionHours in any case', async () => {
    const sec = w.crm.config.security;
    const u = await newcomer();
    const idle = await cookieLogin(w.app, u.email);
    const busy = await cookieLogin(w.app, u.email);
    clock.advance((sec.idleMinutes - 1) * 60_000);
    expect((await me(asCookie(busy))).status).toBe(200);
    clock.advance(2 * 60_000);
    expect((await me(asCookie(idle))).status).toBe(401); // idle for idleMinutes + 1
    expect((await me(asCookie(busy))).status).toBe(200); // used a minute ago
    let alive = 200;
    const step = Math.max(1, sec.idleMinutes - 5) * 60_000;
    for (let t = 2 * sec.idleMinutes * 60_000; t < sec.sessionHours * 3_600_000 + step; t += step) {
      clock.advance(step);
      alive = (await me(asCookie(busy))).status;
      if (alive !== 200) break;
    }
    expect(alive).toBe(401);
    figures.push(`expiry: idle ${sec.idleMinutes} min → 401, busy session ends by ${sec.sessionHours} h`);
  });

  it('cookie writes need the CSRF token of the session and a same-site Origin; bearer writes need none', async () => {
    const u = await newcomer();
    const s = await cookieLogin(w.app, u.email);
    const other = await cookieLogin(w.app, u.email);
    const write = (headers: Record<string, string>) =>
      w.app.request('/api/calendar/feed-token', { method: 'POST', headers });
    const cases: Array<[string, Record<string, string>, number]> = [
      ['no token', { cookie: s.cookie }, 403],
      ['wrong token', { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) }, 403],
      ["another session's token", { cookie: s.cookie, 'x-csrf-token': other.csrf }, 403],
      ['cross-site Origin', { ...asCookie(s), origin: 'https://evil.example' }, 403],
      ['Origin: null', { ...asCookie(s), origin: 'null' }, 403],
      ['right token, same origin', { ...asCookie(s), origin: 'http://localhost' }, 201],
      ['bearer, no token', bearer(await bearerLogin(w.app, u.email)), 201],
    ];
    const got: number[] = [];
    for (const [, headers] of cases) got.push((await write(headers)).status);
    expect(cases.map(([name, , want], i) => `${name}: ${got[i]}${got[i] === want ? '' : ` (want ${want})`}`)).toEqual(
      cases.map(([name, , want]) => `${name}: ${want}`),
    );
    expect((await me({ cookie: s.cookie })).status).toBe(200); // reads need no token
    figures.push(`csrf: ${cases.length} cases as specified`);
  });

  it('the cookie is HttpOnly, SameSite, host-only, Secure over https; sign-out ends it on the server', async () => {
    const u = await newcomer();
    const res = await w.app.request('https://crm.example.pl/api/auth/login', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: u.email, password: DEMO_PASSWORD }),
    });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^crm_session=[A-Za-z0-9_-]{40,};/);
    expect(set).toMatch(/;\s*HttpOnly/i);
    expect(set).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(set).toMatch(/;\s*Secure/i);
    expect(set).toMatch(/;\s*Path=\//i);
    expect(set).not.toMatch(/Domain=/i);
    const plain = await cookieLogin(w.app, u.email);
    const csrf = (await (await me({ cookie: plain.cookie })).json()) as { csrfToken: string };
    expect(csrf.csrfToken).toBe(plain.csrf);
    const out = await w.app.request('/api/auth/logout', { method: 'POST', headers: asCookie(plain) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie') ?? '').toMatch(/crm_session=;.*Max-Age=0/i);
    expect((await me({ cookie: plain.cookie })).status).toBe(401); // the old cookie is dead on the server
    figures.push('cookie: HttpOnly, SameSite, Secure on https, Path=/, no Domain; logout → 401');
  });

  it('40 concurrent wrong passwords lock the account (right one refused); unknown e-mails answer alike', async () => {
    const u = await newcomer();
    const { maxFailures } = w.crm.config.security.lockout;
    const attempt = (email: string, password: string, i: number) =>
      w.app.request('/api/auth/login', {
        method: 'POST',
        headers: { ...json, 'x-forwarded-for': `198.51.100.${i % 200}` },
        body: JSON.stringify({ email, password }),
      });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(u.email, `zle-haslo-${i}`, i)));
    const codes = burst.map((r) => r.status);
    const right = await attempt(u.email, DEMO_PASSWORD, 41);
    expect(right.status).toBe(423);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(maxFailures);
    const ghost = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('nikt@kredyt-dom.pl', `x${i}`, i)));
    const ghostCodes = ghost.map((r) => r.status);
    const ghostAfter = await attempt('nikt@kredyt-dom.pl', DEMO_PASSWORD, 42);
    expect(ghostAfter.status).toBe(423);
    const shape = async (r: Response) => Object.keys(((await r.json()) as { error: object }).error).sort();
    expect(await shape(ghostAfter)).toEqual(await shape(right));
    const count = (list: number[], c: number) => list.filter((x) => x === c).length;
    figures.push(
      `lockout: 40 parallel wrong → ${count(codes, 401)}×401 ${count(codes, 423)}×423, right password → 423; ` +
        `unknown e-mail → ${count(ghostCodes, 401)}×401 ${count(ghostCodes, 423)}×423 then 423`,
    );
    // An administrator lifts the lock (signed in afresh: an earlier test moved the clock past their session).
    admin = await cookieLogin(w.app, 'admin@kredyt-dom.pl');
    const unlock = await w.app.request(`/api/users/${u.id}/unlock`, { method: 'POST', headers: asCookie(admin) });
    expect(unlock.status).toBe(200);
    expect((await attempt(u.email, DEMO_PASSWORD, 43)).status).toBe(200);
    // The burst itself must not tell an account from no account: the same mix of 401s and 423s.
    const mix = (list: number[]) =>
      `${list.filter((c) => c === 401).length}×401 ${list.filter((c) => c === 423).length}×423`;
    expect(mix(ghostCodes)).toBe(mix(codes));
  });
});
