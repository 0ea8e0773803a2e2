/**
 * @module plugin/fetch-with-timeout.test
 * Against a real local HTTP server: any status is an answer; silence is a `NoAnswerError` saying why
 * (deadline passed — also while the body trickles —, the caller aborted, nobody listening).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithTimeout, NoAnswerError, retryAfterMs } from './fetch-with-timeout.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/busy') {
      res.writeHead(503, { 'retry-after': '30', 'content-type': 'application/json' });
      res.end('{"error":"busy"}');
    } else if (req.url === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial'); // and the rest never comes
    }
    // '/silent': never answers
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: unknown) => (e instanceof NoAnswerError ? e.reason : `other: ${String(e)}`),
  );

describe('fetchWithTimeout', () => {
  it('returns an error status with its body as an answer, not as a failure', async () => {
    const { response, text } = await fetchWithTimeout(`${base}/busy`, { method: 'POST', body: 'x', timeoutMs: 2000 });
    expect(response.status).toBe(503);
    expect(text).toBe('{"error":"busy"}');
    expect(retryAfterMs(response.headers.get('retry-after'))).toBe(30_000);
  });

  it('gives up with reason timeout when the server is silent, and when the body never ends', async () => {
    expect(await reasonOf(fetchWithTimeout(`${base}/silent`, { timeoutMs: 150 }))).toBe('timeout');
    expect(await reasonOf(fetchWithTimeout(`${base}/trickle`, { timeoutMs: 150 }))).toBe('timeout');
  });

  it("stops with reason aborted when the caller's signal fires first", async () => {
    const caller = new AbortController();
    const pending = reasonOf(fetchWithTimeout(`${base}/silent`, { timeoutMs: 5000, signal: caller.signal }));
    setTimeout(() => caller.abort(), 50);
    expect(await pending).toBe('aborted');
  });

  it('says network when nobody listens, keeping the underlying error as the cause', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const error = await fetchWithTimeout(`http://127.0.0.1:${port}/`, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(error).toMatchObject({ reason: 'network', message: 'no answer (network)' });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  it('reads delta-seconds and HTTP dates, never below zero, and nothing from nonsense', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 09:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
