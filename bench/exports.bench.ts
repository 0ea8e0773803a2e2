/**
 * @module bench/exports
 * XLSX export of `BENCH_EXPORT_CLIENTS` clients (default 100,000) × 20 columns through the export
 * path (a branch manager's `exportListTo`: permission, scope, `listClients` pages with masking,
 * names, typed cells, neutralisation, audit) vs exceljs's streaming writer alone on the same rows
 * read in the same pages (goal ≤ 1.3×), each contender in its own process, alternated twice, best of
 * two. Peak RSS of the export path is printed (goal ≤ 300 MB). On libsql always, and on PostgreSQL
 * when `CRM_BENCH_POSTGRES_URL` is set (a database is created and dropped for the run).
 * Run alone: `npm run bench -- exports`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createCrm } from '../core/crm.ts';
import { loadConfigFile } from '../core/firm/index.ts';
import { newId } from '../core/ids/index.ts';
import { createUnit, createUser } from '../core/org/index.ts';
import { openDatabase, type Database } from '../core/storage/database.ts';
import { benchConfigPath } from '../scripts/bench-data.ts';

const run$ = promisify(execFile);
const worker = fileURLToPath(new URL('./exports-worker.ts', import.meta.url));
const FIRST = ['Anna', 'Maria', 'Łucja', 'Piotr', 'Jan', 'Grzegorz', 'Zofia', 'Michał'];
const LAST = ['Nowak', 'Kowalska', 'Wiśniewski', 'Wójcik', 'Brzęczyszczykiewicz', 'Zając', 'Dąbrowska'];
const CITIES = ['Gdańsk', 'Kraków', 'Warszawa', 'Łódź', 'Wrocław'];
const STATUSES = ['new', 'contact', 'analysis', 'offer', 'application'];

/** A branch with a manager and `n` clients with the demo's person fields. */
async function seed(database: Database, n: number): Promise<string> {
  const crm = await createCrm({ config: loadConfigFile(benchConfigPath), database, secret: 'bench-exports-secret' });
  const sys = crm.system('bench');
  const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
  const region = await createUnit(sys, { code: 'R-1', name: 'Region Północ', type: 'region', parentId: hq.id });
  const branch = await createUnit(sys, {
    code: 'B-1',
    name: 'Gdańsk Wrzeszcz',
    type: 'own-branch',
    parentId: region.id,
  });
  const manager = await createUser(sys, {
    email: 'kierownik@bench.pl',
    name: 'Katarzyna Lewandowska',
    roles: ['branch-manager'],
    unitId: branch.id,
    password: 'bench-haslo-123',
  });
  const advisors = [];
  for (let i = 0; i < 10; i++)
    advisors.push(
      await createUser(sys, {
        email: `doradca${i}@bench.pl`,
        name: `Doradca ${i}`,
        roles: ['advisor'],
        unitId: branch.id,
      }),
    );
  const base = Date.parse('2024-01-01T08:00:00Z');
  for (let start = 0; start < n; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + 1000); i++) {
      const firstName = FIRST[i % FIRST.length]!;
      const lastName = LAST[(i * 7) % LAST.length]!;
      const at = new Date(base + i * 60_000);
      batch.push({
        id: newId(at.getTime()),
        kind: 'person',
        type: 'company-acquired',
        source: 'website-form',
        displayName: `${firstName} ${lastName}`,
        ownerId: advisors[i % 10]!.id,
        unitId: branch.id,
        partnerId: null,
        status: STATUSES[i % STATUSES.length]!,
        data: {
          firstName,
          lastName,
          pesel: String(80010100000 + i).padStart(11, '0'),
          phone: `+48600${String(i).padStart(6, '0')}`,
          email: `klient${i}@example.pl`,
          street: `ul. Długa ${i % 200}`,
          postalCode: '80-001',
          city: CITIES[i % CITIES.length],
          employment: 'umowa-o-prace',
          netMonthlyIncomeMinor: 450_000 + (i % 1000) * 101,
          householdSize: 1 + (i % 5),
        },
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
    await database.db.insert(database.t.clients).values(batch);
  }
  return manager.id;
}

async function contender(mode: 'ours' | 'baseline' | 'floor', url: string, managerId: string, out: string) {
  const { stdout } = await run$(process.execPath, ['--import', 'tsx', worker, mode, url, managerId, out], {
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; rows: number; peakRssMb: number };
  return { ...r, bytes: statSync(out).size };
}

async function measure(engine: string, url: string, database: Database, n: number, dir: string): Promise<string[]> {
  const t0 = performance.now();
  const managerId = await seed(database, n);
  await database.close();
  console.error(
    `  (exports: ${n.toLocaleString('en')} clients seeded on ${engine} in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const ours: Array<Awaited<ReturnType<typeof contender>>> = [];
  const base: Array<Awaited<ReturnType<typeof contender>>> = [];
  for (let round = 0; round < 2; round++) {
    ours.push(await contender('ours', url, managerId, join(dir, `ours-${engine}.xlsx`)));
    base.push(await contender('baseline', url, managerId, join(dir, `base-${engine}.xlsx`)));
  }
  const floor = await contender('floor', url, managerId, join(dir, `floor-${engine}.xlsx`));
  for (const r of [...ours, ...base])
    if (r.rows !== n) throw new Error(`${engine}: exported ${r.rows} rows, expected ${n}`);
  const best = (xs: typeof ours) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const o = best(ours);
  const b = best(base);
  const peak = Math.max(...ours.map((r) => r.peakRssMb));
  const basePeak = Math.max(...base.map((r) => r.peakRssMb));
  return [
    `bench exports-xlsx-${engine} ${n.toLocaleString('en')} clients x 20 columns through the export path vs exceljs ` +
      `streaming writer alone on the same rows: ours=${(o.ms / 1000).toFixed(2)}s ` +
      `baseline=${(b.ms / 1000).toFixed(2)}s ` +
      `ratio=${(o.ms / b.ms).toFixed(2)} goal=ratio<=1.3`,
    `bench exports-rss-${engine} peak RSS of the export path process: ours=${peak.toFixed(0)}MB ` +
      `baseline=${basePeak.toFixed(0)}MB process-floor=${floor.peakRssMb.toFixed(0)}MB (loaded, no rows) ` +
      `file=${(o.bytes / 1e6).toFixed(1)}MB goal=ours<=300MB`,
  ];
}

export async function run(): Promise<string[]> {
  const n = Number(process.env.BENCH_EXPORT_CLIENTS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-exports-'));
  const out: string[] = [];
  try {
    const file = join(dir, 'crm.db');
    out.push(...(await measure('libsql', `file:${file}`, await openDatabase(`file:${file}`), n, dir)));
    const pgUrl = process.env.CRM_BENCH_POSTGRES_URL;
    if (pgUrl) {
      const name = `crm_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = pgUrl.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
      try {
        out.push(...(await measure('postgres', url, await openDatabase(url), n, dir)));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else {
      out.push('bench exports-xlsx-postgres skipped: set CRM_BENCH_POSTGRES_URL to run it on PostgreSQL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
