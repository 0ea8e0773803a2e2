/**
 * @module tests/security/support/callers
 * Signing in as demo people through the HTTP API: a cookie session with its CSRF token, or a bearer
 * session token (no cookie, no CSRF), as a browser or a widget on another origin would.
 */
import { DEMO_PASSWORD, type App } from './world.ts';

export interface CookieSession {
  cookie: string;
  csrf: string;
}

/** Sign in with the session cookie; returns the cookie header value and the CSRF token. */
export async function cookieLogin(app: App, email: string, password = DEMO_PASSWORD): Promise<CookieSession> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

/** Sign in for a bearer session token. */
export async function bearerLogin(app: App, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`token ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Is this bearer token still a live session? */
export async function alive(app: App, token: string): Promise<boolean> {
  return (await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status === 200;
}
