/**
 * @module bus/run-exclusive
 * Scheduled sweeps (overdue task notices, report e-mails, …) run in every instance on a timer; this
 * makes one run at a time across all of them. On PostgreSQL a session-level advisory lock, tried
 * (never waited for) on a connection of its own and held for the sweep; on libsql, where one process
 * is every instance, a guard in the process. The sweeps are idempotent (each records what it sent),
 * so one run at a time means each thing is sent once.
 */
import type { Database } from '../storage/index.ts';

/** The first key of every advisory lock broker-crm takes (`pg_try_advisory_lock(int, int)`). */
const LOCK_SPACE = 0x62636d; // "bcm"

const running = new Map<string, Set<string>>();

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/**
 * Run `fn` unless a run of the same `name` is under way in any instance on this database.
 *
 * @example
 * const r = await runExclusive(crm.database, 'overdue-tasks', () => notifyOverdueTasks(crm.runtime, new Date()));
 * if (!r.ran) console.log('another instance is sweeping');
 */
export async function runExclusive<T>(database: Database, name: string, fn: () => Promise<T>): Promise<Exclusive<T>> {
  let here = running.get(database.label);
  if (!here) running.set(database.label, (here = new Set()));
  if (here.has(name)) return { ran: false };
  here.add(name);
  try {
    if (!database.dedicated) return { ran: true, value: await fn() };
    const c = await database.dedicated();
    try {
      const [got] = (
        await c.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
          LOCK_SPACE,
          name,
        ])
      ).rows;
      if (!got?.locked) return { ran: false };
      return { ran: true, value: await fn() };
    } finally {
      // Ending the session releases its advisory locks.
      await c.end().catch(() => {});
    }
  } finally {
    here.delete(name);
  }
}
