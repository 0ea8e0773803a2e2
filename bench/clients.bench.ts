/**
 * @module bench/clients
 * The client list and card through the HTTP API (`app.request`, no server; a bearer session token,
 * so every request authenticates and loads its actor as in production) against the same SQL run raw
 * on the engine's own driver, on a database of `BENCH_CLIENTS` clients (default 10,000; 1,000,000
 * works), on libsql and — when `CRM_BENCH_POSTGRES_URL` is set — on PostgreSQL, side by side
 * (`bench/targets.ts` generates and caches both):
 * (a) a branch manager's list page, status-filtered, newest first: p50 and p95, API vs raw SQL;
 * (b) a deep page vs page 1 of a regional director's list (keyset: a deep page costs a first page).
 * The `-domain` line is the list operation alone (no HTTP). The `-sealed` lines are (a) again on a small
 * database of its own (`BENCH_SEALED_CLIENTS`, default 10,000) whose encrypted fields (PESEL, phone,
 * e-mail, income in the demo config) are sealed as the CRM stores them, so every row is opened
 * (decrypted) and masked instead of taking the list's splice-the-stored-JSON shortcut, as real data
 * does (the main database holds them in clear). One client card by id is measured by
 * `clients-get.bench.ts` (through the Node adapter on a socket).
 * Run alone: `node --conditions=broker-crm-source --import tsx bench/clients.bench.ts`.
 */
import { resolveSession, signIn } from '../core/auth/index.ts';
import { listClients } from '../core/clients/list-clients.ts';
import { encodeCursor } from '../core/clients/cursor.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openDatabase } from '../core/storage/database.ts';
import {
  BENCH_PASSWORD,
  BENCH_SECRET,
  benchConfigPath,
  ensureBenchData,
  ensureBenchDataPg,
} from '../scripts/bench-data.ts';
import { backendCpu } from './pg-cpu.ts';
import { benchLine, benchSize, benchTargets, cpuPair, quantile, timePair, type BenchTarget } from './targets.ts';

const LIST_COLS =
  'id, kind, type, source, display_name, owner_id, unit_id, partner_id, referrer_id, status, data, version, ' +
  'created_at, updated_at';

export async function run(): Promise<string[]> {
  const n = benchSize();
  const out: string[] = [];
  for (const target of await benchTargets(n)) {
    try {
      out.push(...(await runOn(target, n)));
    } finally {
      await target.close();
    }
  }
  const sealedN = Number(process.env.BENCH_SEALED_CLIENTS ?? 10_000);
  for (const target of await benchTargets(sealedN, undefined, 'sealed')) {
    try {
      out.push(...(await runSealedOn(target, sealedN)));
    } finally {
      await target.close();
    }
  }
  return out;
}

/**
 * (a) on the sealed database: the branch manager's list page via HTTP, p50 and CPU p50 vs the same
 * raw SQL (which returns the sealed text: the baseline decrypts nothing, as in the plain lines).
 */
async function runSealedOn(target: BenchTarget, n: number): Promise<string[]> {
  const engine = target.engine;
  const crm = await createCrm({
    config: loadConfigFile(benchConfigPath),
    database: await openDatabase(target.url, { migrate: engine === 'postgres' }),
    secret: BENCH_SECRET,
  });
  const raw = target.query;
  try {
    const app = createHttpApi(crm, { log: (e) => console.error(e) });
    const key = (await signIn(crm.runtime, 'kierownik.0.0@bench.pl', BENCH_PASSWORD)).token;
    const get = (path: string) =>
      Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${key}` } })).then(async (r) => {
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<any>;
      });
    const { branch, status, listPath } = await managerPage(raw);
    const rawList = () =>
      raw(
        `select ${LIST_COLS} from clients where unit_id in (?) and status in (?) order by created_at desc, id ` +
          'desc limit 51',
        [branch, status],
      );
    const first = await get(listPath);
    const rows = await rawList();
    if (rows.length !== first.items.length + (first.nextCursor ? 1 : 0) || first.items.length < 50)
      throw new Error(`raw list disagrees with the API (or the page is not full: ${first.items.length} rows)`);
    // Honest only if every row is stored sealed and the API shows the values opened (or masked).
    const storedText = (d: unknown) => (typeof d === 'string' ? d : JSON.stringify(d));
    if (!rows.every((r) => storedText(r.data).includes('"enc:v1:')))
      throw new Error('the sealed bench database holds a client without a sealed field');
    if (JSON.stringify(first.items).includes('enc:v1:') || !first.items.every((c: any) => c.data.pesel))
      throw new Error('the list page does not show the sealed fields opened');
    const size = n.toLocaleString('en');
    const what =
      `branch manager's list page via HTTP, encrypted fields sealed ` + `(status filter, 50 rows, ${size} clients)`;
    const [api, sql] = await timePair(() => get(listPath), rawList, 200);
    const out = [
      benchLine(
        'clients-list-sealed',
        engine,
        `${what} p50 vs raw SQL`,
        quantile(api, 0.5),
        quantile(sql, 0.5),
        'ms',
        'ratio<=2',
      ),
    ];
    await Promise.all(Array.from({ length: 4 }, () => get(listPath)));
    const backends = await backendCpu(target);
    const cpuWhat = backends
      ? "this process's CPU + the PostgreSQL backends' CPU"
      : "this process's CPU, user + system";
    if (engine === 'libsql' || backends) {
      const [cpuApi, cpuSql] = await cpuPair(() => get(listPath), rawList, 200, 10, backends ?? undefined);
      out.push(
        benchLine(
          'clients-list-sealed-cpu',
          engine,
          `${what} CPU time p50 vs raw SQL (${cpuWhat})`,
          quantile(cpuApi, 0.5),
          quantile(cpuSql, 0.5),
          'ms',
          'ratio<=2',
        ),
      );
    }
    return out;
  } finally {
    await crm.close(); // the buffered audit entries (reads of personal data) go in first
    await crm.database.close();
  }
}

