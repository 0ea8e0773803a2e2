import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, forgetCsrfToken, type ApiConfig } from './api-client.ts';
import { ApiError } from './api-error.ts';

// A local server speaking the CRM API's contract: /api/me hands out the CSRF token of the session;
// unsafe cookie requests without it get 403 csrf_invalid.
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let csrf = 'csrf-1';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/me') return json(200, { user: { id: 'u1' }, permissions: {}, csrfToken: csrf });
    if (url.pathname === '/api/slow') return; // never answers
    if (url.pathname === '/api/proxy-down') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<h1>Bad gateway</h1>');
    }
    if (url.pathname === '/api/clients' && req.method === 'GET') {
      return json(200, {
        items: [{ id: 'c1' }],
        nextCursor: null,
        total: { value: 1, capped: false },
        query: url.search,
      });
    }
    if (url.pathname === '/api/clients' && req.method === 'POST') {
      if (!req.headers.authorization && req.headers['x-csrf-token'] !== csrf) {
        return json(403, { error: { code: 'csrf_invalid', message: 'CSRF token missing or wrong' } });
      }
      if (!JSON.parse(body).email) {
        return json(422, {
          error: {
            code: 'invalid',
            message: 'Check the form',
            details: { problems: [{ path: '/email', message: 'Required' }] },
          },
        });
      }
      return json(201, { id: 'c2' });
    }
    json(404, { error: { code: 'not_found', message: 'No such route' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeEach(() => {
  seen = [];
  csrf = 'csrf-1';
  forgetCsrfToken(baseUrl);
});

const cookie = (): ApiConfig => ({ baseUrl, token: undefined });

describe('apiRequest', () => {
  it('reads a list page and sends the query, leaving out empty values', async () => {
    const page = await apiRequest<{ items: unknown[]; query: string }>(cookie(), 'GET', '/api/clients', undefined, {
      query: { limit: 20, cursor: null, q: 'Kowalski & syn' },
    });
    expect(page.items).toEqual([{ id: 'c1' }]);
    expect(page.query).toBe('?limit=20&q=Kowalski+%26+syn');
    expect(seen.map((s) => s.url)).toEqual(['/api/clients?limit=20&q=Kowalski+%26+syn']); // no /api/me for a GET
  });

  it('learns the CSRF token from /api/me once and sends it on unsafe requests', async () => {
    await apiRequest(cookie(), 'POST', '/api/clients', { email: 'a@b.pl' });
    await apiRequest(cookie(), 'POST', '/api/clients', { email: 'c@d.pl' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/me', 'POST /api/clients', 'POST /api/clients']);
    expect(seen[1]?.headers['x-csrf-token']).toBe('csrf-1');
    expect(seen[1]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[2]?.body ?? '')).toEqual({ email: 'c@d.pl' });
  });

  it('refreshes a stale CSRF token once when the server rejects it', async () => {
    await apiRequest(cookie(), 'POST', '/api/clients', { email: 'a@b.pl' });
    csrf = 'csrf-2'; // the session was renewed
    await expect(apiRequest(cookie(), 'POST', '/api/clients', { email: 'a@b.pl' })).resolves.toEqual({ id: 'c2' });
    expect(seen.filter((s) => s.url === '/api/me')).toHaveLength(2);
    expect(seen.at(-1)?.headers['x-csrf-token']).toBe('csrf-2');
  });

  it('uses a bearer token instead of cookies and CSRF', async () => {
    await apiRequest({ baseUrl, token: 'key_123' }, 'POST', '/api/clients', { email: 'a@b.pl' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBe('Bearer key_123');
    expect(seen[0]?.headers['x-csrf-token']).toBeUndefined();
  });

  it('turns the error body into an ApiError with field problems', async () => {
    const error = await apiRequest(cookie(), 'POST', '/api/clients', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'invalid', message: 'Check the form' });
    expect((error as ApiError).problemAt('/email')).toBe('Required');
  });

  it('still gives an ApiError for a non-JSON error page and for an unreachable server', async () => {
    await expect(apiRequest(cookie(), 'GET', '/api/proxy-down')).rejects.toMatchObject({
      status: 502,
      code: 'http_502',
    });
    const unreachable = { baseUrl: 'http://127.0.0.1:1', token: undefined };
    await expect(apiRequest(unreachable, 'GET', '/api/health')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('rejects with an AbortError, not an ApiError, when aborted', async () => {
    const controller = new AbortController();
    const pending = apiRequest(cookie(), 'GET', '/api/slow', undefined, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });
});
