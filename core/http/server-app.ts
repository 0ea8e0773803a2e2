/**
 * @module http/server-app
 * What `broker-crm serve` runs: the API, the built widgets at `/widgets/`, and the example pages at
 * `/examples/` (the intranet at `/`), each with security headers (`page-headers.ts`). A firm embedding
 * broker-crm mounts `createHttpApi` instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
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

export function createServerApp(crm: Crm, options: HttpApiOptions = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  // Pages and bundles get their headers here; the API sets its own (secureHeaders in app.ts).
  app.use('*', async function notApi(c, next) {
    return c.req.path.startsWith('/api/') ? next() : served(c, next);
  });
  app.route('/', createHttpApi(crm, options));
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir, { 'access-control-allow-origin': '*' }));
  // The example pages (the intranet at `/`) live in the repository; the npm package serves the API and widgets.
  if (existsSync(examplesDir)) {
    app.use('/examples/*', staticFiles('/examples', examplesDir));
    app.get('/', (c) => c.redirect('/examples/intranet/'));
  } else app.get('/', (c) => c.redirect('/api/docs'));
  return app;
}
