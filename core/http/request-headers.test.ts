/**
 * @module http/request-headers.test
 * `cookieValue` reads a cookie as Hono's `getCookie` does (first pair of the name, quoted or encoded
 * values, a name that only ends another cookie's name or sits inside a value is not it), and
 * `requestHeader` reads the same values from Node's parsed headers on a real socket as from
 * `c.req.header` in-process.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, requestHeader } from './request-headers.ts';

const app = new Hono();
app.get('/', (c) =>
  c.json({
    ours: cookieValue(c, 'crm_session') ?? null,
    hono: getCookie(c, 'crm_session') ?? null,
    auth: requestHeader(c, 'authorization') ?? null,
    missing: requestHeader(c, 'x-missing') ?? null,
  }),
);

type Seen = { ours: string | null; hono: string | null; auth: string | null; missing: string | null };
const seen = async (res: Response | Promise<Response>) => (await (await res).json()) as Seen;

const HEADERS = [
  'crm_session=abc_DEF-123',
  'a=1; crm_session=tok; b=2',
  'xcrm_session=evil; crm_session=good',
  'a=x crm_session=evil; crm_session=good',
  'crm_session=first; crm_session=second',
  'crm_session="quoted"',
  'crm_session=a%20b',
  'crm_session=',
  ' ;  crm_session=spaced ; z=1',
  'other=crm_session=no',
  'nothing=here',
];

describe('http/request-headers', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('cookieValue agrees with Hono on every header, in-process and over a socket', async () => {
    for (const cookie of HEADERS) {
      const inProcess = await seen(app.request('/', { headers: { cookie } }));
      const socket = await seen(fetch(`${base}/`, { headers: { cookie, authorization: 'Bearer t' } }));
      expect(inProcess.ours, cookie).toBe(inProcess.hono);
      expect(socket.ours, cookie).toBe(socket.hono);
      expect(socket.ours, cookie).toBe(inProcess.ours);
      expect(socket.auth).toBe('Bearer t');
      expect(socket.missing).toBeNull();
    }
    const plain = await seen(app.request('/', { headers: { cookie: HEADERS[0]! } }));
    expect(plain.ours).toBe('abc_DEF-123');
  });
});
