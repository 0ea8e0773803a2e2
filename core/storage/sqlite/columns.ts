/**
 * @module storage/sqlite/columns
 * Column helpers for SQLite/libsql. `core/storage/pg/columns.ts` has the same names so that the two
 * schema folders read line by line alike and infer identical row types.
 */
import { integer, text } from 'drizzle-orm/sqlite-core';

/** A UTC instant with millisecond precision, as `Date`. */
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
/** A JSON document (objects, arrays). */
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
export const bool = (name: string) => integer(name, { mode: 'boolean' });
export const id = (name: string) => text(name);
/** Text compared byte by byte (SQLite's default BINARY collation), for materialized paths. */
export const bytewise = (name: string) => text(name);
export const int = (name: string) => integer(name, { mode: 'number' });
/** A counter that may outgrow 32 bits (an audit sequence); exact up to 2^53. */
export const big = (name: string) => integer(name, { mode: 'number' });
/** Money in minor units (grosze); always an exact integer. */
export const money = (name: string) => integer(name, { mode: 'number' });
export { text };
