/**
 * @module bench/clients
 * The client list and card through the HTTP API (`app.request`, no server; a bearer session token,
 * so every request authenticates and loads its actor as in production) against the same SQL run raw
 * on the libsql driver, on a file database of `BENCH_CLIENTS` clients (default 1,000,000; generated
 * once into `.bench-data/` by `scripts/bench-data.ts` and reused):
 * (a) a branch manager's list page, status-filtered, newest first: p50 API vs p50 raw SQL;
 * (b) page 2,000 vs page 1 of a regional director's list (keyset: a deep page costs a first page);
 * (c) GET /api/clients/:id vs a raw prepared SELECT by id, in requests per second.
 * The `-domain`, `-auth-share` and `-http-floor` lines split an API request's cost: the domain
 * operation alone, resolving the session and actor alone, and the HTTP layer around a trivial route.
 * Run alone: `node --import tsx bench/clients.bench.ts`.
 */
import { createClient as createLibsql } from '@libsql/client';
import { resolveSession, signIn } from '../core/auth/sessions.ts';
import { getClient } from '../core/clients/get-client.ts';
import { listClients } from '../core/clients/list-clients.ts';
import { encodeCursor } from '../core/clients/cursor.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openDatabase } from '../core/storage/database.ts';
import { BENCH_PASSWORD, BENCH_SECRET, benchConfigPath, ensureBenchData } from '../scripts/bench-data.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const line = (
  id: string,
  what: string,
  ours: number,
  baseline: number,
  unit: string,
  goal: string,
  ratio = ours / baseline,
) =>
  `bench ${id} ${what}: ours=${fmt(ours)}${unit} baseline=${fmt(baseline)}${unit} ratio=${ratio.toFixed(2)} ` +
  `goal=${goal}`;

/**
 * p50 of two contenders measured turn about (a, b, a, b…), so a noisy shared machine slows both
 * alike instead of whichever happened to run during a spike.
 */
async function p50Pair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  reps: number,
  warmup = 10,
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [median(ta), median(tb)];
}

/** Requests per second of two contenders, in alternating rounds of 50 calls each. */
async function perSecondPair(
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  rounds: number,
): Promise<[number, number]> {
  for (let i = 0; i < 20; i++) {
    await a(i);
    await b(i);
  }
  let sa = 0;
  let sb = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < 50; i++) await a(r * 50 + i);
    sa += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < 50; i++) await b(r * 50 + i);
    sb += performance.now() - t;
  }
  return [(rounds * 50) / (sa / 1000), (rounds * 50) / (sb / 1000)];
}

const LIST_COLS =
  'id, kind, type, source, display_name, owner_id, unit_id, partner_id, referrer_id, status, data, version, ' +
  'created_at, updated_at';

