/**
 * @module storage/database
 * Opens the firm's database: embedded libsql for `file:` / `libsql:` URLs (the default) and
 * PostgreSQL for `postgres://` URLs, applies the shipped migrations, and hands the rest of the code
 * one query type.
 *
 * Why one type for two dialects: drizzle's SQLite and PostgreSQL builders have the same surface for
 * everything the domain uses (select/insert/update/delete, where, orderBy, limit, returning,
 * onConflict…), and the two schema folders declare identical tables whose row types are asserted
 * equal (`schema-parity.test.ts`). Domain code is therefore typed against the SQLite flavour and
 * given the PostgreSQL database at run time. The one cast that makes this possible lives in this
 * file. Dialect-only terminals (`.get()`, `.all()`, `.run()`, `batch`, `execute`) are left out of
 * the type, and the lint step forbids them outside `core/storage/`; the contract suites run on both
 * engines to prove the rest.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle as drizzleLibsql, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate as migrateLibsql } from 'drizzle-orm/libsql/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { describeFailure } from './failures.ts';
import { cachedReader, StatementCache } from './prepared.ts';
import { createPgPool, type ManagedPool } from './pg-pool.ts';
import * as sqliteTables from './sqlite/schema.ts';
import * as pgTables from './pg/schema.ts';

export type Tables = typeof sqliteTables;
type Full = LibSQLDatabase<Tables>;
/** The query surface shared by both engines (and by a transaction). */
export type Db = Pick<Full, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | '$count' | 'transaction'>;
export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly dialect: Dialect;
  readonly db: Db;
  /** The tables, as values to build queries with. */
  readonly t: Tables;
  /** The URL with any password removed, for logs. */
  readonly label: string;
  /** Run raw SQL (for the few dialect-specific statements, e.g. FTS); returns rows as objects. */
  raw(sqlText: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * PostgreSQL only: a connection of its own, outside the pool (LISTEN, session-level advisory
   * locks). The caller listens for its errors and ends it; `close()` ends it too.
   */
  dedicated?(): Promise<DedicatedConnection>;
  /**
   * libsql on a file only: a query surface over a read connection that keeps its statements
   * prepared, for hot-path reads outside transactions (`prepared.ts`); opened on first use.
   */
  hotReader?(): Db;
  close(): Promise<void>;
}

/** What a dedicated PostgreSQL connection offers (a `pg.Client`). */
export type DedicatedConnection = Awaited<ReturnType<ManagedPool['dedicated']>>;

export interface OpenOptions {
  /** Apply the shipped migrations (default true). */
  migrate?: boolean;
  /** Where connection problems are reported, one line each with the error's code only. Default `console.error`. */
  log?: (line: string) => void;
  /**
   * libsql: how long a statement waits for a lock held by another connection or process before it
   * fails as unavailable (default 30 000 ms). The wait is asynchronous; the event loop keeps running.
   */
  busyTimeoutMs?: number;
}

const migrationsDir = (d: Dialect) => fileURLToPath(new URL(`./migrations/${d}`, import.meta.url));
const extrasDir = (d: Dialect) => fileURLToPath(new URL(`./extras/${d}`, import.meta.url));

/**
 * Dialect-only DDL that drizzle-kit cannot express (SQLite FTS5 tables and their triggers,
 * PostgreSQL trigram indexes…): idempotent `.sql` files in `extras/<dialect>/`, applied in name
 * order after the migrations, statements separated by `--> statement-breakpoint`.
 */
function extraStatements(d: Dialect): string[] {
  const dir = extrasDir(d);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('--> statement-breakpoint')
        .map((x) => x.trim())
        .filter(Boolean),
    );
}

export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (/^(file:|libsql:|https?:|wss?:)/.test(url) || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL "${redact(url)}" is neither a file:/libsql: URL nor a postgres:// URL`);
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Open (and by default migrate) a database.
 * @example
 * const database = await openDatabase('file:./crm.db');
 * const units = await database.db.select().from(database.t.units);
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const dialect = dialectOf(url);
  const database = dialect === 'postgres' ? await openPg(url, options) : await openLibsql(url, options);
  if (options.migrate !== false) await database.migrate();
  return database;
}

