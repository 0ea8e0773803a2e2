/**
 * The widget platform in a real browser: the built bundles load, `<crm-hello>` talks to a local
 * server speaking the CRM API's shapes, and what a person would notice is checked — the language,
 * the status, an error, two copies of the bundle on one page, hostile text from the API, cookie
 * sessions with CSRF, and a token for another origin.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../rollup.config.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

let browser: BrowserSession;
let site: StaticServer;
let otherOrigin: StaticServer;

const page = (body: string, lang = 'pl', scripts = ['/widgets/crm-hello.js']) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>widgets</title>
${scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n')}
<style>body { font-family: sans-serif; margin: 24px; display: grid; gap: 12px; max-width: 560px; }</style>
</head><body>${body}</body></html>`;

interface Shown {
  label: string;
  status: string;
  button: string;
  alert: boolean;
}

/** Waits until the widget has finished loading and returns the texts a person sees. */
async function shown(p: Page, selector: string): Promise<Shown> {
  await p.waitForFunction((s) => {
    const root = document.querySelector(s)?.shadowRoot;
    return (
      !!root && !root.querySelector('button[disabled]') && !!root.querySelector('[part=status]')?.textContent?.trim()
    );
  }, selector);
  return p.evaluate((s) => {
    const root = document.querySelector(s)!.shadowRoot!;
    const text = (part: string) => root.querySelector(`[part=${part}]`)?.textContent?.trim() ?? '';
    return {
      label: text('label'),
      status: text('status'),
      button: text('button'),
      alert: !!root.querySelector('[role=alert]'),
    };
  }, selector);
}

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  browser = await launchChromium();
  site = await startStaticServer({ widgetsDir, routes: { 'GET /api/health': () => ({ body: { status: 'ok' } }) } });
  const cors = {
    'access-control-allow-origin': site.origin,
    'access-control-allow-headers': 'authorization, accept, content-type',
  };
  otherOrigin = await startStaticServer({
    widgetsDir,
    routes: {
      'OPTIONS *': () => ({ status: 204, headers: cors }),
      'GET /api/health': (r) => ({
        headers: cors,
        body: { status: r.headers.authorization === 'Bearer key_remote' ? 'ok' : 'no-token' },
      }),
    },
  });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await otherOrigin?.close();
});

describe('<crm-hello> in Chromium', () => {
  it('shows the API status in Polish and switches to English when lang changes', async () => {
    site.page(
      '/lang',
      page('<crm-hello id="own"></crm-hello><div id="wrap" lang="pl"><crm-hello id="inherits"></crm-hello></div>'),
    );
    const { page: p, errors } = await browser.newPage();
    await p.goto(`${site.origin}/lang`);
    expect(await shown(p, '#own')).toEqual({ label: 'Stan API', status: 'ok', button: 'Odśwież', alert: false });

    await p.evaluate(() => document.querySelector('#own')!.setAttribute('lang', 'en'));
    await p.waitForFunction(
      () => document.querySelector('#own')!.shadowRoot!.querySelector('[part=label]')!.textContent === 'API status',
    );
    expect(await shown(p, '#own')).toMatchObject({ label: 'API status', button: 'Refresh' });

    // A widget without its own lang follows its nearest ancestor, live.
    expect((await shown(p, '#inherits')).label).toBe('Stan API');
    await p.evaluate(() => document.querySelector('#wrap')!.setAttribute('lang', 'en-GB'));
    await p.waitForFunction(
      () =>
        document.querySelector('#inherits')!.shadowRoot!.querySelector('[part=label]')!.textContent === 'API status',
    );
    expect(errors).toEqual([]);
    await p.close();
  });

  it('survives two copies of the widgets on one page, with a warning instead of an error', async () => {
    site.page(
      '/twice',
      page('<crm-hello id="w"></crm-hello>', 'en', [
        '/widgets/broker-crm-widgets.js',
        '/widgets/crm-hello.js',
        '/widgets/crm-hello.js?copy=2',
      ]),
    );
    const { page: p, errors, warnings } = await browser.newPage();
    await p.goto(`${site.origin}/twice`);
    expect(await shown(p, '#w')).toMatchObject({ label: 'API status', status: 'ok' });
    // The copies run after the first bundle, each as its script arrives: the widget may have answered before the
    // last one ran and said so (console messages come in as they are logged).
    await expect
      .poll(() => warnings.filter((w) => w.includes('<crm-hello> is already defined')).length, { timeout: 20_000 })
      .toBe(2);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('renders hostile text from the API as text', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    site.route('GET /api/evil-health', () => ({ body: { status: payload } }));
    site.page('/xss', page('<crm-hello id="w" endpoint="/api/evil-health"></crm-hello>'));
    const { page: p } = await browser.newPage();
    await p.goto(`${site.origin}/xss`);
    expect((await shown(p, '#w')).status).toBe(payload);
    expect(
      await p.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        injected: document.querySelector('#w')!.shadowRoot!.querySelectorAll('img, script').length,
      })),
    ).toEqual({ xss: null, injected: 0 });
    await p.close();
  });

  it('shows a failure, tells the page with crm-error, and recovers on refresh', async () => {
    let up = false;
    site.route('GET /api/flaky-health', () =>
      up
        ? { body: { status: 'ok' } }
        : { status: 503, body: { error: { code: 'unavailable', message: 'Maintenance' } } },
    );
    site.page(
      '/flaky',
      page(`<crm-hello id="w" endpoint="/api/flaky-health"></crm-hello>
      <script>window.__errors = [];
        document.addEventListener('crm-error', (e) => window.__errors.push([e.error.status, e.error.code]));</script>`),
    );
    const { page: p } = await browser.newPage();
    await p.goto(`${site.origin}/flaky`);
    expect(await shown(p, '#w')).toMatchObject({ status: 'Coś poszło nie tak', alert: true });
    expect(await p.evaluate(() => (window as unknown as { __errors: unknown[] }).__errors)).toEqual([
      [503, 'unavailable'],
    ]);

    up = true;
    await p.locator('#w').getByRole('button', { name: 'Odśwież' }).click();
    await p.waitForFunction(
      () => document.querySelector('#w')!.shadowRoot!.querySelector('[part=status]')!.textContent === 'ok',
    );
    expect((await shown(p, '#w')).alert).toBe(false);
    await p.close();
  });

  it('talks to another origin with the token of its <crm-provider>', async () => {
    site.page(
      '/provider',
      page(
        `<crm-provider base-url="${otherOrigin.origin}" token="key_remote"><crm-hello id="w" ` +
          `lang="en"></crm-hello></crm-provider>`,
      ),
    );
    const { page: p, errors } = await browser.newPage();
    await p.goto(`${site.origin}/provider`);
    expect((await shown(p, '#w')).status).toBe('ok');
    const sent = otherOrigin.requests.find((r) => r.method === 'GET' && r.path === '/api/health');
    expect(sent?.headers.cookie).toBeUndefined();
    expect(errors).toEqual([]);
    await p.close();
  });
});

