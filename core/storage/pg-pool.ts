/**
 * @module storage/pg-pool
 * The PostgreSQL connection pool, built to outlive its connections.
 *
 * - **Dying connections do not kill the process.** node-postgres emits `'error'` on the pool when an
 *   idle connection ends (PostgreSQL restarting or failing over, `idle_session_timeout`, a pooler, an
 *   administrator's `pg_terminate_backend`) and on a checked-out client between two statements of a
 *   transaction; with no listener, Node turns that into an uncaught exception and the server exits.
 *   Both get a listener here that logs the error's code (never parameters) and lets the pool discard
 *   the client; the next query opens a new connection. Queries that fail meanwhile reject with an
 *   error `isDatabaseUnavailable` recognises, which the HTTP layer answers with 503.
 * - **64-bit integers are read per pool, not per process.** `int8` columns hold grosze and counts;
 *   they are read as JS numbers, and a value beyond `Number.MAX_SAFE_INTEGER` fails the query with a
 *   clear error instead of silently losing precision. The `pg` module's global type parsers are left
 *   alone, so a host application using `pg` itself is not affected.
 * - **`close()` returns when every connection is closed**, not merely asked to close, so a database
 *   can be dropped right after without ending a connection under the pool.
 */
import pg from 'pg';

const INT8 = 20;

/** Thrown (and the query rejected) when an int8 value cannot be represented exactly as a number. */
export class UnsafeIntegerError extends Error {
  constructor(text: string) {
    super(
      `A 64-bit integer read from PostgreSQL (${text.length} digits) is beyond Number.MAX_SAFE_INTEGER ` +
        '(2^53 - 1) and cannot be represented exactly; the value was not read',
    );
    this.name = 'UnsafeIntegerError';
  }
}

/**
 * Read an `int8` text value as a number, refusing values a double cannot hold exactly.
 * @example
 * parseInt8('12345') // 12345
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UnsafeIntegerError(text);
  return n;
}

type TypeSource = { getTypeParser(oid: number, format?: string): unknown };
const withInt8 = (source: TypeSource): TypeSource => ({
  getTypeParser: (oid: number, format?: string) =>
    oid === INT8 && format !== 'binary' ? parseInt8 : source.getTypeParser(oid, format),
});
const poolTypes = withInt8(pg.types as TypeSource);
const wrapped = new WeakMap<object, TypeSource>();

/**
 * drizzle passes its own `types` with each query (falling back to the module's global parsers), so
 * the per-pool `types` option alone would not reach drizzle's queries: this client puts the int8
 * parser in front of whatever a query brings.
 */
class SafeIntClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() has a dozen overloads
  override query(config: any, ...rest: any[]): any {
    if (config && typeof config === 'object' && config.types) {
      let types = wrapped.get(config.types);
      if (!types) wrapped.set(config.types, (types = withInt8(config.types)));
      config = { ...config, types };
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    return (super.query as (...a: unknown[]) => unknown)(config, ...rest);
  }
}

export interface PgPoolOptions {
  /** Where connection problems are reported (one line each, code only). Default `console.error`. */
  log?: (line: string) => void;
  /** Connections at most (default 10). */
  max?: number;
}

export interface ManagedPool {
  pool: pg.Pool;
  /**
   * A connection of its own, outside the pool, for what must stay on one connection (LISTEN, a
   * session-level advisory lock). Its errors are the caller's to listen for; `close()` ends it too.
   */
  dedicated(): Promise<pg.Client>;
  /** End the pool and every dedicated connection, and wait until every connection is really closed. */
  close(): Promise<void>;
}

/**
 * @example
 * const { pool, close } = createPgPool('postgres://crm@db/crm');
 * await pool.query('SELECT 1');
 * await close();
 */
export function createPgPool(url: string, options: PgPoolOptions = {}): ManagedPool {
  const log = options.log ?? ((line: string) => console.error(line));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    Client: SafeIntClient,
    types: poolTypes as never,
    // A dead network is noticed on idle connections, and a connection attempt does not hang forever.
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
  });
  const closed = new Map<pg.Client, Promise<void>>();
  const reported = new WeakSet<object>();
  const report = (err: Error & { code?: string }) => {
    if (reported.has(err)) return; // the pool re-emits an idle client's error: one line, not two
    reported.add(err);
    log(
      `database: a PostgreSQL connection failed (${err.code ?? err.message.slice(0, 60)}); ` +
        'it is discarded and the next query opens a new one',
    );
  };
  pool.on('error', report);
  pool.on('connect', (client: pg.Client) => {
    // A checked-out client (a transaction between statements) has no pool listener: this is its listener.
    client.on('error', report);
    closed.set(
      client,
      new Promise<void>((resolve) =>
        client.once('end', () => {
          closed.delete(client);
          resolve();
        }),
      ),
    );
  });
  const dedicated = new Set<pg.Client>();
  let ending = false;
  return {
    pool,
    async dedicated() {
      if (ending) throw Object.assign(new Error('The database is closed'), { code: 'DATABASE_CLOSED' });
      const client = new SafeIntClient({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
      client.on('error', () => {}); // the owner adds its own listener; this one keeps a late error from crashing
      dedicated.add(client);
      client.once('end', () => dedicated.delete(client));
      try {
        await client.connect();
      } catch (e) {
        dedicated.delete(client);
        throw e;
      }
      return client;
    },
    async close() {
      ending = true;
      const pending = [...closed.values()];
      await Promise.all([...dedicated].map((c) => c.end().catch(() => {})));
      if (!pool.ending) await pool.end();
      await Promise.all(pending);
    },
  };
}
