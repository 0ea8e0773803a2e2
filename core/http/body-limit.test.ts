import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CrmError } from '../errors.ts';
import { requestBodyLimit } from './body-limit.ts';

function app() {
  const a = new Hono();
  a.onError((e, c) => c.json({ code: e instanceof CrmError ? e.code : 'other' }, 413));
  a.use('*', requestBodyLimit(10));
  a.all('*', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
  return a;
}

const stream = (text: string) =>
  new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });

describe('request body limit', () => {
  it('refuses a declared length over the limit, and passes one within it', async () => {
    const over = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': '11' },
      body: 'x'.repeat(11),
    });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ code: 'payload_too_large' });
    const within = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': '10' },
      body: '0123456789',
    });
    expect(await within.json()).toEqual({ bytes: 10 });
  });

  it('counts a body without a declared length as it streams', async () => {
    const post = (text: string) =>
      app().request('/', { method: 'POST', body: stream(text), duplex: 'half' } as RequestInit);
    expect((await post('x'.repeat(11))).status).toBe(413);
    expect(await (await post('short')).json()).toEqual({ bytes: 5 });
  });

  it('lets GET through without looking for a body', async () => {
    expect(await (await app().request('/')).json()).toEqual({ bytes: 0 });
  });
});
