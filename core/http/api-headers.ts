/**
 * @module http/api-headers
 * The security headers of every API answer, as one plain object built once, and JSON answers that
 * carry them from the start.
 *
 * Setting headers one by one on an answer after the route ran (what Hono's `secureHeaders` does)
 * turns the Node adapter's light answer into a WHATWG `Headers` object that the adapter then iterates
 * and sorts again to write it: about a tenth of a trivial request's CPU. A JSON answer built by
 * `jsonResponse` instead carries a frozen plain object (content type + security headers) that the
 * adapter hands to `writeHead` as it is; `apiHeaders()` recognises such an answer and leaves it alone,
 * and gives every other answer (errors, files, routes that set their own headers, a CORS middleware's
 * changes) the same headers the classic way.
 */
import type { MiddlewareHandler } from 'hono';
import { RESOURCE_CSP } from './page-headers.ts';

/**
 * The headers every API answer carries (Hono's `secureHeaders` defaults without
 * Cross-Origin-Resource-Policy, which widgets on other origins need to be absent, plus a policy that
 * lets a JSON, PDF or XLSX answer run and frame nothing).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'content-security-policy': RESOURCE_CSP,
});

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
  ...API_SECURITY_HEADERS,
});
const OVERWRITTEN = Object.keys(API_SECURITY_HEADERS).filter((k) => k !== 'content-security-policy');

/** Answers built by `jsonResponse`: they already carry every security header. */
const complete = new WeakSet<object>();

/**
 * A JSON answer with its security headers already in place (and `extra` headers, e.g. an ETag).
 * Pass the JSON text (serialised once, possibly cached by the caller).
 * @example
 * return jsonResponse(JSON.stringify(client), 200, { etag: `"${client.version}"` });
 */
export function jsonResponse(text: string, status = 200, extra?: Record<string, string>): Response {
  const res = new Response(text, { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS });
  complete.add(res);
  return res;
}

/**
 * The API's security headers on every answer: answers from `jsonResponse` pass untouched, any other
 * gets them set (a Content-Security-Policy only when the route set none: the reference page sets its own).
 * @example
 * app.use('/api/*', apiHeaders());
 */
export function apiHeaders(): MiddlewareHandler {
  return async function apiHeaders(c, next) {
    await next();
    if (complete.has(c.res)) return;
    const h = c.res.headers;
    for (const k of OVERWRITTEN) h.set(k, API_SECURITY_HEADERS[k]!);
    if (!h.has('content-security-policy')) h.set('content-security-policy', RESOURCE_CSP);
    h.delete('x-powered-by');
  };
}