describe('ApiController transport in Chromium', () => {
  it('keeps a cookie session and sends the CSRF token the login returned', async () => {
    site.route('POST /api/auth/login', () => ({
      headers: { 'set-cookie': 'crm_session=s3cret; HttpOnly; SameSite=Lax; Path=/' },
      body: { user: { id: 'u1', name: 'Anna' }, csrfToken: 'csrf-from-login' },
    }));
    site.route('POST /api/notes', (r) =>
      r.headers.cookie?.includes('crm_session=s3cret') && r.headers['x-csrf-token'] === 'csrf-from-login'
        ? { status: 201, body: { id: 'n1' } }
        : { status: 403, body: { error: { code: 'forbidden', message: 'No session or CSRF token' } } },
    );
    site.page(
      '/session',
      page(
        `<script type="module">
      import { apiRequest } from '/widgets/broker-crm-widgets.js';
      window.__apiRequest = apiRequest;
    </script>`,
        'pl',
        [],
      ),
    );
    const { page: p } = await browser.newPage();
    await p.goto(`${site.origin}/session`);
    await p.waitForFunction(() => '__apiRequest' in window);
    const created = await p.evaluate(async () => {
      const apiRequest = (window as unknown as { __apiRequest: typeof import('../../widgets/index.ts').apiRequest })
        .__apiRequest;
      const config = { baseUrl: '', token: undefined };
      await apiRequest(config, 'POST', '/api/auth/login', { email: 'anna@example.pl', password: 'x' });
      return apiRequest(config, 'POST', '/api/notes', { text: 'Zadzwonić jutro' });
    });
    expect(created).toEqual({ id: 'n1' });
    expect(site.requests.some((r) => r.path === '/api/me')).toBe(false); // the login answer taught the token
    await p.close();
  });
});

describe('looks', () => {
  it('takes a screenshot of a page of widgets for a person to look at', async () => {
    site.route('GET /api/down-health', () => ({ status: 500, body: { error: { code: 'internal', message: 'x' } } }));
    site.page(
      '/gallery',
      page(`
      <crm-hello>Biuro Kraków</crm-hello>
      <crm-hello lang="en">Head office</crm-hello>
      <crm-hello endpoint="/api/down-health"></crm-hello>
      <crm-hello lang="en" style="--crm-color-primary:#7c3aed;--crm-radius:12px"></crm-hello>`),
    );
    const { page: p } = await browser.newPage();
    await p.goto(`${site.origin}/gallery`);
    await shown(p, 'crm-hello:nth-of-type(3)');
    const dir = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'widget-platform.png');
    await p.screenshot({ path: file, fullPage: true });
    expect(file).toMatch(/\.png$/);
    await p.close();
  });
});
