/**
 * Security headers on every response of `broker-crm serve` (API, widgets, example pages, errors):
 * every route the app answers (read from `app.routes`), anonymous and signed in, every example page
 * and widget bundle on disk, and paths that exist nowhere. Pass: each answer carries a
 * Content-Security-Policy, frame protection (`frame-ancestors` in the CSP or X-Frame-Options),
 * `X-Content-Type-Options: nosniff` and a Referrer-Policy; HTML pages may not be framed by others.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerLogin } from './support/callers.ts';
import { routesOf } from './support/routes.ts';
import { buildWorld, type World } from './support/world.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What is missing from one response's headers (empty when all is there). */
export function missingHeaders(h: Headers, html: boolean): string[] {
  const out: string[] = [];
  const csp = h.get('content-security-policy') ?? '';
  if (!csp) out.push('Content-Security-Policy');
  const frame =
    /frame-ancestors\s+('none'|'self')/.test(csp) || /^(DENY|SAMEORIGIN)$/i.test(h.get('x-frame-options') ?? '');
  if (!frame) out.push("frame-ancestors 'none'|'self' or X-Frame-Options");
  if ((h.get('x-content-type-options') ?? '').toLowerCase() !== 'nosniff') out.push('X-Content-Type-Options: nosniff');
  if (!h.get('referrer-policy')) out.push('Referrer-Policy');
  if (html && csp && !/script-src|default-src/.test(csp)) out.push('CSP without script-src/default-src on a page');
  return out;
}

describe('security: headers on every response', () => {
  let w: World;
  let token: string;
  beforeAll(async () => {
    w = await buildWorld({ perAdvisor: 1, calendar: false });
    token = await bearerLogin(w.app, w.people.find((p) => p.roles.includes('admin'))!.email);
  }, 120_000);
  afterAll(() => w?.close());

  it('API routes, pages, widgets, unknown paths: CSP, frame protection, nosniff, Referrer-Policy', async () => {
    const targets: Array<{ method: string; path: string; auth: boolean }> = [];
    for (const r of await routesOf(w.server)) {
      const path = r.path.replace(/:([A-Za-z]+)/g, 'x');
      targets.push({ method: r.method, path, auth: false }, { method: r.method, path, auth: true });
    }
    for (const dir of readdirSync(join(root, 'examples'), { withFileTypes: true }))
      if (dir.isDirectory() && existsSync(join(root, 'examples', dir.name, 'index.html')))
        targets.push({ method: 'GET', path: `/examples/${dir.name}/`, auth: false });
    const widgets = join(root, 'dist', 'widgets');
    if (existsSync(widgets))
      for (const f of readdirSync(widgets).filter((f) => f.endsWith('.js')))
        targets.push({ method: 'GET', path: `/widgets/${f}`, auth: false });
    for (const path of [
      '/',
      '/api/nope',
      '/nope',
      '/examples/nope.html',
      '/widgets/nope.js',
      '/examples/../package.json',
    ])
      targets.push({ method: 'GET', path, auth: false });

    const failures: string[] = [];
    const byKind = { api: 0, page: 0, other: 0 };
    for (const t of targets) {
      const res = await w.server.request(t.path, {
        method: t.method,
        headers: {
          ...(t.auth ? { authorization: `Bearer ${token}` } : {}),
          ...(t.method !== 'GET' && t.method !== 'OPTIONS' ? { 'content-type': 'application/json' } : {}),
        },
        body: t.method !== 'GET' && t.method !== 'OPTIONS' && t.method !== 'DELETE' ? '{}' : undefined,
      });
      await res.arrayBuffer();
      const html = (res.headers.get('content-type') ?? '').includes('text/html');
      byKind[t.path.startsWith('/api') ? 'api' : html ? 'page' : 'other']++;
      const missing = missingHeaders(res.headers, html);
      if (missing.length)
        failures.push(
          `${t.method} ${t.path}${t.auth ? ' (signed in)' : ''} → ${res.status}: ` + `no ${missing.join(', ')}`,
        );
    }
    console.log(
      `headers: responses=${targets.length} (api ${byKind.api}, pages ${byKind.page}, other ${byKind.other}) ` +
        `missing=${failures.length}`,
    );
    const grouped = new Map<string, string[]>();
    for (const f of failures) {
      const what = f.split(': no ')[1]!;
      grouped.set(what, [...(grouped.get(what) ?? []), f.split(' → ')[0]!]);
    }
    for (const [what, list] of grouped)
      console.log(`  MISSING ${what}: ${list.length} responses, e.g. ${list.slice(0, 4).join('; ')}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
