/**
 * @module bench/import
 * Client import of 100,000 rows (`BENCH_IMPORT_ROWS`) from a Windows-1250 CSV against raw multi-row
 * inserts of the same rows into the clients table, each contender in its own process on a fresh
 * database (`bench/import-worker.ts`), on libsql and — with `CRM_BENCH_POSTGRES_URL` — PostgreSQL.
 * The import does far more per row (parsing, validation with checksums, keyed hashes, encryption
 * of marked fields, status history, an audit entry, the import's links and counts), so the ratio is
 * the price of those rules. Peak RSS is printed beside the floor (the same process importing 10
 * rows): memory should grow with the file's text, not with what is imported (batches of 500).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { benchLine, fmt } from './targets.ts';

const run$ = promisify(execFile);
const worker = fileURLToPath(new URL('./import-worker.ts', import.meta.url));

interface Result {
  ms: number;
  rows: number;
  peakRssMb: number;
}

async function contender(mode: string, url: string, n: number): Promise<Result> {
  const { stdout } = await run$(
    process.execPath,
    ['--conditions=broker-crm-source', '--import', 'tsx', worker, mode, url, String(n)],
    { maxBuffer: 1 << 20, env: process.env },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Result;
}

/** A fresh database per contender: a file for libsql, a scratch database on the PostgreSQL server. */
async function fresh(engine: 'libsql' | 'postgres'): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'libsql') {
    const dir = mkdtempSync(join(tmpdir(), 'crm-import-bench-'));
    return { url: `file:${join(dir, 'crm.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = process.env.CRM_BENCH_POSTGRES_URL!;
  const name = `crm_import_bench_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: server.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function run(): Promise<string[]> {
  const n = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const engines = process.env.CRM_BENCH_POSTGRES_URL ? (['libsql', 'postgres'] as const) : (['libsql'] as const);
  const lines: string[] = [];
  for (const engine of engines) {
    const out: Record<string, Result> = {};
    for (const mode of ['floor', 'baseline', 'ours']) {
      const db = await fresh(engine);
      try {
        out[mode] = await contender(mode, db.url, n);
      } finally {
        await db.drop();
      }
    }
    const { ours, baseline, floor } = out as Record<'ours' | 'baseline' | 'floor', Result>;
    if (ours.rows !== n || baseline.rows !== n) throw new Error(`import bench: ${ours.rows}/${baseline.rows} of ${n}`);
    lines.push(
      benchLine('import', engine, `${n} CSV rows as clients, ms`, ours.ms, baseline.ms, 'ms', 'the rules cost'),
    );
    lines.push(
      `bench import@${engine} peak RSS: import=${fmt(ours.peakRssMb)}MB raw-inserts=${fmt(baseline.peakRssMb)}MB ` +
        `floor=${fmt(floor.peakRssMb)}MB (10 rows) rows/s=${fmt((n / ours.ms) * 1000)}`,
    );
  }
  return lines;
}
