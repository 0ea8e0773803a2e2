/**
 * @module http/page-headers
 * Security headers for everything the server serves besides the API (the intranet at `/`, the
 * example pages, the widget bundles): `nosniff`, a Referrer-Policy, no framing (`X-Frame-Options`
 * and `frame-ancestors`), and a Content-Security-Policy. An HTML page that writes its own policy in
 * `<meta http-equiv="Content-Security-Policy">` gets that policy as a header (plus `frame-ancestors`,
 * which a meta tag cannot carry); any other page gets a strict default.
 */
import type { MiddlewareHandler } from 'hono';

/** The policy of a page that declares none: same-origin scripts, styles and requests only. */
export const DEFAULT_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'";
/** Resources that are not pages (scripts, styles, images, JSON) render nothing and frame nothing. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

const META = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(?:"([^"]*)"|'([^']*)')[^>]*>/i;

/** The policy to send for an HTML page: its own meta policy or the default, never frameable. */
export function pagePolicy(html: string): string {
  const m = META.exec(html);
  const declared = (m?.[1] ?? m?.[2])?.trim().replace(/;\s*$/, '');
  const base = declared || DEFAULT_PAGE_CSP;
  return /(^|;)\s*frame-ancestors\b/.test(base) ? base : `${base}; frame-ancestors 'none'`;
}

/**
 * @example
 * app.use('*', pageHeaders()); // before the static routes
 */
export function pageHeaders(): MiddlewareHandler {
  return async function pageHeaders(c, next) {
    await next();
    const h = c.res.headers;
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'strict-origin-when-cross-origin');
    h.set('x-frame-options', 'DENY');
    if (h.has('content-security-policy')) return;
    const type = h.get('content-type') ?? '';
    if (/^text\/html\b/i.test(type) && c.res.body) {
      const html = await c.res.clone().text();
      h.set('content-security-policy', pagePolicy(html));
    } else {
      h.set('content-security-policy', RESOURCE_CSP);
    }
  };
}

/**
 * For API answers: a policy that lets a JSON (or PDF, XLSX) answer run and frame nothing, unless the
 * route set its own (the reference page does).
 * @example
 * app.use('/api/*', resourcePolicy());
 */
export function resourcePolicy(): MiddlewareHandler {
  return async function resourcePolicy(c, next) {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', RESOURCE_CSP);
  };
}