async function runOn(target: BenchTarget, n: number): Promise<string[]> {
  const engine = target.engine;
  const line = (id: string, what: string, ours: number, baseline: number, unit: string, goal: string) =>
    benchLine(id, engine, what, ours, baseline, unit, goal);
  // libsql: not migrated, the cached file was built by the generator (see `usable` there).
  const crm = await createCrm({
    config: loadConfigFile(benchConfigPath),
    database: await openDatabase(target.url, { migrate: engine === 'postgres' }),
    secret: BENCH_SECRET,
  });
  const raw = target.query;
  const out: string[] = [];
  try {
    const app = createHttpApi(crm, { log: (e) => console.error(e) });
    const keyFor = async (email: string) => (await signIn(crm.runtime, email, BENCH_PASSWORD)).token;
    const get = (key: string, path: string) =>
      Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${key}` } })).then(async (r) => {
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<any>;
      });

    // (a) A branch manager (scope unit), newest first, 50 a page, filtered by the branch's most
    // frequent status (so the page is full at 10,000 clients as at a million).
    const managerKey = await keyFor('kierownik.0.0@bench.pl');
    const { branch, status, listPath } = await managerPage(raw);
    const first = await get(managerKey, listPath);
    const rawList = () =>
      raw(
        `select ${LIST_COLS} from clients where unit_id in (?) and status in (?) order by created_at desc, id ` +
          'desc limit 51',
        [branch, status],
      );
    // The API reads one row more than it shows to know whether a next page exists.
    const expected = first.items.length + (first.nextCursor ? 1 : 0);
    if ((await rawList()).length !== expected || first.items.length < 50)
      throw new Error(`raw list disagrees with the API (or the page is not full: ${first.items.length} rows)`);
    const [apiList, sqlList] = await timePair(() => get(managerKey, listPath), rawList, 200);
    const listWhat = `branch manager's list page via HTTP (status filter, 50 rows, ${n.toLocaleString('en')} clients)`;
    out.push(
      line(
        'clients-list',
        `${listWhat} p50 vs raw SQL`,
        quantile(apiList, 0.5),
        quantile(sqlList, 0.5),
        'ms',
        'ratio<=2',
      ),
      line(
        'clients-list-p95',
        `${listWhat} p95 vs raw SQL p95 (goal: ours < 50 ms)`,
        quantile(apiList, 0.95),
        quantile(sqlList, 0.95),
        'ms',
        'ours<50ms',
      ),
    );
    // The same page in CPU time: what our code costs, apart from waiting for a core (see `cpuPair`).
    // On PostgreSQL the query runs in the server's backends: their CPU is added on both sides (pg-cpu.ts).
    // A few requests at once first, so the pool has opened the connections the measured calls use.
    await Promise.all(Array.from({ length: 4 }, () => get(managerKey, listPath)));
    const backends = await backendCpu(target);
    const cpuWhat = backends
      ? "this process's CPU + the PostgreSQL backends' CPU"
      : "this process's CPU, user + system";
    if (engine === 'libsql' || backends) {
      const [cpuList, cpuSql] = await cpuPair(() => get(managerKey, listPath), rawList, 200, 10, backends ?? undefined);
      out.push(
        line(
          'clients-list-cpu',
          `${listWhat} CPU time p50 vs raw SQL (${cpuWhat})`,
          quantile(cpuList, 0.5),
          quantile(cpuSql, 0.5),
          'ms',
          'ratio<=2',
        ),
      );
    }
    const rawCount = () =>
      raw('select count(*) from (select 1 from clients where unit_id in (?) and status in (?) limit 10001) capped', [
        branch,
        status,
      ]);
    const [withTotal, sqlWithTotal] = await timePair(
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
    const [domList, sqlList2] = await timePair(
      () => listClients(ctx, { status, limit: 50, total: false }),
      rawList,
      200,
    );
    out.push(
      line(
        'clients-list-domain',
        'the same page from listClients(ctx) (no HTTP, no sign-in check) vs raw SQL, p50',
        quantile(domList, 0.5),
        quantile(sqlList2, 0.5),
        'ms',
        'ratio<=2',
      ),
      line(
        'clients-list-total',
        'the same first page with its capped total (<=10,000) vs the two raw queries, p50',
        quantile(withTotal, 0.5),
        quantile(sqlWithTotal, 0.5),
        'ms',
        'ratio<=2',
      ),
    );

    // (b) A regional director (scope subtree: a quarter of the firm), newest first: a deep page vs page 1.
    const directorKey = await keyFor('dyrektor.0@bench.pl');
    const region = String((await raw("select path from units where code = 'R-0'"))[0]!.path);
    const inRegion = `unit_id in (select id from units where path >= ? and path < ?)`;
    const regionArgs = [region, `${region.slice(0, -1)}0`];
    const size = Number((await raw(`select count(*) as n from clients where ${inRegion}`, regionArgs))[0]!.n);
    const page = Math.max(2, Math.min(2000, Math.floor(size / 50)));
    // Setup only: find the row that ends page P-1 (the product itself never uses OFFSET).
    const edge = (
      await raw(
        `select id, created_at from clients where ${inRegion} order by created_at desc, id desc limit 1 offset ?`,
        [...regionArgs, (page - 1) * 50 - 1],
      )
    )[0]!;
    const cursor = encodeCursor(BENCH_SECRET, {
      sort: 'createdAt',
      order: 'desc',
      value: edge.created_at instanceof Date ? edge.created_at.getTime() : Number(edge.created_at),
      id: String(edge.id),
    });
    const deepPath = `/api/clients?limit=50&total=false&cursor=${encodeURIComponent(cursor)}`;
    const deep = await get(directorKey, deepPath);
    if (!deep.items.length) throw new Error('page P is empty');
    const [pP, p1] = await timePair(
      () => get(directorKey, deepPath),
      () => get(directorKey, '/api/clients?limit=50&total=false'),
      150,
    );
    const deepWhat = `page ${page.toLocaleString('en')} vs page 1 via HTTP (regional director, ${size.toLocaleString(
      'en',
    )} clients in scope)`;
    out.push(
      line('clients-deep-page', `${deepWhat} p50`, quantile(pP, 0.5), quantile(p1, 0.5), 'ms', 'ratio<=1.5'),
      line('clients-deep-page-p95', `${deepWhat} p95`, quantile(pP, 0.95), quantile(p1, 0.95), 'ms', 'ours<50ms'),
    );
    // Both sides are API calls in this process (and, on PostgreSQL, the backends' work for them).
    const [cP, c1] = await cpuPair(
      () => get(directorKey, deepPath),
      () => get(directorKey, '/api/clients?limit=50&total=false'),
      150,
      10,
      backends ?? undefined,
    );
    out.push(
      line(
        'clients-deep-page-cpu',
        `${deepWhat} CPU time p50 (${cpuWhat})`,
        quantile(cP, 0.5),
        quantile(c1, 0.5),
        'ms',
        'ratio<=1.5',
      ),
    );
  } finally {
    await crm.database.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await run()) console.log(l);
}

/**
 * The branch manager's page both list sections measure: branch B-0-0, filtered by its most frequent
 * status (so the page is full at 10,000 clients as at a million), newest first, 50 a page.
 */
async function managerPage(raw: (sqlText: string, args?: unknown[]) => Promise<Record<string, unknown>[]>) {
  const branch = String((await raw("select id from units where code = 'B-0-0'"))[0]!.id);
  const status = String(
    (
      await raw('select status, count(*) as n from clients where unit_id = ? group by status order by n desc limit 1', [
        branch,
      ])
    )[0]!.status,
  );
  return { branch, status, listPath: `/api/clients?status=${status}&limit=50&total=false` };
}
