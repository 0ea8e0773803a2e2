/**
 * Every widget under a strict Content-Security-Policy with Trusted Types enforced, against the real
 * API of a seeded demo firm, in Chromium. The widgets are every `crm-*.js` bundle the build writes
 * (a new widget is covered without editing this file); each gets its own page (each bundle carries
 * its own Lit, whose Trusted Types policy may exist once per page). Pass: no
 * `securitypolicyviolation` event and no page error; no `eval` / `new Function` in any bundle; no
 * `unsafeHTML` in widget sources; and on a host page with hostile global CSS each widget keeps its
 * layout: its base part stays visible, within 15 % of its plain-page width, with nothing spilling out
 * sideways (inherited fonts may make it taller: that is the page's choice). Screenshots land in
 * node_modules/.cache/crm-security/ (look at them).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../core/http/static-files.ts';
import { createSourceKey } from '../../core/leads/source-keys.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from '../browser/built-widgets.ts';
import { launchChromium, type BrowserSession } from '../browser/chromium.ts';
import { bearerLogin } from './support/callers.ts';
import { buildWorld, type World } from './support/world.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'node_modules', '.cache', 'crm-security');

/** The strict policy a careful firm would send, plus Trusted Types for script sinks (Lit's policy only). */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** A host page's global CSS at its worst: everything it may legally do to inherited properties. */
const HOSTILE_CSS = `
html { font-size: 31px; }
body { font: italic 26px/3.1 "Courier New", serif; color: #0c0; background: #303; text-transform: uppercase;
  letter-spacing: .35em; word-spacing: 1.5em; text-align: right; white-space: pre; direction: ltr;
  text-indent: 40px; font-variant: small-caps; cursor: wait; }
* { box-sizing: content-box !important; }
div, span, p, form, label, input, button, select, table, tr, td, ul, li, section, header {
  all: unset !important; display: inline !important; float: right !important; width: 40px !important;
  position: absolute !important; }
main > * { margin: 0 !important; }
`;

