/**
 * @module storage/read-rows
 * A built select's rows as arrays of the driver's values, without drizzle's per-row mapping, for a
 * hot read that maps (or serialises) its rows itself (the client list page). The query is still built
 * by drizzle (`toSQL()`: the same text and bound values drizzle would run); only running it and
 * turning rows into objects are skipped. What each column holds:
 * - libsql: what SQLite stores (instants as milliseconds, JSON as its text); outside a transaction on
 *   a file the statement runs on the process's statement-caching read connection (`prepared.ts`);
 * - PostgreSQL: instants and JSON as the server's text (as drizzle asks for instants; decode with the
 *   column's `mapFromDriverValue`), every other type parsed by the pool's parsers.
 *
 * Only for reads on the database's own connection: inside a transaction (`db` is not `database.db`)
 * the answer is `null` and the caller runs the query through drizzle as usual.
 */
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

interface LibsqlLike {
  execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: ArrayLike<unknown>[] }>;
}
interface PgLike {
  query(config: { text: string; values: unknown[]; rowMode: 'array'; types: unknown }): Promise<{ rows: unknown[][] }>;
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
  if (database.dialect === 'postgres')
    return (await (client as PgLike).query({ text: sql, values: params, rowMode: 'array', types: textTypes })).rows;
  const { rows } = await (client as LibsqlLike).execute({ sql, args: params });
  return rows.map((r) => (Array.isArray(r) ? r : Array.prototype.slice.call(r)));
}
