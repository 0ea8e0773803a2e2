/**
 * @module storage/read-rows
 * A built select's rows as arrays of the driver's values, without drizzle's per-row mapping, for a
 * hot read that maps (or serialises) its rows itself (the client list page). The query is still built
 * by drizzle (`toSQL()`: the same text and bound values drizzle would run); only running it and
 * turning rows into objects are skipped. What each column holds:
 * - libsql: what SQLite stores (instants as milliseconds, JSON as its text); outside a transaction on
 *   a file the statement runs on the process's statement-caching read connection (`prepared.ts`);
 * - PostgreSQL: instants and JSON as the server's text (as drizzle asks for instants; decode with the
 *   column's `mapFromDriverValue`), every other type parsed by the pool's parsers; the text runs as a
 *   named prepared statement (see `statementName`).
 *
 * Only for reads on the database's own connection: inside a transaction (`db` is not `database.db`)
 * the answer is `null` and the caller runs the query through drizzle as usual.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Db } from './database.ts';
import { readDb } from './prepared.ts';

/** A drizzle query that can show its SQL (any select builder of either dialect). */
export interface BuiltQuery {
  toSQL(): { sql: string; params: unknown[] };
}

const JSONB = 3802;
const JSON_OID = 114;
const asText = (v: string) => v;
/** Instants and JSON kept as text; anything else as the pool's parsers read it (pg-pool.ts adds int8). */
const textTypes = {
  getTypeParser(oid: number, format?: string) {
    const b = pg.types.builtins;
    if (oid === b.TIMESTAMPTZ || oid === b.TIMESTAMP || oid === b.DATE || oid === JSONB || oid === JSON_OID)
      return asText;
    return pg.types.getTypeParser(oid, format as never);
  },
};

/** Named statements handed out so far (by SQL text), at most `MAX_NAMED`; later texts run unnamed. */
const names = new Map<string, string>();
const MAX_NAMED = 200;

/**
 * A named prepared statement per SQL text on PostgreSQL (parsed and planned once per pooled connection,
 * as the driver keeps named statements per connection), for the first `MAX_NAMED` texts of the process;
 * a list's text depends on its shape (filters, sort, the number of units in scope), not on the values.
 */
function statementName(sql: string): string | undefined {
  let name = names.get(sql);
  if (!name && names.size < MAX_NAMED)
    names.set(sql, (name = `crm_r_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}

interface LibsqlLike {
  execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: ArrayLike<unknown>[] }>;
}
interface PgLike {
  query(config: {
    name?: string;
    text: string;
    values: unknown[];
    rowMode: 'array';
    types: unknown;
  }): Promise<{ rows: unknown[][] }>;
}

/**
 * The rows of a built select as arrays (columns in the selection's order), or `null` inside a transaction.
 * @example
 * const q = db.select({ id: t.clients.id, data: t.clients.data }).from(t.clients).limit(51);
 * const rows = (await readRows(ctx.database, ctx.db, q)) ?? (await q).map((r) => [r.id, r.data]);
 */
export async function readRows(database: Database, db: Db, query: BuiltQuery): Promise<unknown[][] | null> {
  if (db !== database.db) return null;
  const { sql, params } = query.toSQL();
  const client = (readDb(database, db) as unknown as { $client: unknown }).$client;
  if (database.dialect === 'postgres') {
    const config = { name: statementName(sql), text: sql, values: params, rowMode: 'array' as const, types: textTypes };
    return (await (client as PgLike).query(config)).rows;
  }
  const { rows } = await (client as LibsqlLike).execute({ sql, args: params });
  return rows.map((r) => (Array.isArray(r) ? r : Array.prototype.slice.call(r)));
}
