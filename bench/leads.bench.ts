/**
 * @module bench/leads
 * Sustained `POST /api/leads` over loopback — a real server on 127.0.0.1, a load generator in a
 * separate process keeping a fixed number of requests in flight — with everything a lead costs (public key,
 * spam screening, validation, idempotency, dedupe, assignment, consents, audit, outbox), against raw
 * single-row inserts on the same driver and the same durable settings (WAL, synchronous FULL), both
 * measured in this run, on libsql and (with CRM_BENCH_POSTGRES_URL) on a scratch PostgreSQL database. Each line
 * also gives the server's CPU time per lead (the generator's is not counted). BENCH_PROFILE=<folder> writes a
 * CPU profile of the measured window per engine. Plus the lead form's download size against its 12 KB goal.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfigFile } from '../core/firm/index.ts';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { issueFormToken } from '../core/leads/form-token.ts';
import { bodyHash } from '../core/leads/idempotency.ts';
import { receiveLead } from '../core/leads/intake.ts';
import { createSourceKey, resolveSourceKey } from '../core/leads/source-keys.ts';
import { createUnit } from '../core/org/units.ts';
import { createUser } from '../core/org/users.ts';
import { openDatabase, type Database } from '../core/storage/database.ts';
import pg from 'pg';
import Sqlite from 'libsql';
import { buildWidgets } from '../scripts/build-widgets.ts';
import { gzipSize } from '../scripts/widget-sizes.ts';
import { readFileSync } from 'node:fs';

// createCrm needs install keys: the bench's own, through the environment (they encrypt only its scratch data).
process.env.CRM_SECRET ??= 'leads-bench-secret-0123456789abcdef';
process.env.CRM_DATA_KEY ??= Buffer.alloc(32, 9).toString('base64');

const LEADS = Number(process.env.BENCH_LEADS ?? 1000);
/** Leads sent before the measured window (not counted): the server's code is compiled and its caches warm, as in a
 * server that has run for a while; the first requests otherwise bill V8's parsing and compiling to the leads. */
const WARMUP = Number(process.env.BENCH_LEADS_WARMUP ?? 400);
const CONCURRENCY = 32;
const ORIGIN = 'https://landing.bench.example';
const fmt = (n: number) => n.toFixed(0);

/**
 * Statements this process sends to the database, counted at the drivers: every PostgreSQL query is a round trip,
 * and the libsql client prepares every statement it runs (the read connection's kept statements are prepared once).
 * A count per lead does not move with the machine's load as times do, so it shows what a change to the write path
 * did even when the CPU figures are noise.
 */
let statements = 0;
for (const proto of [pg.Client.prototype, Sqlite.prototype] as unknown as Array<Record<string, Function>>) {
  const method = proto === (pg.Client.prototype as unknown) ? 'query' : 'prepare';
  const original = proto[method]!;
  proto[method] = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
}

/**
 * The load generator, in a process of its own (as wrk would be): sharing the server's event loop
 * would bill the client's work to the server. Keeps `concurrency` requests in flight over
 * keep-alive connections and reports the wall time of the whole run.
 */
const generatorSource = `
const { url, token, origin, leads, concurrency, first } = JSON.parse(process.argv[1]);
let next = first, end = first + leads, failed = 0, firstError = null;
const send = async (i) => {
  const data = {
    firstName: 'Jan', lastName: 'Bench' + i, phone: '60' + String(1000000 + i).slice(-7),
    email: 'jan.bench' + i + '@poczta.example', city: 'Gdańsk',
  };
  const body = JSON.stringify({ data, consents: [{ purpose: 'contact', version: '2026-01' }], formToken: token });
  try {
    const headers = { 'content-type': 'application/json', origin, 'idempotency-key': 'bench-lead-' + i };
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    if (res.status !== 201) { failed++; firstError ??= res.status + ' ' + text.slice(0, 200); }
  } catch (e) { failed++; firstError ??= String(e.cause?.message ?? e.message); }
};
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => { while (next < end) await send(next++); }));
process.stdout.write(JSON.stringify({ ms: performance.now() - started, failed, firstError }));
`;

