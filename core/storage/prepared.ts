/**
 * @module storage/prepared
 * Hot-path reads built once and kept prepared: a drizzle query with `sql.placeholder`s is built and
 * prepared the first time it is used on a database, then executed with new values only.
 *
 * - PostgreSQL: a named prepared statement (`crm_<name>`); node-postgres parses it once per pooled
 *   connection and reuses it there (the per-connection statement cache is the driver's).
 * - libsql on a file: the query runs on a read connection of this process that keeps its prepared
 *   SQLite statements (`StatementCache`, one per database), so SQLite does not re-prepare and the
 *   client wrapper's per-row work is skipped. WAL lets it read committed data while writers work, as
 *   any pooled connection does. In-memory databases (one connection only) use the client as before.
 *
 * Only reads outside a transaction belong here: a transaction's reads must see its own writes and
 * go through its connection (callers pass `ctx.db === ctx.database.db`).
 */
import Sqlite from 'libsql';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import type { Database, Db, Tables } from './database.ts';

/** A query builder's chain that can be prepared (any drizzle select of either dialect). */
export interface Preparable<R> {
  prepare(): { execute(values?: Record<string, unknown>): Promise<R> };
}

/** SQLite statements kept prepared on one read connection (bounded; cleared when full). */
export class StatementCache {
  readonly #db: Sqlite.Database;
  readonly #statements = new Map<string, Sqlite.Statement>();
  constructor(file: string) {
    this.#db = new Sqlite(file);
  }
  /** Rows as arrays (drizzle maps them to its fields). */
  rows(sqlText: string, args: unknown[]): unknown[][] {
    let stmt = this.#statements.get(sqlText);
    if (!stmt) {
      if (this.#statements.size >= 200) this.#statements.clear();
      stmt = this.#db.prepare(sqlText).raw(true);
      this.#statements.set(sqlText, stmt);
    }
    return stmt.all(args) as unknown[][];
  }
  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}

/**
 * A drizzle database whose queries run on a `StatementCache`: only prepared selects use it. The
 * libsql client interface it stands in for is reduced to `execute`, which is all they call.
 */
export function cachedReader(cache: StatementCache, schema: Tables): Db {
  const client = {
    async execute(stmt: { sql: string; args: unknown[] }) {
      // A reader waits for a lock only while a checkpoint resets the log: retried without blocking.
      for (let attempt = 0; ; attempt++) {
        try {
          return { rows: cache.rows(stmt.sql, stmt.args), columns: [], columnTypes: [] };
        } catch (e) {
          if (attempt >= 200 || !BUSY.test(String((e as Error)?.message))) throw e;
          await new Promise((r) => setTimeout(r, 5 + attempt));
        }
      }
    },
  };
  return drizzleLibsql(client as never, { schema }) as unknown as Db;
}

const BUSY = /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i;

/**
 * The query surface for a read: the process's statement-caching reader when `db` is the database's
 * own (not a transaction) and the engine has one (libsql on a file), else `db` itself. Reads built
 * per request (list pages with their filters) then reuse the statement prepared for their shape.
 * @example
 * const rows = await readDb(ctx.database, ctx.db).select().from(ctx.t.clients).where(where).limit(51);
 */
export function readDb(database: Database, db: Db): Db {
  return db === database.db ? (database.hotReader?.() ?? db) : db;
}

type Hot = { reader: Db | null; queries: Map<string, { execute(values?: Record<string, unknown>): Promise<unknown> }> };
const hot = new WeakMap<Database, Hot>();

/**
 * Run a hot-path query prepared once per database. `build` gets the database's query surface and
 * tables and returns the query with placeholders; `name` identifies it (one SQL text per name).
 * @example
 * const rows = await prepared(database, 'client-by-id', (db, t) =>
 *   db.select().from(t.clients).where(eq(t.clients.id, sql.placeholder('id'))).limit(1), { id });
 */
export async function prepared<R>(
  database: Database,
  name: string,
  build: (db: Db, t: Tables) => Preparable<R>,
  values: Record<string, unknown> = {},
): Promise<R> {
  let h = hot.get(database);
  if (!h) hot.set(database, (h = { reader: database.hotReader?.() ?? null, queries: new Map() }));
  let q = h.queries.get(name);
  if (!q) {
    const built = build(h.reader ?? database.db, database.t) as unknown as {
      prepare(name?: string): { execute(values?: Record<string, unknown>): Promise<unknown> };
    };
    q = database.dialect === 'postgres' ? built.prepare(`crm_${name}`) : built.prepare();
    h.queries.set(name, q);
  }
  if (!h.reader) return (await q.execute(values)) as R;
  try {
    return (await q.execute(values)) as R;
  } catch (e) {
    // The read connection could not answer (locked during a checkpoint, a schema change): once more
    // through the client, which waits for locks asynchronously.
    if (!/SQLITE_BUSY|SQLITE_LOCKED|SQLITE_SCHEMA|database is locked/i.test(String((e as Error)?.message))) throw e;
    return (await (build(database.db, database.t) as Preparable<R>).prepare().execute(values)) as R;
  }
}
