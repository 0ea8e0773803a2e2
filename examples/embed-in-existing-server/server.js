/**
 * @module server
 * A firm's existing Hono server with broker-crm mounted under `/crm`: the firm keeps its own routes,
 * adds the CRM's API (`createHttpApi`), serves the widget bundles from the installed package and
 * registers its own plugin. Run with plain Node: `node server.js` (after `npx broker-crm init`).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createCrm } from 'broker-crm';
import { createHttpApi } from 'broker-crm/http';
import consoleSms from './console-sms-plugin.js';

const crm = await createCrm({
  config: process.env.CRM_CONFIG ?? './crm.config.json',
  database: process.env.DATABASE_URL ?? 'file:./crm.db',
  plugins: [consoleSms()],
});

// Where the installed package keeps its widget bundles (node_modules/broker-crm/dist/widgets).
const widgets = dirname(fileURLToPath(import.meta.resolve('broker-crm/widgets/crm-hello.js')));

const app = new Hono();
// The firm's own pages and routes stay as they were.
app.get('/', (c) =>
  c.html(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Our intranet</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/widgets/crm-hello.js"></script>
  </head>
  <body>
    <h1>Our intranet</h1>
    <crm-hello base-url="/crm" lang="en">CRM</crm-hello>
  </body>
</html>`),
);
app.get('/plugins', (c) => c.json({ smsProviders: crm.runtime.plugins.names('smsProviders') }));
// The CRM: its API under /crm/api/…, its widgets under /widgets/.
app.route('/crm', createHttpApi(crm));
app.use('/widgets/*', serveStatic({ root: widgets, rewriteRequestPath: (path) => path.replace(/^\/widgets/, '') }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 4000), hostname: '127.0.0.1' }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}`),
);
const stop = () => {
  server.close();
  void crm.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