async function openLibsql(url: string, options: OpenOptions): Promise<Database & { migrate(): Promise<void> }> {
  const file = url.startsWith('file:') && !url.includes(':memory:') ? url.slice(5).replace(/\?.*$/, '') : null;
  if (file && !existsSync(dirname(resolve(file))))
    throw new Error(
      `Cannot open the database file ${resolve(file)}: the folder ${dirname(resolve(file))} does not exist ` +
        '(create it, or point DATABASE_URL / --database at another file)',
    );
  // No busy timeout: the driver is synchronous, so waiting for a lock inside it would block the event
  // loop, and with it the very transaction holding the lock. SQLITE_BUSY is retried asynchronously.
  const client = withBusyRetry(
    createClient({ url: url === ':memory:' ? 'file::memory:' : url, timeout: 0 } as Parameters<typeof createClient>[0]),
    options.busyTimeoutMs ?? 30_000,
  );
  try {
    // WAL: readers never block the writer and writes are faster. synchronous stays FULL (SQLite's
    // default): a commit survives a power cut, which a CRM holding commissions wants.
    if (!url.includes(':memory:')) await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA foreign_keys=ON');
  } catch (e) {
    client.close();
    throw libsqlOpenError(file ?? redact(url), e);
  }
  const db = drizzleLibsql(client, { schema: sqliteTables });
  let statements: StatementCache | null = null;
  let reader: Db | null = null;
  return {
    dialect: 'sqlite',
    db,
    t: sqliteTables,
    label: redact(url),
    ...(file
      ? {
          hotReader: () => (reader ??= cachedReader((statements = new StatementCache(file)), sqliteTables)),
        }
      : {}),
    async raw(sqlText, params = []) {
      const r = await client.execute({ sql: sqlText, args: params as never[] });
      return r.rows.map((row) => ({ ...row }));
    },
    async migrate() {
      await migrateLibsql(db, { migrationsFolder: migrationsDir('sqlite') });
      for (const stmt of extraStatements('sqlite')) await client.execute(stmt);
    },
    async close() {
      statements?.close();
      client.close();
    },
  };
}

/** Why a libsql database could not be opened, in words a person can act on (the driver's code kept as `cause`). */
function libsqlOpenError(where: string, e: unknown): Error {
  const code = describeFailure(e).code ?? '';
  const why = isBusy(e)
    ? 'it is locked by another connection or process (an open write transaction or an exclusive lock); ' +
      'stop that process or try again'
    : code.startsWith('SQLITE_CANTOPEN')
      ? 'the file cannot be opened (a missing folder, or no permission to read and write it)'
      : code.startsWith('SQLITE_NOTADB')
        ? 'the file is not an SQLite database'
        : code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')
          ? 'the file or its folder is read-only for this process'
          : `the driver answered ${code || 'with an error'}`;
  return new Error(`Cannot open the database ${where}: ${why}`, { cause: e });
}

const isBusy = (e: unknown) => {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return (
    err?.code === 'SQLITE_BUSY' ||
    err?.cause?.code === 'SQLITE_BUSY' ||
    /database is locked|SQLITE_BUSY/.test(String(err?.message))
  );
};

/**
 * Retry a libsql call on SQLITE_BUSY with short, growing, jittered pauses (30 s in all by default), so
 * another connection's write transaction (this process or another) is waited for without blocking.
 */
async function retryBusy<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() - started > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, Math.min(50, 1 + attempt * 2) * (0.5 + Math.random())));
    }
  }
}

function withBusyRetry<C extends Client>(client: C, timeoutMs: number): C {
  const wrapped: Partial<Record<keyof Client, unknown>> = {
    execute: (...a: Parameters<Client['execute']>) => retryBusy(() => client.execute(...a), timeoutMs),
    batch: (...a: Parameters<Client['batch']>) => retryBusy(() => client.batch(...a), timeoutMs),
    executeMultiple: (...a: Parameters<Client['executeMultiple']>) =>
      retryBusy(() => client.executeMultiple(...a), timeoutMs),
    migrate: (...a: Parameters<Client['migrate']>) => retryBusy(() => client.migrate(...a), timeoutMs),
    transaction: (...a: Parameters<Client['transaction']>) => retryBusy(() => client.transaction(...a), timeoutMs),
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (Object.hasOwn(wrapped, prop)) return wrapped[prop as keyof Client];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

async function openPg(url: string, options: OpenOptions): Promise<Database & { migrate(): Promise<void> }> {
  // Listeners for dying connections, int8 read per pool (exact or refused), close() that waits: pg-pool.ts.
  const { pool, close, dedicated } = createPgPool(url, { log: options.log });
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await close();
    throw new Error(`Cannot reach the PostgreSQL database ${redact(url)} (${describeFailure(e).code ?? 'no answer'})`, {
      cause: e,
    });
  }
  const db = drizzlePg(pool, { schema: pgTables });
  return {
    dialect: 'postgres',
    // The one cast: see the module comment. The row types are asserted equal in schema-parity.test.ts.
    db: db as unknown as Db,
    t: pgTables as unknown as Tables,
    label: redact(url),
    async raw(sqlText, params = []) {
      let i = 0;
      const text = sqlText.replace(/\?/g, () => `$${++i}`);
      return (await pool.query(text, params)).rows;
    },
    async migrate() {
      await migratePg(db, { migrationsFolder: migrationsDir('postgres') });
      for (const stmt of extraStatements('postgres')) await pool.query(stmt);
    },
    dedicated,
    close,
  };
}
