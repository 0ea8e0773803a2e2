/**
 * @module bus/bus-for
 * One change bus per open database: in-process for libsql, `LISTEN/NOTIFY` for PostgreSQL. Caches
 * keyed by a database subscribe to its bus; domain code publishes to it after a change commits.
 */
import type { Database } from '../storage/index.ts';
import { memoryBus, type ChangeBus } from './bus.ts';
import { pgBus } from './pg-bus.ts';

const buses = new WeakMap<Database, ChangeBus>();

/**
 * The bus of a database, made (and, on PostgreSQL, started listening) on first use.
 *
 * @example
 * busFor(ctx.database).subscribe('org', () => places.clear());
 * void busFor(ctx.database).publish('org', unitId);
 */
export function busFor(database: Database): ChangeBus {
  let bus = buses.get(database);
  if (!bus) {
    bus = database.dialect === 'postgres' ? pgBus(database) : memoryBus(database.label);
    buses.set(database, bus);
  }
  return bus;
}

/** Stop the bus of a database (before closing the database; a later `busFor` makes a new one). */
export async function closeBus(database: Database): Promise<void> {
  const bus = buses.get(database);
  buses.delete(database);
  await bus?.close();
}
