/**
 * @module bench/reports
 * Sales by region, then by branch, for a quarter through the HTTP API (session, parameter
 * validation, the reports:read scope, the grouped SQL, the roll-up from units to regions, labels,
 * chart series, JSON) vs the same aggregate SQL run raw (the report's two statements written by
 * hand: sales by unit and day, commission lines by unit and ledger), goal ≤ 2×. The data: HQ →
 * 4 regions → 40 branches, 400 advisors, `BENCH_REPORT_SALES` sales (default 100,000; 5% withdrawn;
 * two commission lines each) spread over 2026. On libsql always, and on PostgreSQL when
 * `CRM_BENCH_POSTGRES_URL` is set (a database is created and dropped for the run).
 * Run alone: `npm run bench -- reports`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/index.ts';
import { createUnit, createUser } from '../core/org/index.ts';
import { openDatabase, type Database } from '../core/storage/database.ts';
import { benchConfigPath } from '../scripts/bench-data.ts';

const REPS = 15;
const PASSWORD = 'bench-haslo-123';
const PRODUCTS = [
  ['bank-aurora', 'aurora-mortgage', 'mortgage'],
  ['bank-aurora', 'aurora-cash-loan', 'cash-loan'],
  ['bank-wislany', 'wislany-mortgage', 'mortgage'],
  ['bank-polnocny', 'polnocny-cash-loan', 'cash-loan'],
] as const;

async function seed(database: Database, n: number) {
  const crm = await createCrm({ config: loadConfigFile(benchConfigPath), database, secret: 'bench-reports-secret' });
  const sys = crm.system('bench');
  const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
  const branches: { id: string; advisors: string[] }[] = [];
  for (let r = 0; r < 4; r++) {
    const region = await createUnit(sys, { code: `R-${r}`, name: `Region ${r}`, type: 'region', parentId: hq.id });
    for (let b = 0; b < 10; b++) {
      const type = b % 3 === 2 ? 'franchise-branch' : 'own-branch';
      const branch = await createUnit(sys, {
        code: `B-${r}-${b}`,
        name: `Oddział ${r}.${b}`,
        type,
        parentId: region.id,
      });
      branches.push({ id: branch.id, advisors: [] });
    }
  }
  await createUser(sys, {
    email: 'dyrektor@bench.pl',
    name: 'Dyrektor Sprzedaży',
    roles: ['sales-director'],
    unitId: hq.id,
    password: PASSWORD,
  });
  for (const [i, b] of branches.entries())
    for (let a = 0; a < 10; a++)
      b.advisors.push(
        (
          await createUser(sys, {
            email: `d${i}-${a}@bench.pl`,
            name: `Doradca ${i}.${a}`,
            roles: ['advisor'],
            unitId: b.id,
          })
        ).id,
      );
  const { db, t } = database;
  const now = new Date();
  for (let i = 0; i < n; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const b = branches[j % branches.length]!;
      const [provider, product, category] = PRODUCTS[j % PRODUCTS.length]!;
      const day = 1 + (j % 365);
      const saleDate = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
      const withdrawn = j % 20 === 0;
      rows.push({
        id: newId(),
        clientId: newId(),
        historyId: null,
        advisorId: b.advisors[(j >> 3) % 10]!,
        unitId: b.id,
        partnerId: null,
        provider,
        product,
        productCategory: category,
        amountMinor: 1_000_000 + ((j * 7919) % 50_000_000),
        saleDate,
        ruleSetVersion: 1,
        facts: {},
        status: withdrawn ? ('cancelled' as const) : ('active' as const),
        cancellation: withdrawn ? { kind: 'withdrawal', date: saleDate } : null,
        createdBy: null,
        createdAt: now,
      });
    }
    await db.insert(t.sales).values(rows);
    // Two commission lines per sale (firm 1.5%, advisor 40% of it), as the engine would write them.
    const lines = rows.flatMap((s) =>
      (['firm', 'advisor'] as const).map((ledger) => {
        const amountMinor = Math.round((s.amountMinor * (ledger === 'firm' ? 150 : 60)) / 10_000);
        return {
          id: newId(),
          saleId: s.id,
          ledger,
          component: 'commission',
          kind: 'proposal' as const,
          status: 'proposed' as const,
          beneficiaryKind: ledger === 'firm' ? ('provider' as const) : ('advisor' as const),
          beneficiaryId: ledger === 'firm' ? s.provider : s.advisorId,
          amountMinor,
          originalMinor: amountMinor,
          missing: false,
          explanation: {},
          period: s.saleDate.slice(0, 7),
          ownerId: ledger === 'advisor' ? s.advisorId : null,
          unitId: s.unitId,
          createdAt: now,
        };
      }),
    );
    for (let k = 0; k < lines.length; k += 500) await db.insert(t.commissionLines).values(lines.slice(k, k + 500));
  }
  return crm;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

async function measure(engine: string, database: Database, n: number): Promise<string[]> {
  const crm = await seed(database, n);
  try {
    const app = createHttpApi(crm, { log: () => {} });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dyrektor@bench.pl', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const q = 'period=quarter&at=2026-05-15';
    const get = async (path: string) => {
      const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ table: { rows: { key: string; cells: { sales: number } }[] } }>;
    };
    const regions = await get(`/api/reports/sales?groupBy=region&${q}`);
    const region = regions.table.rows[0]!.key;
    const ours = await time(async () => {
      await get(`/api/reports/sales?groupBy=region&${q}`);
      await get(`/api/reports/sales?groupBy=branch&unitId=${region}&${q}`);
    });
    const pgSql = database.dialect === 'postgres';
    const stands = pgSql
      ? `(status = 'active' or cancellation ->> 'kind' = 'early-repayment')`
      : `(status = 'active' or json_extract(cancellation, '$.kind') = 'early-repayment')`;
    const p = (i: number) => (pgSql ? `$${i}` : '?');
    // The report's two statements, written by hand: sales by unit and day, commissions by unit and ledger.
    const raw = (units: string) =>
      `select unit_id, sale_date, sum(case when ${stands} then 1 else 0 end) as n, ` +
      `sum(case when ${stands} then amount_minor else 0 end) as volume, ` +
      `sum(case when ${stands} then 0 else 1 end) as withdrawn from sales ` +
      `where sale_date >= ${p(1)} and sale_date <= ${p(2)}${units} group by unit_id, sale_date`;
    const rawLines = (units: string) =>
      `select s.unit_id, l.ledger, sum(l.amount_minor) as amount from commission_lines l ` +
      `join sales s on s.id = l.sale_id where s.sale_date >= ${p(1)} and s.sale_date <= ${p(2)}` +
      `${units.replace('unit_id', 's.unit_id')} group by s.unit_id, l.ledger`;
    const branchIds = (await database.raw(`select id from units where parent_id = ${p(1)}`, [region])).map((r) =>
      String(r.id),
    );
    const inList = branchIds.map((_, i) => p(i + 3)).join(', ');
    const quarter = ['2026-04-01', '2026-06-30'];
    const within = ` and unit_id in (${inList})`;
    const baseline = await time(async () => {
      await Promise.all([database.raw(raw(''), quarter), database.raw(rawLines(''), quarter)]);
      await Promise.all([
        database.raw(raw(within), [...quarter, ...branchIds]),
        database.raw(rawLines(within), [...quarter, ...branchIds]),
      ]);
    });
    const total = regions.table.rows.reduce((s, r) => s + r.cells.sales, 0);
    const ratio = ours / baseline;
    return [
      `bench reports-sales-${engine} sales by region → branch, a quarter (${total} sales of ${n}): ` +
        `ours=${ours.toFixed(1)} ms baseline=${baseline.toFixed(1)} ms ratio=${ratio.toFixed(2)} goal=2.00 ` +
        `${ratio <= 2 ? 'ok' : 'MISSED'}`,
    ];
  } finally {
    await crm.close();
    await database.close();
  }
}

export async function run(): Promise<string[]> {
  const n = Number(process.env.BENCH_REPORT_SALES ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const out: string[] = [];
  try {
    out.push(...(await measure('libsql', await openDatabase(`file:${join(dir, 'crm.db')}`), n)));
    const pgUrl = process.env.CRM_BENCH_POSTGRES_URL;
    if (pgUrl) {
      const name = `crm_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        out.push(
          ...(await measure(
            'postgres',
            await openDatabase(pgUrl.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`)),
            n,
          )),
        );
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else out.push('bench reports-sales-postgres skipped: set CRM_BENCH_POSTGRES_URL to run it on PostgreSQL');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