function hostPage(tag: string, attrs: Record<string, string>, hostile: boolean): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>${tag}</title>
<link rel="stylesheet" href="/host.css${hostile ? '?hostile=1' : ''}">
<script type="module" src="/widgets/${tag}.js"></script></head>
<body><main id="host"><${tag}${a}></${tag}></main></body></html>`;
}

describe('security: every widget under a strict CSP with Trusted Types', () => {
  let w: World;
  let browser: BrowserSession;
  let server: ServerType;
  let origin: string;
  let widgetsDir: string;
  let tags: string[];
  const attrs: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    widgetsDir = await builtWidgets();
    tags = readdirSync(widgetsDir)
      .filter((f) => /^crm-[a-z-]+\.js$/.test(f))
      .map((f) => f.replace(/\.js$/, ''));
    w = await buildWorld();
    const host = new Hono();
    host.get('/host/:tag', (c) => {
      const tag = c.req.param('tag');
      c.header('content-security-policy', STRICT_CSP);
      return c.html(hostPage(tag, attrs[tag] ?? {}, c.req.query('hostile') === '1'));
    });
    host.get('/favicon.ico', (c) => c.body(null, 204));
    host.get('/host.css', (c) => {
      c.header('content-type', 'text/css; charset=utf-8');
      return c.body(c.req.query('hostile') ? HOSTILE_CSS : 'body { font-family: sans-serif; margin: 16px; }');
    });
    host.use('/widgets/*', staticFiles('/widgets', widgetsDir));
    host.route('/', w.app);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        origin = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
    const admin = w.people.find((p) => p.roles.includes('admin'))!;
    const partner = w.people.find((p) => p.roles.includes('partner') && p.partnerId)!;
    const adminToken = await bearerLogin(w.app, admin.email);
    const partnerToken = await bearerLogin(w.app, partner.email);
    const [client] = await w.database.db.select().from(w.database.t.clients).limit(1);
    const { key } = await createSourceKey(w.crm.system('csp-test'), {
      name: 'CSP test page',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [origin],
    });
    for (const tag of tags)
      attrs[tag] = {
        token: tag.includes('partner') ? partnerToken : adminToken,
        'client-id': client!.id,
        'source-key': key,
        lang: 'pl',
      };
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  }, WIDGET_BUILD_WAIT_MS); // builds the widgets when their sources changed: minutes on a loaded machine
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await w?.close();
  });

  it('no eval or new Function in the built bundles, no unsafeHTML in widget sources', () => {
    const bundles = readdirSync(widgetsDir).filter((f) => f.endsWith('.js'));
    const evals = bundles.filter((f) =>
      /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|setTimeout\s*\(\s*['"`]/.test(
        readFileSync(join(widgetsDir, f), 'utf8'),
      ),
    );
    const sources: string[] = [];
    const visit = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) visit(join(dir, e.name));
        else if (e.name.endsWith('.ts')) sources.push(join(dir, e.name));
    };
    visit(join(root, 'widgets'));
    const unsafe = sources.filter((f) =>
      /unsafeHTML|unsafeSVG|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(f, 'utf8')),
    );
    console.log(
      `csp static: bundles=${bundles.length} with eval/new Function=${evals.length}; ` +
        `widget sources=${sources.length} with unsafeHTML/innerHTML=${unsafe.length}`,
    );
    expect(evals).toEqual([]);
    expect(unsafe.map((f) => f.slice(root.length))).toEqual([]);
  });

  it('each widget renders with 0 CSP / Trusted Types violations and keeps its layout under hostile CSS', async () => {
    const report: string[] = [];
    const broken: string[] = [];
    let violations = 0;
    for (const tag of tags) {
      const sizes: Array<{ w: number; h: number; spill: number }> = [];
      for (const hostile of [false, true]) {
        const { page, errors } = await browser.newPage();
        page.on('response', (r) => {
          if (r.status() >= 400) errors.push(`${r.status()} ${r.url().replace(origin, '')}`);
        });
        await page.addInitScript(() => {
          const list: string[] = [];
          (window as unknown as { __violations: string[] }).__violations = list;
          document.addEventListener('securitypolicyviolation', (e) =>
            list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
          );
        });
        const res = await page.goto(`${origin}/host/${tag}${hostile ? '?hostile=1' : ''}`);
        expect(res?.headers()['content-security-policy']).toBe(STRICT_CSP);
        const rendered = await page
          .waitForFunction((t) => !!document.querySelector(t)?.shadowRoot?.childElementCount, tag)
          .then(() => true)
          .catch(() => false);
        if (!rendered) {
          broken.push(`${tag}${hostile ? ' (hostile css)' : ''}: rendered nothing in 30 s | ${errors.join(' | ')}`);
          await page.close();
          continue;
        }
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const found = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
        const box = await page.evaluate((t) => {
          const el = document.querySelector(t)!;
          const base = (el.shadowRoot!.querySelector('[part=base], [part=form], form, section, div') ?? el) as Element;
          const r = base.getBoundingClientRect();
          const shown = r.width > 0 && r.height > 0;
          const spill = base.scrollWidth - base.clientWidth;
          return { w: Math.round(r.width), h: Math.round(r.height), shown, spill };
        }, tag);
        sizes.push(box);
        await page.screenshot({ path: join(shots, `${tag}${hostile ? '-hostile' : ''}.png`), fullPage: true });
        violations += found.length;
        const real = errors.filter((e) => !/^Failed to load resource/.test(e)); // its URL is listed by status
        if (found.length || real.length)
          broken.push(`${tag}${hostile ? ' (hostile css)' : ''}: ${[...found, ...real].join(' | ')}`);
        if (!box.shown)
          broken.push(`${tag}: its base part is not visible${hostile ? " under the host page's CSS" : ''}`);
        if (box.spill > 2)
          broken.push(`${tag}${hostile ? ' (hostile css)' : ''}: content spills ${box.spill}px sideways`);
        await page.close();
      }
      if (sizes.length < 2) continue; // a page that rendered nothing is already listed
      const [plain, hostile] = [sizes[0]!, sizes[1]!];
      const off = (a: number, b: number) => Math.abs(a - b) / Math.max(a, 1);
      if (off(plain.w, hostile.w) > 0.15)
        broken.push(
          `${tag}: layout ${plain.w}×${plain.h} on a plain page, ${hostile.w}×${hostile.h} under hostile CSS`,
        );
      report.push(`${tag} ${plain.w}×${plain.h}/${hostile.w}×${hostile.h}`);
    }
    console.log(
      `csp: widgets=${tags.length} pages=${tags.length * 2} violations=${violations} problems=${broken.length}`,
    );
    console.log(`  base size plain/hostile: ${report.join(', ')}`);
    for (const b of broken) console.log(`  FAIL ${b}`);
    expect(broken).toEqual([]);
    // 64 pages opened, measured and photographed one after another: 60-85 s on a quiet machine, 113 s in a CI run
    // beside four engineers (load average 13-20), about five times the quiet time at 25: 300 s was too tight.
  }, 600_000);
});
