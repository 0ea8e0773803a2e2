/**
 * @module bench/audit-verify
 * `broker-crm audit verify` on a large log: `BENCH_AUDIT` entries (default 1,000,000) chained and
 * seeded with multi-row inserts (500 rows each) into a fresh database, then walked by `verifyAuditChain` (pages of
 * 5000 on `seq`, every hash recomputed). Goal: under 30 s for 1M entries. The baseline is the same
 * paged read with no hashing (the read floor), measured in the same run; libsql always, PostgreSQL
 * when `CRM_BENCH_POSTGRES_URL` is set (a scratch database, dropped after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, gt } from 'drizzle-orm';
import pg from 'pg';
import { entryHash, GENESIS, verifyAuditChain } from '../core/audit/index.ts';
import { openDatabase, type Database } from '../core/storage/index.ts';

const N = Number(process.env.BENCH_AUDIT ?? 1_000_000);
const GOAL_S = 30;
const actions = ['client.read', 'client.update', 'client.list', 'client.transition', 'activity.record'];

/** Seed `n` chained entries: hashes computed as the writer does, rows in multi-row inserts, one transaction. */
async function seed(database: Database, n: number): Promise<void> {
  const pgDialect = database.dialect === 'postgres';
  const per = 500;
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  let prev = GENESIS;
  for (let start = 1; start <= n; start += per) {
    const args: unknown[] = [];
    const count = Math.min(per, n - start + 1);
    for (let seq = start; seq < start + count; seq++) {
      const at = new Date(t0 + seq * 1000);
      const e = {
        seq,
        id: `a${seq.toString(36).padStart(8, '0')}`,
        at,
        actorId: `u-${seq % 50}`,
        action: actions[seq % actions.length]!,
        entity: 'client',
        entityId: `c-${seq % 20_000}`,
        clientId: `c-${seq % 20_000}`,
        data: { fields: ['phone', 'email'], version: seq % 7 },
        prevHash: prev,
      };
      const hash = entryHash(e);
      args.push(e.id, pgDialect ? at.toISOString() : at.getTime(), e.actorId, e.action, e.entity, e.entityId);
      args.push(JSON.stringify(e.data), e.clientId, seq, prev, hash);
      prev = hash;
    }
    const row = '(?,?,?,?,?,?,?,?,?,?,?)';
    await database.raw(
      'INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, data, client_id, seq, prev_hash, hash) ' +
        `VALUES ${Array.from({ length: count }, () => row).join(',')}`,
      args,
    );
  }
  await database.raw('UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1', [n, prev]);
}

/** The read floor: the same pages, no hashing. */
async function readAll(database: Database): Promise<number> {
  const { db, t } = database;
  let last = 0;
  let n = 0;
  for (;;) {
    const page = await db
      .select()
      .from(t.auditLog)
      .where(gt(t.auditLog.seq, last))
      .orderBy(asc(t.auditLog.seq))
      .limit(5000);
    n += page.length;
    if (page.length < 5000) return n;
    last = Number(page.at(-1)!.seq);
  }
}

async function measure(engine: string, database: Database): Promise<string[]> {
  const s0 = performance.now();
  await seed(database, N);
  console.error(`  audit-verify@${engine}: seeded ${N} entries in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const b0 = performance.now();
  const read = await readAll(database);
  const baseS = (performance.now() - b0) / 1000;
  const v0 = performance.now();
  const r = await verifyAuditChain(database);
  const s = (performance.now() - v0) / 1000;
  if (!r.ok || r.entries !== N || read !== N) throw new Error(`verify failed: ${JSON.stringify(r.broken ?? r)}`);
  return [
    `bench audit-verify@${engine} ${N} entries: ours=${s.toFixed(1)} s (${Math.round(N / s)} entries/s) ` +
      `baseline=${baseS.toFixed(1)} s (paged read, no hashing) ratio=${(s / baseS).toFixed(2)} ` +
      `goal=<${GOAL_S} s ${s < GOAL_S ? 'met' : 'MISSED'}`,
  ];
}

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-audit-'));
  const lib = await openDatabase(`file:${join(dir, 'audit.db')}`);
  try {
    lines.push(...(await measure('libsql', lib)));
  } finally {
    await lib.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const server = process.env.CRM_BENCH_POSTGRES_URL;
  if (server) {
    const name = `crm_bench_audit_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = server.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);
    const database = await openDatabase(url);
    try {
      lines.push(...(await measure('postgres', database)));
    } finally {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  return lines;
}
