/**
 * @module storage/pg/columns
 * Column helpers for PostgreSQL, parallel to `core/storage/sqlite/columns.ts`.
 */
import { bigint, boolean, customType, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

export const instant = (name: string) => timestamp(name, { mode: 'date', withTimezone: true, precision: 3 });
export const json = <T>(name: string) => jsonb(name).$type<T>();
export const bool = (name: string) => boolean(name);
export const id = (name: string) => text(name);
/**
 * Text with the "C" collation: byte order, as in SQLite. Materialized paths are compared by range
 * (`path >= '/a/' AND path < '/a0'`), which only works, and only uses the index, under byte order;
 * a database's default collation (e.g. en_US) ignores punctuation.
 */
export const bytewise = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});
export const int = (name: string) => integer(name);
/** A counter that may outgrow 32 bits (an audit sequence); read exactly below 2^53 (the pool's int8 parser). */
export const big = (name: string) => bigint(name, { mode: 'number' });
export const money = (name: string) => bigint(name, { mode: 'number' });
export { text };