function loadGenerator(args: {
  url: string;
  token: string;
  origin: string;
  leads: number;
  concurrency: number;
  /** The number of the first lead (names and idempotency keys go on from there). */
  first: number;
}): Promise<{ ms: number; failed: number; firstError: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', generatorSource, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { ms: number; failed: number; firstError: string | null })
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

interface Engine {
  name: 'libsql' | 'postgres';
  /** What the line says about durability. */
  durable: string;
  open(): Promise<{ database: Database; drop(): Promise<void> }>;
}

const libsql: Engine = {
  name: 'libsql',
  durable: 'WAL synchronous=FULL, group commit',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'crm-bench-leads-'));
    const database = await openDatabase(`file:${join(dir, 'crm.db')}`);
    // Durable commits, as the line says: WAL with synchronous=FULL (2), checked rather than assumed.
    const [mode] = await database.raw('PRAGMA journal_mode');
    const [sync] = await database.raw('PRAGMA synchronous');
    if (String(mode?.journal_mode) !== 'wal' || Number(sync?.synchronous) !== 2)
      throw new Error(`expected WAL + synchronous=FULL, got ${JSON.stringify({ mode, sync })}`);
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A scratch database on the server of CRM_BENCH_POSTGRES_URL, dropped afterwards. */
const postgres = (url: string): Engine => ({
  name: 'postgres',
  durable: 'synchronous_commit=on, group commit',
  async open() {
    const admin = async (sqlText: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(sqlText);
      } finally {
        await c.end();
      }
    };
    const name = `crm_bench_leads_${randomBytes(5).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const database = await openDatabase(url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`));
    const [sync] = await database.raw('SHOW synchronous_commit');
    if (String(sync?.synchronous_commit) !== 'on')
      throw new Error(`expected synchronous_commit=on, got ${JSON.stringify(sync)}`);
    return {
      database,
      drop: async () => {
        await database.close();
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  },
});

