/**
 * @module http/server-app
 * What `broker-crm serve` runs: the API, the built widgets at `/widgets/`, and the example pages at
 * `/examples/` (the intranet at `/`). A firm embedding broker-crm mounts `createHttpApi` instead.
 */
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Crm } from '../crm.ts';
import { createHttpApi, type HttpApiOptions } from './app.ts';
import type { HttpEnv } from './env.ts';
import { staticFiles } from './static-files.ts';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export function createServerApp(crm: Crm, options: HttpApiOptions = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.route('/', createHttpApi(crm, options));
  app.use('/widgets/*', staticFiles('/widgets', `${packageRoot}dist/widgets`, { 'access-control-allow-origin': '*' }));
  app.use('/examples/*', staticFiles('/examples', `${packageRoot}examples`));
  app.get('/', (c) => c.redirect('/examples/intranet/'));
  return app;
}