export async function run(): Promise<string[]> {
  const n = Number(process.env.BENCH_CLIENTS ?? 1_000_000);
  const file = await ensureBenchData(n, (s) => console.error(s));
  const url = `file:${file}`;
  // Not migrated: the cached file was built by the generator (see `usable` there).
  const crm = await createCrm({
    config: loadConfigFile(benchConfigPath),
    database: await openDatabase(url, { migrate: false }),
    secret: BENCH_SECRET,
  });
  const driver = createLibsql({ url });
  const out: string[] = [];
  try {
    const app = createHttpApi(crm, { log: (e) => console.error(e) });
    const keyFor = async (email: string) => (await signIn(crm.runtime, email, BENCH_PASSWORD)).token;
    const get = (key: string, path: string) =>
      Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${key}` } })).then(async (r) => {
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<any>;
      });

    // (a) A branch manager (scope unit), status filter, newest first, 50 a page.
    const managerKey = await keyFor('kierownik.0.0@bench.pl');
    const branch = (await driver.execute("select id from units where code = 'B-0-0'")).rows[0]!.id as string;
    const status = 'contact';
    const listPath = `/api/clients?status=${status}&limit=50&total=false`;
    const first = await get(managerKey, listPath);
    const rawList = () =>
      driver.execute({
        sql:
          `select ${LIST_COLS} from clients where unit_id in (?) and status in (?) order by created_at desc, id ` +
          `desc limit 51`,
        args: [branch, status],
      });
    if ((await rawList()).rows.length < Math.min(51, first.items.length + 1))
      throw new Error('raw list disagrees with the API');
    const [apiList, sqlList] = await p50Pair(() => get(managerKey, listPath), rawList, 200);
    out.push(
      line(
        'clients-list',
        `branch manager's list page via HTTP (status filter, 50 rows, ${n.toLocaleString('en')} clients) p50 vs ` +
          `raw SQL`,
        apiList,
        sqlList,
        'ms',
        'ratio<=2',
      ),
    );
    const rawCount = () =>
      driver.execute({
        sql: 'select count(*) from (select 1 from clients where unit_id in (?) and status in (?) limit 10001)',
        args: [branch, status],
      });
    const [withTotal, sqlWithTotal] = await p50Pair(
      () => get(managerKey, listPath.replace('&total=false', '')),
      async () => {
        await rawList();
        await rawCount();
      },
      100,
    );
    // Attribution: the domain operation alone (actor already loaded, no HTTP) vs the same raw SQL.
    const managerCtx = (await resolveSession(crm.runtime, managerKey))!;
    const ctx = crm.as(managerCtx.actor);
    const [domList, sqlList2] = await p50Pair(
      () => listClients(ctx, { status, limit: 50, total: false }),
      rawList,
      200,
    );
    out.push(
      line(
        'clients-list-domain',
        'the same page from listClients(ctx) (no HTTP, no sign-in check) vs raw SQL',
        domList,
        sqlList2,
        'ms',
        'ratio<=2',
      ),
    );
    out.push(
      line(
        'clients-list-total',
        'the same first page with its capped total (<=10,000) vs the two raw queries',
        withTotal,
        sqlWithTotal,
        'ms',
        'ratio<=2',
      ),
    );

    // (b) A regional director (scope subtree: a quarter of the firm), newest first: page P vs page 1.
    const directorKey = await keyFor('dyrektor.0@bench.pl');
    const region = (await driver.execute("select path from units where code = 'R-0'")).rows[0]!.path as string;
    const inRegion = `unit_id in (select id from units where path >= ? and path < ?)`;
    const regionArgs = [region, `${region.slice(0, -1)}0`];
    const size = Number(
      (await driver.execute({ sql: `select count(*) as n from clients where ${inRegion}`, args: regionArgs })).rows[0]!
        .n,
    );
    const page = Math.max(2, Math.min(2000, Math.floor(size / 50)));
    // Setup only: find the row that ends page P-1 (the product itself never uses OFFSET).
    const edge = (
      await driver.execute({
        sql: `select id, created_at from clients where ${inRegion} order by created_at desc, id desc limit 1 offset ?`,
        args: [...regionArgs, (page - 1) * 50 - 1],
      })
    ).rows[0]!;
    const cursor = encodeCursor(BENCH_SECRET, {
      sort: 'createdAt',
      order: 'desc',
      value: Number(edge.created_at),
      id: String(edge.id),
    });
    const deep = await get(directorKey, `/api/clients?limit=50&cursor=${encodeURIComponent(cursor)}`);
    if (!deep.items.length) throw new Error('page P is empty');
    const [pP, p1] = await p50Pair(
      () => get(directorKey, `/api/clients?limit=50&cursor=${encodeURIComponent(cursor)}`),
      () => get(directorKey, '/api/clients?limit=50&total=false'),
      150,
    );
    out.push(
      line(
        'clients-deep-page',
        `page ${page.toLocaleString('en')} vs page 1 via HTTP (regional director, ${size.toLocaleString('en')} ` +
          `clients in scope) p50`,
        pP,
        p1,
        'ms',
        'ratio<=1.5',
      ),
    );

    // (c) One client card by id: requests per second, API vs a prepared SELECT.
    const ids = (
      await driver.execute({ sql: 'select id from clients where unit_id = ? limit 500', args: [branch] })
    ).rows.map((r) => String(r.id));
    const [apiRps, sqlRps] = await perSecondPair(
      (i) => get(managerKey, `/api/clients/${ids[i % ids.length]}`),
      (i) => driver.execute({ sql: 'select * from clients where id = ?', args: [ids[i % ids.length]!] }),
      20,
    );
    out.push(
      line(
        'clients-get',
        'GET /api/clients/:id via HTTP vs raw prepared SELECT by id',
        apiRps,
        sqlRps,
        ' req/s',
        'ratio>=0.5',
      ),
    );
    const [domRps, sqlRps2] = await perSecondPair(
      (i) => getClient(ctx, ids[i % ids.length]!),
      (i) => driver.execute({ sql: 'select * from clients where id = ?', args: [ids[i % ids.length]!] }),
      20,
    );
    out.push(
      line(
        'clients-get-domain',
        'getClient(ctx, id) (no HTTP, no sign-in check) vs raw prepared SELECT by id',
        domRps,
        sqlRps2,
        ' req/s',
        'ratio>=0.5',
      ),
    );
    const [authRps, sqlRps3] = await perSecondPair(
      () => resolveSession(crm.runtime, managerKey),
      (i) => driver.execute({ sql: 'select * from clients where id = ?', args: [ids[i % ids.length]!] }),
      20,
    );
    out.push(
      line(
        'clients-auth-share',
        'resolving the session and loading the actor alone (paid by every API request) vs raw SELECT',
        authRps,
        sqlRps3,
        ' req/s',
        'info',
      ),
    );
    // The floor of the HTTP layer: a public route (no session) whose handler runs `SELECT 1`.
    const health = () => Promise.resolve(app.request('/api/health')).then((r) => r.json());
    const [floorRps, sqlRps4] = await perSecondPair(
      health,
      (i) => driver.execute({ sql: 'select * from clients where id = ?', args: [ids[i % ids.length]!] }),
      20,
    );
    out.push(
      line(
        'clients-http-floor',
        'GET /api/health (Hono, Request/Response, JSON; no session) vs raw SELECT',
        floorRps,
        sqlRps4,
        ' req/s',
        'info',
      ),
    );
  } finally {
    driver.close();
    await crm.database.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await run()) console.log(l);
}