/** BENCH_PROFILE=<folder>: a CPU profile of the server during the measured window, one file per engine. */
async function profiled<T>(engine: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `leads-${engine}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The generator's body of lead `i`, for the in-process run. */
const leadBody = (i: number) => ({
  data: {
    firstName: 'Jan',
    lastName: 'Bench' + i,
    phone: '60' + String(1000000 + i).slice(-7),
    email: 'jan.bench' + i + '@poczta.example',
    city: 'Gdańsk',
  },
  consents: [{ purpose: 'contact', version: '2026-01' }],
});

async function throughput(engine: Engine): Promise<string[]> {
  const { database, drop } = await engine.open();
  try {
    const base = loadConfigFile(new URL('../examples/demo-firm/crm.config.json', import.meta.url).pathname);
    const config = {
      ...base,
      leads: {
        ...base.leads,
        spam: { ...base.leads.spam, perIpPerMinute: 1e9, perKeyPerMinute: 1e9 },
        assignment: { roles: ['advisor'], rules: [{ id: 'all', unit: 'B-1' }] },
      },
    };
    const crm = await createCrm({ config, database });
    const sys = crm.system('bench');
    const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
    const region = await createUnit(sys, { code: 'R-1', name: 'Region', type: 'region', parentId: hq.id });
    const branch = await createUnit(sys, { code: 'B-1', name: 'Oddział', type: 'own-branch', parentId: region.id });
    for (let i = 0; i < 4; i++)
      await createUser(sys, {
        email: `doradca${i}@bench.example`,
        name: `Doradca ${i}`,
        roles: ['advisor'],
        unitId: branch.id,
      });
    const admin = await createUser(sys, {
      email: 'admin@bench.example',
      name: 'Admin',
      roles: ['admin'],
      unitId: hq.id,
    });
    const key = await createSourceKey(await crm.asUser(admin.id), {
      name: 'bench',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: [ORIGIN],
    });
    const server = serve({ fetch: createHttpApi(crm, { log: () => {} }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/leads?key=${key.key}`;
    const token = issueFormToken(crm.runtime.secret, key.id, Date.now() - 60_000);
    const load = { url, token, origin: ORIGIN, concurrency: CONCURRENCY };
    const warm = await loadGenerator({ ...load, leads: WARMUP, first: 0 });
    if (warm.failed)
      throw new Error(`${warm.failed} of ${WARMUP} warm-up leads were not accepted (${warm.firstError})`);
    // The server's own CPU time (the load generator is another process): the per-lead cost.
    const cpu0 = process.cpuUsage();
    const statements0 = statements;
    const { ms, failed, firstError } = await profiled(engine.name, () =>
      loadGenerator({ ...load, leads: LEADS, first: WARMUP }),
    );
    const cpu = process.cpuUsage(cpu0);
    const perLead = (statements - statements0) / LEADS;
    const cpuMs = (cpu.user + cpu.system) / 1000 / LEADS;
    const ours = LEADS / (ms / 1000);
    server.close();
    if (failed) throw new Error(`${failed} of ${LEADS} leads were not accepted (first: ${firstError})`);
    const stored = (await database.raw('SELECT count(*) AS n FROM leads'))[0]!.n;
    if (Number(stored) !== WARMUP + LEADS) throw new Error(`stored ${String(stored)} leads, sent ${WARMUP + LEADS}`);

    // The same leads without HTTP: receiveLead in this process, as many at a time (the write path's cost alone;
    // the HTTP line's cpu/lead minus this one is what the request path adds: parsing, middlewares, form token,
    // rate limits, the answer).
    const caller = {
      kind: 'public-key' as const,
      key: (await resolveSourceKey(crm.runtime, key.key))!,
      origin: ORIGIN,
    };
    let next = WARMUP + LEADS;
    const end = next + LEADS;
    const domainCpu0 = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < end) {
          const i = next++;
          const body = leadBody(i);
          await receiveLead(crm.runtime, caller, body, { idempotencyKey: `bench-lead-${i}`, bodyHash: bodyHash(body) });
        }
      }),
    );
    const domainCpu = process.cpuUsage(domainCpu0);
    const domainMs = (domainCpu.user + domainCpu.system) / 1000 / LEADS;
    const total = (await database.raw('SELECT count(*) AS n FROM leads'))[0]!.n;
    if (Number(total) !== WARMUP + 2 * LEADS) throw new Error(`stored ${String(total)} leads in all`);

    await database.raw('CREATE TABLE bench_raw (id TEXT PRIMARY KEY, payload TEXT NOT NULL)');
    const rawStart = performance.now();
    for (let i = 0; i < LEADS; i++)
      await database.raw('INSERT INTO bench_raw (id, payload) VALUES (?, ?)', [`r${i}`, `{"lastName":"Bench${i}"}`]);
    const baseline = LEADS / ((performance.now() - rawStart) / 1000);
    await crm.close();
    const ratio = ours / baseline;
    const id = engine.name === 'libsql' ? 'leads-intake' : 'leads-intake-postgres';
    return [
      `bench ${id} POST /api/leads over loopback (${LEADS} leads after ${WARMUP} of warm-up, ` +
        `${CONCURRENCY} in flight ` +
        `from another process, ${engine.durable}; baseline: single-row autocommit inserts) leads/s: ` +
        `ours=${fmt(ours)} baseline=${fmt(baseline)} ratio=${ratio.toFixed(2)} cpu/lead=${cpuMs.toFixed(2)}ms ` +
        `${engine.name === 'postgres' ? 'round trips' : 'statements'}/lead=${perLead.toFixed(2)} ` +
        `goal=≥0.3× and ≥1000/s, ≤1ms CPU`,
      `bench leads-domain@${engine.name} receiveLead in this process, no HTTP (${LEADS} leads, ${CONCURRENCY} at ` +
        `a time, same database after the HTTP run) CPU per lead: ours=${domainMs.toFixed(2)}ms baseline=1.00ms ` +
        `ratio=${domainMs.toFixed(2)} goal=ours<=1ms`,
    ];
  } finally {
    await drop();
  }
}

async function formSize(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'crm-bench-form-'));
  try {
    const [built] = await buildWidgets({ outDir: out, only: ['crm-lead-form'] });
    const kb = gzipSize(readFileSync(built!.file)) / 1024;
    return (
      `bench leads-form-size crm-lead-form min+gz (Lit included): ours=${kb.toFixed(1)}KB baseline=12.0KB ` +
      `ratio=${(kb / 12).toFixed(2)} goal=<12KB`
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * @example
 * for (const line of await run()) console.log(line);
 */
export async function run(): Promise<string[]> {
  const pgUrl = process.env.CRM_BENCH_POSTGRES_URL;
  const lines = await throughput(libsql);
  lines.push(
    ...(pgUrl
      ? await throughput(postgres(pgUrl))
      : ['bench leads-intake-postgres skipped: set CRM_BENCH_POSTGRES_URL to run it on PostgreSQL']),
  );
  return [...lines, await formSize()];
}
