/**
 * @module bench/middleware
 * The cost of the middleware stack: an authenticated trivial GET (`/api/me` with the session cookie,
 * through the real app served by `@hono/node-server`: security headers, body limit, session and
 * actor, the route) against a bare `node:http` server answering the same bytes, both on loopback in
 * this process, measured in alternating rounds by one keep-alive client with 8 requests in flight.
 * Runs on libsql and, when `CRM_BENCH_POSTGRES_URL` is set, on PostgreSQL (`bench/targets.ts`).
 * Run alone: `node --conditions=broker-crm-source --import tsx bench/middleware.bench.ts`.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { signIn } from '../core/auth/index.ts';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openDatabase } from '../core/storage/database.ts';
import { BENCH_PASSWORD, BENCH_SECRET, benchConfigPath } from '../scripts/bench-data.ts';
import { benchLine, benchSize, benchTargets, type BenchTarget } from './targets.ts';

const IN_FLIGHT = 8;
const PER_ROUND = 200;
const ROUNDS = 6;

/** GET `path` on `port`, keep-alive; resolves with the body (throws unless 200). */
function get(agent: Agent, port: number, path: string, cookie?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: cookie ? { cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Seconds taken by `count` requests with IN_FLIGHT at a time. */
async function burst(send: () => Promise<unknown>, count: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < count) await send();
    }),
  );
  return (performance.now() - t) / 1000;
}

/** Requests per second of two servers, alternating rounds. */
async function alternate(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await burst(a, 100);
  await burst(b, 100);
  let sa = 0;
  let sb = 0;
  for (let r = 0; r < ROUNDS; r++) {
    sa += await burst(a, PER_ROUND);
    sb += await burst(b, PER_ROUND);
  }
  return [(ROUNDS * PER_ROUND) / sa, (ROUNDS * PER_ROUND) / sb];
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

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
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const app = createHttpApi(crm, { log: (e) => console.error(e) });
  const served = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  let bare: Server | undefined;
  try {
    const appPort = await new Promise<number>((resolve) => {
      if (served.listening) resolve((served.address() as AddressInfo).port);
      else served.once('listening', () => resolve((served.address() as AddressInfo).port));
    });
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
    await new Promise((r) => served.close(r));
    if (bare) await new Promise((r) => bare!.close(r));
    await crm.database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await run()) console.log(l);
}
