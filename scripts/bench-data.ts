/**
 * @module scripts/bench-data
 * Generates N clients (default 1,000,000; `BENCH_CLIENTS` or the first argument) into a libsql
 * file for the benchmarks: HQ → 4 regions → 40 branches, a manager and 10 advisors per branch,
 * clients spread over advisors, statuses (skewed to early ones), types and sources, three years of
 * creation dates, with the same display name, search text and keyed hashes the domain writes.
 * Batched multi-row INSERTs in transactions; the file is cached under `.bench-data/` and reused.
 * The `sealed` variant (`bench-<n>-sealed.db`, PostgreSQL `crm_bench_<n>_sealed`) holds the same
 * clients stored as the CRM writes them: encrypted fields sealed by `storedClient` (core/clients).
 *
 * Run: `node --import tsx scripts/bench-data.ts [N] [--sealed]`
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storedClient, type StoredFields } from '../core/clients/index.ts';
import { clientFields } from '../core/clients/fields.ts';
import { keysOf } from '../core/clients/keys.ts';
import { displayNameOf, searchTextOf } from '../core/clients/normalize.ts';
import { loadConfigFile, type FirmConfig } from '../core/firm/index.ts';
import { createCrm } from '../core/crm.ts';
import { newId } from '../core/ids/id.ts';
import { peselCheckDigit } from '../core/ids/index.ts';
import { createUnit } from '../core/org/units.ts';
import { createUser } from '../core/org/users.ts';
import { createClient } from '@libsql/client';
import pg from 'pg';
import { openDatabase, type Database } from '../core/storage/database.ts';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef';
/**
 * The bench's install keys, through the environment so that every `createCrm` of a bench finds
 * them (a real install has its own; these encrypt only generated data).
 */
process.env.CRM_SECRET ??= `${BENCH_SECRET}-for-the-keyring`;
process.env.CRM_DATA_KEY ??= Buffer.alloc(32, 7).toString('base64');
/** The password of the bench's managers and directors (advisors have none: hashing 400 is slow). */
export const BENCH_PASSWORD = 'bench-haslo-123';
export const benchConfigPath = fileURLToPath(new URL('../examples/demo-firm/crm.config.json', import.meta.url));
/**
 * Where the cached files live: `BENCH_DATA_DIR`, default `.bench-data/` (its `*.db` files are
 * gitignored). Not `.data/`: the demo seeding clears that directory.
 */
const dataDir = process.env.BENCH_DATA_DIR
  ? `${process.env.BENCH_DATA_DIR.replace(/\/$/, '')}/`
  : fileURLToPath(new URL('../.bench-data/', import.meta.url));

const FIRST_F = [
  'Anna',
  'Maria',
  'Katarzyna',
  'Małgorzata',
  'Agnieszka',
  'Barbara',
  'Ewa',
  'Zofia',
  'Joanna',
  'Łucja',
  'Magdalena',
  'Monika',
];
const FIRST_M = [
  'Piotr',
  'Krzysztof',
  'Andrzej',
  'Tomasz',
  'Paweł',
  'Jan',
  'Michał',
  'Marcin',
  'Jakub',
  'Łukasz',
  'Grzegorz',
  'Mateusz',
];
const LAST = [
  'Nowak',
  'Kowalsk',
  'Wiśniewsk',
  'Wójcik',
  'Kowalczyk',
  'Kamińsk',
  'Lewandowsk',
  'Zielińsk',
  'Szymańsk',
  'Woźniak',
  'Dąbrowsk',
  'Kozłowsk',
  'Jankowsk',
  'Mazur',
  'Krawczyk',
  'Piotrowsk',
  'Grabowsk',
  'Pawłowsk',
  'Michalsk',
  'Król',
];
const CITIES = [
  'Warszawa',
  'Kraków',
  'Gdańsk',
  'Wrocław',
  'Poznań',
  'Łódź',
  'Szczecin',
  'Lublin',
  'Katowice',
  'Gdynia',
  'Sopot',
  'Toruń',
];
const REGIONS = ['Północ', 'Południe', 'Wschód', 'Zachód'];

