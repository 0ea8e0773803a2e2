/**
 * @module http/server-app
 * What `broker-crm serve` runs: the API, the built widgets at `/widgets/`, and the example pages at
 * `/examples/` (the intranet at `/`), each with security headers (`page-headers.ts`). A firm embedding
 * broker-crm mounts `createHttpApi` instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { adjustEveryConfig } from '../config-versions/index.ts';
import type { Crm } from '../crm.ts';
import { createHttpApi, type HttpApiOptions } from './app.ts';
import type { HttpEnv } from './env.ts';
import { pageHeaders } from './page-headers.ts';
import { staticFiles } from './static-files.ts';

const served = pageHeaders();

// From the sources (core/http/*.ts) the package root is two folders up and the bundles are in dist/widgets;
// from the built package (dist/core/http/*.js) `dist/` is two folders up and holds widgets/ itself.
const fromSources = import.meta.url.endsWith('.ts');
const packageRoot = fileURLToPath(new URL(fromSources ? '../../' : '../../../', import.meta.url));
const widgetsDir = fromSources
  ? `${packageRoot}dist/widgets`
  : fileURLToPath(new URL('../../widgets', import.meta.url));
const examplesDir = `${packageRoot}examples`;

export interface ServerAppOptions extends HttpApiOptions {
  /**
   * Serve the example landing page with this public source key and the CRM's own origin filled in,
   * so its lead form posts to this server (what `npm start` does with the demo's key).
   */
  landingPageKey?: string;
  /** Where the built widget bundles are (default: the package's own). */
  widgetsDir?: string;
}

/**
 * E-mailed links (a new lead's card, a password reset) need the pages' public address: where the
 * config names none (`firm.intranetUrl`, `firm.partnerPortalUrl`), the example pages on the address
 * this server answers on.
 *
 * @example
 * linkToServedPages(crm, 'http://localhost:3000'); // firm.intranetUrl → http://localhost:3000/examples/intranet/
 */
export function linkToServedPages(crm: Crm, url: string): void {
  const base = url.replace(/\/+$/, '');
  const fill = (config: Crm['config']) => {
    config.firm.intranetUrl ??= `${base}/examples/intranet/`;
    config.firm.partnerPortalUrl ??= `${base}/examples/partner-portal/`;
  };
  fill(crm.config);
  // A version an admin saves later (core/config-versions) gets the same defaults when it is applied.
  adjustEveryConfig(crm.database, (config) => fill(config as Crm['config']));
}

/**
 * The API, the widget bundles and the example pages as one Hono app.
 *
 * @example
 * serve({ fetch: createServerApp(crm, { landingPageKey: 'bpk_…' }).fetch, port: 3000 });
 */
export function createServerApp(crm: Crm, options: ServerAppOptions = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  // Pages and bundles get their headers here; the API sets its own (secureHeaders in app.ts).
  app.use('*', async function notApi(c, next) {
    return c.req.path.startsWith('/api/') ? next() : served(c, next);
  });
  app.route('/', createHttpApi(crm, options));
  // Browsers ask every origin for a favicon; "no content" keeps their consoles free of a 404.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.use(
    '/widgets/*',
    staticFiles('/widgets', options.widgetsDir ?? widgetsDir, { 'access-control-allow-origin': '*' }),
  );
  // The example pages (the intranet at `/`) live in the repository; the npm package serves the API and widgets.
  if (existsSync(examplesDir)) {
    if (options.landingPageKey) {
      const html = readFileSync(`${examplesDir}/landing-page/index.html`, 'utf8')
        .replace('bpk_REPLACE_WITH_YOUR_KEY', options.landingPageKey)
        .replace('base-url="https://crm.kredyt-dom.pl"', 'base-url=""');
      for (const path of ['/examples/landing-page/', '/examples/landing-page/index.html'])
        app.get(path, (c) => c.html(html));
    }
    app.use('/examples/*', staticFiles('/examples', examplesDir));
    app.get('/', (c) => c.redirect('/examples/intranet/'));
  } else app.get('/', (c) => c.redirect('/api/docs'));
  return app;
}
