/**
 * @module storage
 * The storage face: open a database (libsql or PostgreSQL), recognise an unavailable database, and
 * describe a failure without the data it carried.
 */
export {
  openDatabase,
  dialectOf,
  redact,
  type Database,
  type DedicatedConnection,
  type Db,
  type Dialect,
  type OpenOptions,
  type Tables,
} from './database.ts';
export { prepared, readDb, type Preparable } from './prepared.ts';
export { insertRows } from './insert-rows.ts';
export { readRows, type BuiltQuery } from './read-rows.ts';
export { isDatabaseUnavailable, describeFailure, failureLine, formatFailure, type FailureSummary } from './failures.ts';
export { UnsafeIntegerError, parseInt8 } from './pg-pool.ts';
export type { OutboxPayload } from './sqlite/outbox.ts';
export type { PartnerAddress } from './sqlite/partners.ts';
