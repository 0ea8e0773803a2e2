/**
 * @module http/request-headers
 * Reading a request header, and one cookie, without building what the API does not need. Served by
 * Node (`@hono/node-server`), `c.req.header(name)` turns the request's raw headers into a WHATWG
 * `Headers` object on first use; Node has already parsed them into `incoming.headers`, which is read
 * here instead (other runtimes and `app.request` fall back to `c.req.header`). Node joins repeated
 * `Cookie` headers with "; " and keeps the first `Authorization`, as a browser sends them.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/**
 * A request header by its lower-case name.
 * @example
 * const auth = requestHeader(c, 'authorization');
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header(name);
}

/** A value that needs no unquoting or decoding (session tokens are base64url). */
const PLAIN = /^[A-Za-z0-9._~-]*$/;

/**
 * The value of the cookie `name` as Hono's `getCookie` reads it (the first pair of that name), found
 * without splitting the whole header when the value is plain; anything else goes to Hono's parser.
 * @example
 * cookieValue(c, 'crm_session'); // the token or undefined
 */
export function cookieValue(c: Context, name: string): string | undefined {
  const value = plainCookie(requestHeader(c, 'cookie'), name);
  return value === null ? getCookie(c, name) : value;
}

/**
 * The plain value of the cookie `name` in a `Cookie` header (the first pair of that name), undefined
 * when there is none, or null when its value needs Hono's parser (quoted or percent-encoded).
 * @example
 * plainCookie('a=1; crm_session=abc', 'crm_session'); // 'abc'
 */
export function plainCookie(header: string | undefined, name: string): string | undefined | null {
  if (!header) return undefined;
  for (let at = header.indexOf(name); at !== -1; at = header.indexOf(name, at + 1)) {
    if (header.charCodeAt(at + name.length) !== 61 /* = */ || !startsPair(header, at)) continue;
    const end = header.indexOf(';', at);
    const value = header.slice(at + name.length + 1, end === -1 ? undefined : end).trim();
    return PLAIN.test(value) ? value : null;
  }
  return undefined;
}

/** Whether `at` starts a pair: the header's start, or a `;` before it with only blanks between. */
function startsPair(header: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const ch = header.charCodeAt(i);
    if (ch === 59 /* ; */) return true;
    if (ch !== 32 && ch !== 9) return false;
  }
  return true;
}
