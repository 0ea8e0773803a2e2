/**
 * @module bench/middleware
 * The cost of the middleware stack: an authenticated trivial GET (`/api/me` with the session cookie,
 * through the real app served by `@hono/node-server`: security headers, body limit, session and
 * actor, the route) against a bare `node:http` server answering the same bytes, both on loopback in
 * this process, measured in alternating rounds by one keep-alive client with 8 requests in flight.
 * Runs on libsql and, when `CRM_BENCH_POSTGRES_URL` is set, on PostgreSQL (`bench/targets.ts`).
 * Run alone: `node --conditions=broker-crm-source --import tsx bench/middleware.bench.ts`.
 */
import { createServer, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { signIn } from '../core/auth/index.ts';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { createServerApp } from '../core/http/server-app.ts';
import { openDatabase } from '../core/storage/database.ts';
import { BENCH_PASSWORD, BENCH_SECRET, benchConfigPath } from '../scripts/bench-data.ts';
import { alternate, get, keepAliveAgent, listen, portOf, shut } from './http-load.ts';
import { benchLine, benchSize, benchTargets, type BenchTarget } from './targets.ts';

export async function run(): Promise<string[]> {
  const out: string[] = [];
  for (const target of await benchTargets(benchSize())) {
    try {
      out.push(...(await runOn(target)));
    } finally {
      await target.close();
    }
  }
  return out;
}

async function runOn(target: BenchTarget): Promise<string[]> {
  const crm = await createCrm({
    config: loadConfigFile(benchConfigPath),
    database: await openDatabase(target.url, { migrate: target.engine === 'postgres' }),
    secret: BENCH_SECRET,
  });
  const agent = keepAliveAgent();
  const app = createHttpApi(crm, { log: (e) => console.error(e) });
  const served = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  // What `broker-crm serve` runs: the API mounted in the app that also serves the widgets and pages.
  const whole = serve({ fetch: createServerApp(crm).fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  let bare: Server | undefined;
  try {
    const appPort = await portOf(served);
    const wholePort = await portOf(whole);
    const { token } = await signIn(crm.runtime, 'kierownik.0.0@bench.pl', BENCH_PASSWORD);
    const cookie = `crm_session=${token}`;
    // The bare server answers the very bytes /api/me answers, so both move the same payload.
    const me = await get(agent, appPort, '/api/me', cookie);
    bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(me);
    });
    const barePort = await listen(bare);
    const [meRps, bareRps] = await alternate(
      () => get(agent, appPort, '/api/me', cookie),
      () => get(agent, barePort, '/'),
    );
    const [wholeRps, bareRps3] = await alternate(
      () => get(agent, wholePort, '/api/me', cookie),
      () => get(agent, barePort, '/'),
    );
    const [healthRps, bareRps2] = await alternate(
      () => get(agent, appPort, '/api/health', cookie),
      () => get(agent, barePort, '/'),
    );
    return [
      benchLine(
        'middleware-me',
        target.engine,
        'GET /api/me with a session cookie through the real app vs bare node:http (same bytes, 8 in flight)',
        meRps,
        bareRps,
        ' req/s',
        'ratio>=0.5',
      ),
      benchLine(
        'middleware-me-server-app',
        target.engine,
        'the same GET /api/me through the whole server app of `broker-crm serve` (API, widgets, pages)',
        wholeRps,
        bareRps3,
        ' req/s',
        'info',
      ),
      benchLine(
        'middleware-health',
        target.engine,
        'GET /api/health with a session cookie (a public route) vs bare node:http',
        healthRps,
        bareRps2,
        ' req/s',
        'info',
      ),
    ];
  } finally {
    agent.destroy();
    await shut(served);
    await shut(whole);
    if (bare) await shut(bare);
    await crm.close();
    await crm.database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await run()) console.log(l);
}
