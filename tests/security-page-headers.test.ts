/**
 * Regression (issue 11, item 8): the pages and bundles the server serves (`/`, `/examples/*`,
 * `/widgets/*`, `/api/docs`, and a 404 outside the API) carry a Content-Security-Policy that forbids
 * framing, X-Frame-Options, nosniff and a Referrer-Policy. A page that writes its policy in a meta
 * tag gets that same policy as a header.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { createServerApp } from '../core/http/server-app.ts';
import { pagePolicy } from '../core/http/page-headers.ts';
import { describeEngines } from './engines.ts';
import { smallFirm } from './fixtures/small-firm.ts';

const intranetHtml = readFileSync(new URL('../examples/intranet/index.html', import.meta.url), 'utf8');
const metaPolicy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(intranetHtml)![1]!;

describeEngines('security: headers on served pages', (database) => {
  let app: ReturnType<typeof createServerApp>;
  beforeAll(async () => {
    app = createServerApp((await smallFirm(database())).crm, { log: () => {} });
  });

  const paths = [
    '/',
    '/examples/intranet/',
    '/examples/intranet/intranet.js',
    '/examples/intranet/intranet.css',
    '/examples/landing-page/',
    '/examples/partner-portal/',
    '/examples/nope.html',
    '/widgets/crm-lead-form.js',
    '/widgets/../package.json',
    '/nothing-here',
    '/api/docs',
  ];
  it.each(paths)('%s carries CSP with frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBeLessThan(500);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toMatch(/DENY|SAMEORIGIN/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
  });

  it("the intranet's header policy is the one its meta tag declares, plus frame-ancestors", async () => {
    const res = await app.request('/examples/intranet/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(`${metaPolicy}; frame-ancestors 'none'`);
  });

  it('a page without a meta policy gets the strict default (same-origin scripts only)', async () => {
    const res = await app.request('/examples/landing-page/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('pagePolicy keeps a declared frame-ancestors and never drops one', () => {
    expect(pagePolicy('<p>no meta</p>')).toMatch(/frame-ancestors 'none'$/);
    const own = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; frame-ancestors 'self'">`;
    expect(pagePolicy(own)).toBe("default-src 'self'; frame-ancestors 'self'");
  });
});
