/**
 * @module storage/insert-rows
 * Multi-row inserts whose SQL is built once and kept: the hot write path of lead intake writes the
 * same few tables in batches of varying sizes, and drizzle builds a multi-row insert again on every
 * call (walking every column of every row: 5–8% of a lead's CPU in the profile). Here the statement
 * text and the columns' encoders are cached; a call only maps the values and hands them to the
 * driver of the transaction it is given.
 *
 * - PostgreSQL: ONE named prepared statement per table (`crm_insu_<table>`) whatever the row count:
 *   `insert … select * from unnest($1::text[], $2::jsonb[], …)`, one array per column. A text per
 *   row count (as on SQLite) made the server parse and plan a new 600-parameter statement for most
 *   batches, since each pooled connection prepares each (table, count) pair on first use. A table
 *   with a column whose type is not a plain scalar (an array column) keeps the text per row count.
 * - libsql: the text is reused; the client's transaction still prepares it per call (it keeps no
 *   statement cache), so the gain is the building only.
 *
 * The rows mean what they mean to drizzle's `insert(table).values(rows)`: every insertable column of
 * the table is written, a missing value takes the column's `.default(…)` value or null. A table with
 * a default given as SQL, or a `$defaultFn`/`$onUpdateFn`, and rows with a value given as SQL, are
 * inserted through drizzle as before.
 */
import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import type { Db, Dialect } from './database.ts';

interface Shape {
  text: string;
  name: string;
  columns: Array<[key: string, column: Column]>;
}
interface TableInfo {
  columns: Array<[key: string, column: Column]> | null;
  shapes: Map<number, Shape>;
  /** PostgreSQL: the one `unnest` statement for any row count, or null when a column's type does not allow it. */
  unnest?: Shape | null;
}

/** Column types that travel as one PostgreSQL array per column (a collation is the column's, not the array's). */
const SCALAR = new RegExp(
  '^(text|varchar(\\(\\d+\\))?|char(\\(\\d+\\))?|uuid|integer|smallint|bigint|real|double precision|' +
    'numeric(\\(\\d+(, ?\\d+)?\\))?|boolean|jsonb?|date|timestamp( \\(\\d\\))?( with(out)? time zone)?)$',
);

function unnestOf(table: object, info: TableInfo): Shape | null {
  if (info.unnest !== undefined) return info.unnest;
  const columns = info.columns!;
  const types = columns.map(([, c]) => c.getSQLType().replace(/ COLLATE "[^"]*"$/, ''));
  if (!types.every((ty) => SCALAR.test(ty))) return (info.unnest = null);
  const name = getTableName(table as never);
  const text =
    `insert into "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) ` +
    `select * from unnest(${types.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ')})`;
  return (info.unnest = { text, name: `crm_insu_${name}`, columns });
}

const infos = new Map<Dialect, WeakMap<object, TableInfo>>();

function infoOf(dialect: Dialect, table: object): TableInfo {
  let byTable = infos.get(dialect);
  if (!byTable) infos.set(dialect, (byTable = new WeakMap()));
  let info = byTable.get(table);
  if (!info) {
    const all = Object.entries(getTableColumns(table as never)) as Array<[string, Column]>;
    const insertable = all.filter(
      ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
    );
    const plain = insertable.every(([, c]) => !is(c.default, SQL) && !c.defaultFn && !c.onUpdateFn);
    byTable.set(table, (info = { columns: plain ? insertable : null, shapes: new Map() }));
  }
  return info;
}

function shapeOf(dialect: Dialect, table: object, info: TableInfo, n: number): Shape {
  let shape = info.shapes.get(n);
  if (!shape) {
    const columns = info.columns!;
    const name = getTableName(table as never);
    const width = columns.length;
    const rows: string[] = [];
    for (let r = 0; r < n; r++) {
      const slots = columns.map((_, c) => (dialect === 'postgres' ? `$${r * width + c + 1}` : '?'));
      rows.push(`(${slots.join(', ')})`);
    }
    const text =
      `insert into "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values ` + rows.join(', ');
    shape = { text, name: `crm_ins_${name}_${n}`, columns };
    info.shapes.set(n, shape);
  }
  return shape;
}

/** The driver behind a drizzle database or transaction (libsql: its transaction or client; pg: its client). */
interface Session {
  tx?: { execute(stmt: { sql: string; args: unknown[] }): Promise<unknown> } | null;
  client: {
    execute?(stmt: { sql: string; args: unknown[] }): Promise<unknown>;
    query?(q: { name: string; text: string; values: unknown[] }): Promise<unknown>;
  };
}

/**
 * Insert `rows` into `table` on `db` (a transaction or the database), at most `chunk` rows a statement.
 * @example
 * await insertRows(tx.database.dialect, tx.db, tx.t.leads, [lead1, lead2]);
 */
export async function insertRows(
  dialect: Dialect,
  db: Db,
  table: object,
  rows: readonly Record<string, unknown>[],
  chunk = 100,
): Promise<void> {
  const info = infoOf(dialect, table);
  const session = (db as unknown as { session?: Session }).session;
  const driver = dialect === 'postgres' ? session?.client.query : (session?.tx ?? session?.client)?.execute;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    if (!info.columns || !driver) {
      await db.insert(table as never).values(part as never);
      continue;
    }
    const arrays = dialect === 'postgres' ? unnestOf(table, info) : null;
    const shape = arrays ?? shapeOf(dialect, table, info, part.length);
    // Row after row (a multi-row VALUES), or one array per column (unnest).
    const args: unknown[] = arrays ? shape.columns.map(() => []) : [];
    let expression = false;
    for (const row of part)
      for (let c = 0; c < shape.columns.length; c++) {
        const [key, column] = shape.columns[c]!;
        const v = row[key] === undefined ? (column.default ?? null) : row[key];
        if (is(v, SQL)) expression = true;
        const value = v === null || expression ? null : column.mapToDriverValue(v);
        if (arrays) (args[c] as unknown[]).push(value);
        else args.push(value);
      }
    // A value given as SQL (`sql\`now()\``) is inlined by drizzle, not bound: that chunk goes through drizzle.
    if (expression) {
      await db.insert(table as never).values(part as never);
      continue;
    }
    if (dialect === 'postgres') await session!.client.query!({ name: shape.name, text: shape.text, values: args });
    else await (session!.tx ?? session!.client).execute!({ sql: shape.text, args });
  }
}
