/**
 * @module http/api-headers.test
 * The prebuilt security headers are exactly Hono's `secureHeaders` set (without
 * Cross-Origin-Resource-Policy) plus the resource policy, and every kind of answer carries them when
 * served by Node on a real socket: a prebuilt JSON answer, a route that sets a cookie of its own, an
 * error, and a route with its own Content-Security-Policy (kept).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, apiHeaders, jsonResponse } from './api-headers.ts';
import { RESOURCE_CSP } from './page-headers.ts';

/** Everything but the content and transport headers Node adds itself. */
const TRANSPORT = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
const securityOf = (h: Headers) => Object.fromEntries([...h].filter(([k]) => !TRANSPORT.has(k)));

describe('http/api-headers', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = new Hono();
    app.onError((e, c) => c.json({ error: { code: 'boom', message: e.message } }, 500));
    app.use('/api/*', apiHeaders());
    app.get('/api/prebuilt', () => jsonResponse('{"a":1}', 200, { etag: '"3"' }));
    app.get('/api/cookie', (c) => {
      c.header('set-cookie', 'x=1; Path=/');
      return c.json({ b: 2 });
    });
    app.get('/api/throws', () => {
      throw new Error('nope');
    });
    app.get('/api/own-policy', (c) => {
      c.header('content-security-policy', "default-src 'self'");
      return c.text('page');
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("are Hono's secureHeaders (no CORP) plus the resource policy", async () => {
    const hono = new Hono();
    hono.use('*', secureHeaders({ crossOriginResourcePolicy: false }));
    hono.get('/', (c) => c.text('x'));
    const expected = { ...securityOf((await hono.request('/')).headers), 'content-security-policy': RESOURCE_CSP };
    expect({ ...API_SECURITY_HEADERS }).toEqual(expected);
  });

  it('a prebuilt JSON answer over a socket: every header, its ETag, its body', async () => {
    const res = await fetch(`${base}/api/prebuilt`);
    expect(securityOf(res.headers)).toEqual({ ...API_SECURITY_HEADERS, etag: '"3"' });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('a route with a cookie of its own, an error, and a route with its own policy get them too', async () => {
    const cookie = await fetch(`${base}/api/cookie`);
    expect(cookie.headers.get('set-cookie')).toBe('x=1; Path=/');
    const { 'set-cookie': _, ...rest } = securityOf(cookie.headers);
    expect(rest).toEqual(API_SECURITY_HEADERS);
    expect(await cookie.json()).toEqual({ b: 2 });

    const error = await fetch(`${base}/api/throws`);
    expect(error.status).toBe(500);
    expect(securityOf(error.headers)).toEqual(API_SECURITY_HEADERS);

    const own = await fetch(`${base}/api/own-policy`);
    expect(own.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
