/**
 * @module bench/clients-get
 * One client card by id, as a browser gets it: `GET /api/clients/:id` with the session cookie,
 * through the real app served by the Node adapter (`@hono/node-server`) on a loopback socket —
 * security headers, session and actor, scope, field masking, the buffered audit entry of the read,
 * JSON with its ETag — against a bare `node:http` server that runs the raw SELECT by id on the
 * engine's own driver and answers the row as JSON. Both in this process, measured in alternating
 * rounds by the same keep-alive client (8 in flight), on a database of `BENCH_CLIENTS` clients
 * (default 10,000), on libsql and — with `CRM_BENCH_POSTGRES_URL` — PostgreSQL, side by side.
 *
 * The other lines split the cost: the domain call alone (`getClient(ctx, id)`, no HTTP) and resolving
 * a session alone, each vs the raw SELECT in-process; and the HTTP floor, `/api/health` without a
 * session (its `SELECT 1`) vs a bare `node:http` server answering the same bytes.
 * Run alone: `node --conditions=broker-crm-source --import tsx bench/clients-get.bench.ts`.
 */
import { createServer, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { resolveSession, signIn } from '../core/auth/index.ts';
import { getClient } from '../core/clients/get-client.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openDatabase } from '../core/storage/database.ts';
import { BENCH_PASSWORD, BENCH_SECRET, benchConfigPath } from '../scripts/bench-data.ts';
import { alternate, get, keepAliveAgent, listen, portOf, shut } from './http-load.ts';
import { benchLine, benchSize, benchTargets, perSecondPair, type BenchTarget } from './targets.ts';

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
  const engine = target.engine;
  const line = (id: string, what: string, ours: number, baseline: number, goal: string) =>
    benchLine(id, engine, what, ours, baseline, ' req/s', goal);
  // libsql: not migrated, the cached file was built by the generator (see `usable` there).
  const crm = await createCrm({
    config: loadConfigFile(benchConfigPath),
    database: await openDatabase(target.url, { migrate: engine === 'postgres' }),
    secret: BENCH_SECRET,
  });
  const raw = target.query;
  const agent = keepAliveAgent();
  const app = createHttpApi(crm, { log: (e) => console.error(e) });
  const served = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  let bare: Server | undefined;
  try {
    const appPort = await portOf(served);
    const { token } = await signIn(crm.runtime, 'kierownik.0.0@bench.pl', BENCH_PASSWORD);
    const cookie = `crm_session=${token}`;
    const branch = String((await raw("select id from units where code = 'B-0-0'"))[0]!.id);
    const ids = (await raw('select id from clients where unit_id = ? limit 500', [branch])).map((r) => String(r.id));
    const rawById = (i: number) => raw('select * from clients where id = ?', [ids[i % ids.length]!]);
    const healthBody = await get(agent, appPort, '/api/health');
    bare = createServer((req, res) => {
      if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(healthBody);
        return;
      }
      raw('select * from clients where id = ?', [req.url!.slice('/clients/'.length)]).then(
        ([row]) => {
          res.writeHead(row ? 200 : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify(row ?? null));
        },
        (e) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
    });
    const barePort = await listen(bare);
    const first = JSON.parse(await get(agent, appPort, `/api/clients/${ids[0]}`, cookie));
    if (first.id !== ids[0]) throw new Error('the API answered another client');
    const [apiRps, bareRps] = await alternate(
      (i) => get(agent, appPort, `/api/clients/${ids[i % ids.length]}`, cookie),
      (i) => get(agent, barePort, `/clients/${ids[i % ids.length]}`),
    );
    const ctx = crm.as((await resolveSession(crm.runtime, token))!.actor);
    const [domRps, sqlRps] = await perSecondPair((i) => getClient(ctx, ids[i % ids.length]!), rawById, 20);
    const [authRps, sqlRps2] = await perSecondPair(() => resolveSession(crm.runtime, token), rawById, 20);
    const [floorRps, bareRps2] = await alternate(
      () => get(agent, appPort, '/api/health'),
      () => get(agent, barePort, '/health'),
    );
    return [
      line(
        'clients-get',
        'GET /api/clients/:id with a session cookie, Node adapter on a socket, vs bare node:http running the raw ' +
          'SELECT by id (same client, 8 in flight)',
        apiRps,
        bareRps,
        'ratio>=0.5',
      ),
      line(
        'clients-get-domain',
        'getClient(ctx, id) (no HTTP, no sign-in check) vs raw SELECT by id',
        domRps,
        sqlRps,
        'ratio>=0.5',
      ),
      line(
        'clients-auth-share',
        'resolving the session and loading the actor alone (paid by every API request) vs raw SELECT',
        authRps,
        sqlRps2,
        'info',
      ),
      line(
        'clients-http-floor',
        'GET /api/health without a session (Hono, headers, JSON, SELECT 1) vs bare node:http, same bytes',
        floorRps,
        bareRps2,
        'info',
      ),
    ];
  } finally {
    agent.destroy();
    await shut(served);
    if (bare) await shut(bare);
    await crm.close(); // the buffered audit entries of the reads go in first
    await crm.database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await run()) console.log(l);
}