/** A tiny deterministic PRNG (mulberry32), so every run builds the same file. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const benchDbPath = (n: number) =>
  `${dataDir}bench-${
    n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : n
  }.db`;

/**
 * Which data a bench database holds: `plain` (encrypted fields stored in clear, the default and the
 * cached `bench-<n>.db`) or `sealed` (stored as the CRM stores them: `storedClient` seals them).
 */
export type BenchVariant = 'plain' | 'sealed';

const variantPath = (n: number, variant: BenchVariant) =>
  variant === 'sealed' ? benchDbPath(n).replace(/\.db$/, '-sealed.db') : benchDbPath(n);

/**
 * The path of a bench database with `n` clients, generating it when missing.
 * @example
 * const file = await ensureBenchData(100_000); // '.bench-data/bench-100k.db'
 */
export async function ensureBenchData(
  n: number,
  log: (s: string) => void = () => {},
  variant: BenchVariant = 'plain',
): Promise<string> {
  const path = variantPath(n, variant);
  if (existsSync(path) && (await usable(path)) && (await migrated(path))) return path;
  mkdirSync(dataDir, { recursive: true });
  // `.tmp.db`, not `.db.tmp`: the `*.db` ignore patterns then cover the half-built file too.
  const tmp = path.replace(/\.db$/, '.tmp.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  await generate(tmp, n, log, variant);
  renameSync(tmp, path);
  for (const suffix of ['-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  return path;
}

/**
 * Whether a cached file still has the columns the benchmarks read. The file is opened without
 * migrating (a re-squashed pre-release migration would otherwise try to create every table again).
 */
async function usable(path: string): Promise<boolean> {
  const client = createClient({ url: `file:${path}` });
  try {
    await client.execute('select id, search_text, referrer_id, data, version from clients limit 1');
    await client.execute('select client_id, hash from client_keys limit 1');
    await client.execute('select token_hash from sessions limit 1');
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

/**
 * Brings a cached file up to the current schema (other work adds migrations after the file was
 * generated; a bench opens libsql without migrating). False when the migrations cannot be applied
 * to it (e.g. re-squashed): the file is then generated again.
 */
async function migrated(path: string): Promise<boolean> {
  try {
    const database = await openDatabase(`file:${path}`, { log: () => {} });
    await database.close();
    return true;
  } catch {
    return false;
  }
}

interface ClientRow {
  id: string;
  kind: string;
  type: string;
  source: string | null;
  displayName: string;
  ownerId: string;
  unitId: string;
  partnerId: string | null;
  referrerId: null;
  status: string;
  data: Record<string, unknown>;
  searchText: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}
interface KeyRow {
  clientId: string;
  field: string;
  kind: string;
  hash: string;
}

/** HQ → 4 regions → 40 branches with their people, through the domain (works on both engines). */
async function seedOrg(database: Database): Promise<{
  config: FirmConfig;
  advisors: Array<{ id: string; unitId: string }>;
  /** The stored form of a client's data as every writer of the CRM makes it (`sealed` variant). */
  seal: (id: string, data: Record<string, unknown>, displayName: string) => StoredFields;
}> {
  const config = loadConfigFile(benchConfigPath);
  const crm = await createCrm({ config, database, secret: BENCH_SECRET });
  const sys = crm.system('bench-data');
  const hq = await createUnit(sys, { code: 'HQ', name: 'Centrala', type: 'hq' });
  const advisors: Array<{ id: string; unitId: string }> = [];
  for (const [r, region] of REGIONS.entries()) {
    const reg = await createUnit(sys, { code: `R-${r}`, name: `Region ${region}`, type: 'region', parentId: hq.id });
    await createUser(sys, {
      email: `dyrektor.${r}@bench.pl`,
      name: `Dyrektor ${region}`,
      roles: ['regional-director'],
      unitId: reg.id,
      password: BENCH_PASSWORD,
    });
    for (let b = 0; b < 10; b++) {
      const br = await createUnit(sys, {
        code: `B-${r}-${b}`,
        name: `Oddział ${region} ${b + 1}`,
        type: 'own-branch',
        parentId: reg.id,
        city: CITIES[(r * 10 + b) % CITIES.length]!,
      });
      await createUser(sys, {
        email: `kierownik.${r}.${b}@bench.pl`,
        name: `Kierownik ${r}.${b}`,
        roles: ['branch-manager'],
        unitId: br.id,
        password: b === 0 ? BENCH_PASSWORD : undefined,
      });
      for (let a = 0; a < 10; a++) {
        const u = await createUser(sys, {
          email: `doradca.${r}.${b}.${a}@bench.pl`,
          name: `Doradca ${r}.${b}.${a}`,
          roles: ['advisor'],
          unitId: br.id,
        });
        advisors.push({ id: u.id, unitId: br.id });
      }
    }
  }
  await createUser(sys, { email: 'admin@bench.pl', name: 'Admin', roles: ['admin'], unitId: hq.id });
  const kf = clientFields(config).person;
  return { config, advisors, seal: (id, data, displayName) => storedClient(sys, kf, id, data, displayName) };
}

/**
 * The n clients with their keyed hashes, `batch` at a time, the same on every run and engine; with
 * `seal`, the stored form (data, search text, keys) is the one it returns (same clients, sealed).
 */
function* clientBatches(
  n: number,
  batch: number,
  config: FirmConfig,
  advisors: Array<{ id: string; unitId: string }>,
  seal?: (id: string, data: Record<string, unknown>, displayName: string) => StoredFields,
): Generator<{ rows: ClientRow[]; keys: KeyRow[] }> {
  const statuses = Object.keys((config as { workflow?: { statuses?: object } }).workflow?.statuses ?? { new: 1 });
  const weights = statuses.map((_, i) => 1 / (i + 1.5));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const partners = Array.from({ length: 20 }, () => newId());
  const kf = clientFields(config).person;
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pickStatus = () => {
    let x = rand() * wsum;
    for (let i = 0; i < statuses.length; i++) {
      x -= weights[i]!;
      if (x <= 0) return statuses[i]!;
    }
    return statuses[0]!;
  };
  const privateSources = Object.keys(config.clients.types.private?.sources ?? {});
  const companySources = Object.keys(config.clients.types['company-acquired']?.sources ?? {});
  const span = 3 * 365 * 86_400_000;
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  for (let b = 0; b < n; b += batch) {
    const rows: ClientRow[] = [];
    const keys: KeyRow[] = [];
    for (let k = b; k < Math.min(n, b + batch); k++) {
      const created = t0 + Math.floor((k / n) * span) + Math.floor(rand() * 1000);
      const id = newId(created);
      const owner = pick(advisors);
      const female = rand() < 0.5;
      const last = pick(LAST);
      const yy = 50 + Math.floor(rand() * 50);
      const mm = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      const dd = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      const serial = String(Math.floor(rand() * 1000)).padStart(3, '0');
      const sexDigit = female ? 2 * Math.floor(rand() * 5) : 2 * Math.floor(rand() * 5) + 1;
      const ten = `${yy}${mm}${dd}${serial}${sexDigit}`;
      const data: Record<string, unknown> = {
        firstName: pick(female ? FIRST_F : FIRST_M),
        lastName: /k$/.test(last) ? last + (female ? 'a' : 'i') : last,
        pesel: ten + peselCheckDigit(ten),
        phone: `+48${5 + Math.floor(rand() * 4)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        email: `klient${k}@example.pl`,
        city: pick(CITIES),
        netMonthlyIncomeMinor: 300_000 + Math.floor(rand() * 2_000_000),
      };
      const r = rand();
      const [type, source, partnerId] =
        r < 0.5
          ? ['private', pick(privateSources), null]
          : r < 0.9
            ? ['company-acquired', pick(companySources), null]
            : ['partner-referred', 'real-estate-agency', pick(partners)];
      const displayName = displayNameOf(kf, data);
      // Sealed or not, neither draws from `rand`: the same clients in every variant.
      const stored = seal
        ? seal(id, data, displayName)
        : { data, searchText: searchTextOf(kf, data, displayName), keys: keysOf(BENCH_SECRET, kf, data) };
      rows.push({
        id,
        kind: 'person',
        type,
        source,
        displayName,
        ownerId: owner.id,
        unitId: owner.unitId,
        partnerId,
        referrerId: null,
        status: pickStatus(),
        data: stored.data,
        searchText: stored.searchText,
        version: 1,
        createdAt: created,
        updatedAt: created + Math.floor(rand() * 30 * 86_400_000),
      });
      for (const key of stored.keys) keys.push({ clientId: id, field: key.field, kind: key.kind, hash: key.hash });
    }
    yield { rows, keys };
  }
}

async function generate(file: string, n: number, log: (s: string) => void, variant: BenchVariant): Promise<void> {
  const started = Date.now();
  const database = await openDatabase(`file:${file}`);
  const { config, advisors, seal } = await seedOrg(database);
  const BATCH = 400;
  const cols =
    'id, kind, type, source, display_name, owner_id, unit_id, partner_id, referrer_id, status, data, ' +
    'search_text, version, created_at, updated_at';
  const one = `(${cols
    .split(',')
    .map(() => '?')
    .join(',')})`;
  await database.close();
  // The bulk insert talks to the driver directly: one write transaction per 10,000 rows.
  const client = createClient({ url: `file:${file}` });
  await client.execute('PRAGMA journal_mode=WAL');
  await client.execute('PRAGMA synchronous=OFF');
  await client.execute('PRAGMA cache_size=-262144');
  // The text index is rebuilt once at the end and the B-tree indexes built after the load: far
  // cheaper than a trigger per row and random inserts into nine indexes.
  for (const trg of ['clients_fts_ai', 'clients_fts_ad', 'clients_fts_au'])
    await client.execute(`DROP TRIGGER IF EXISTS ${trg}`);
  const indexes = (
    await client.execute(
      "select name, sql from sqlite_master where type = 'index' and tbl_name in ('clients', 'client_keys') and " +
        'sql is not null',
    )
  ).rows;
  for (const ix of indexes) await client.execute(`DROP INDEX ${String(ix.name)}`);
  let done = 0;
  let tx = await client.transaction('write');
  for (const { rows, keys } of clientBatches(n, BATCH, config, advisors, variant === 'sealed' ? seal : undefined)) {
    await tx.execute({
      sql: `INSERT INTO clients (${cols}) VALUES ${Array(rows.length).fill(one).join(',')}`,
      args: rows.flatMap((c) => [
        c.id,
        c.kind,
        c.type,
        c.source,
        c.displayName,
        c.ownerId,
        c.unitId,
        c.partnerId,
        c.referrerId,
        c.status,
        JSON.stringify(c.data),
        c.searchText,
        c.version,
        c.createdAt,
        c.updatedAt,
      ]),
    });
    await tx.execute({
      sql: `INSERT INTO client_keys (client_id, field, kind, hash) VALUES ${Array(keys.length)
        .fill('(?,?,?,?)')
        .join(',')}`,
      args: keys.flatMap((k) => [k.clientId, k.field, k.kind, k.hash]),
    });
    done += rows.length;
    if (done % (BATCH * 25) === 0 || done === n) {
      await tx.commit();
      log(`  ${done.toLocaleString('en')} clients, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if (done < n) tx = await client.transaction('write');
    }
  }
  log('  building indexes…');
  for (const ix of indexes) await client.execute(String(ix.sql));
  log('  rebuilding the text index…');
  await client.execute("INSERT INTO clients_fts(clients_fts) VALUES ('rebuild')");
  client.close();
  await finish(file);
}

/**
 * The URL of a PostgreSQL bench database with `n` clients (`crm_bench_<n>` on the server of
 * `serverUrl`), generating it when missing or incomplete: the same firm and clients as the libsql
 * file (same seed), through drizzle's multi-row inserts.
 * @example
 * const url = await ensureBenchDataPg(10_000, process.env.CRM_BENCH_POSTGRES_URL!);
 */
export async function ensureBenchDataPg(
  n: number,
  serverUrl: string,
  log: (s: string) => void = () => {},
  variant: BenchVariant = 'plain',
) {
  const name = `crm_bench_${benchDbPath(n).replace(/^.*bench-|\.db$/g, '')}${variant === 'sealed' ? '_sealed' : ''}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (exists) {
      try {
        const database = await openDatabase(url.href, { log: () => {} });
        try {
          const [row] = await database.raw(
            'select (select count(*) from clients) as n, ' +
              "(select count(*) from users where email = 'admin@bench.pl') as a",
          );
          if (Number(row!.n) === n && Number(row!.a) === 1) return url.href;
        } finally {
          await database.close();
        }
      } catch {
        // a stale or half-built database: rebuilt below
      }
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const started = Date.now();
  const database = await openDatabase(url.href);
  let config: FirmConfig;
  let advisors: Array<{ id: string; unitId: string }>;
  let seal: Parameters<typeof clientBatches>[4];
  try {
    ({ config, advisors, seal } = await seedOrg(database));
  } finally {
    await database.close();
  }
  // The bulk load talks to pg directly: the secondary indexes are dropped and built after the load,
  // and each batch of 5,000 clients is one INSERT … SELECT FROM unnest($1::text[], …) (one parse,
  // one round trip; drizzle's multi-row VALUES built per batch took most of the time).
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    await client.query("SET maintenance_work_mem = '256MB'");
    const indexes = (
      await client.query(
        "select indexname, indexdef from pg_indexes where tablename in ('clients', 'client_keys') and " +
          'indexname not in (select conname from pg_constraint)',
      )
    ).rows as Array<{ indexname: string; indexdef: string }>;
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.indexname}`);
    const clientSql =
      'INSERT INTO clients (id, kind, type, source, display_name, owner_id, unit_id, partner_id, referrer_id, ' +
      'status, data, search_text, version, created_at, updated_at) SELECT * FROM unnest($1::text[], $2::text[], ' +
      '$3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], ' +
      '$11::jsonb[], $12::text[], $13::int[], $14::timestamptz[], $15::timestamptz[])';
    const keySql =
      'INSERT INTO client_keys (client_id, field, kind, hash) ' +
      'SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])';
    let done = 0;
    await client.query('BEGIN');
    for (const { rows, keys } of clientBatches(n, 5000, config, advisors, variant === 'sealed' ? seal : undefined)) {
      const col = <K extends keyof ClientRow>(k: K) => rows.map((r) => r[k]);
      await client.query({
        name: 'bench_clients',
        text: clientSql,
        values: [
          col('id'),
          col('kind'),
          col('type'),
          col('source'),
          col('displayName'),
          col('ownerId'),
          col('unitId'),
          col('partnerId'),
          col('referrerId'),
          col('status'),
          rows.map((r) => JSON.stringify(r.data)),
          col('searchText'),
          col('version'),
          rows.map((r) => new Date(r.createdAt).toISOString()),
          rows.map((r) => new Date(r.updatedAt).toISOString()),
        ],
      });
      await client.query({
        name: 'bench_keys',
        text: keySql,
        values: [
          keys.map((k) => k.clientId),
          keys.map((k) => k.field),
          keys.map((k) => k.kind),
          keys.map((k) => k.hash),
        ],
      });
      done += rows.length;
      if (done % 50_000 === 0 || done === n) {
        await client.query('COMMIT');
        log(`  postgres: ${done.toLocaleString('en')} clients, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        if (done < n) await client.query('BEGIN');
      }
    }
    log('  postgres: building indexes…');
    for (const ix of indexes) await client.query(ix.indexdef);
    await client.query('ANALYZE');
    await client.query('CHECKPOINT');
    log(`  postgres: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
  return url.href;
}

/**
 * Put the text-index triggers back (the extras file is idempotent; run directly, not through
 * `openDatabase`, whose migrations may have been re-squashed since), then ANALYZE and checkpoint.
 */
export async function finish(file: string): Promise<void> {
  const client = createClient({ url: `file:${file}` });
  const extras = readFileSync(new URL('../core/storage/extras/sqlite/010_clients_fts.sql', import.meta.url), 'utf8');
  for (const stmt of extras
    .split('--> statement-breakpoint')
    .map((x) => x.trim())
    .filter(Boolean))
    await client.execute(stmt);
  await client.execute('ANALYZE');
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  client.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2).filter((a) => a !== '--sealed');
  const variant: BenchVariant = process.argv.includes('--sealed') ? 'sealed' : 'plain';
  const n = Number(args[0] ?? process.env.BENCH_CLIENTS ?? 1_000_000);
  if (process.env.CRM_BENCH_POSTGRES_URL) {
    const url = await ensureBenchDataPg(n, process.env.CRM_BENCH_POSTGRES_URL, console.log, variant);
    console.log(`bench data: ${url}`);
  } else {
    const path = await ensureBenchData(n, console.log, variant);
    console.log(`bench data: ${path}`);
  }
}
