/**
 * @module bench/pg-cpu
 * CPU time on PostgreSQL's side, for CPU-time lines that compare a call through our stack with the
 * raw query: on libsql the query runs inside this process, so `process.cpuUsage()` sees all of it; on
 * PostgreSQL most of it runs in the server's backends. This reads the backends' own CPU clocks
 * (`/proc/<pid>/schedstat`, nanoseconds on the CPU) for the connections to the bench database, so a
 * line can add them to this process's CPU on both sides. Linux only, with the server on this machine
 * (the bench's case); elsewhere `backendCpu` is null and the lines stay process-only.
 */
import { readFileSync } from 'node:fs';
import type { BenchTarget } from './targets.ts';

/**
 * A clock (ms) of the CPU spent by every backend connected to the target's database now, or null
 * where it cannot be read. Connections opened later are not counted: call it after the warm-up.
 * @example
 * const clock = await backendCpu(target);
 * const before = clock?.() ?? 0;
 */
export async function backendCpu(target: BenchTarget): Promise<(() => number) | null> {
  if (target.engine !== 'postgres' || process.platform !== 'linux') return null;
  const rows = await target.query('select pid from pg_stat_activity where datname = current_database()');
  const files = rows.map((r) => `/proc/${String(r.pid)}/schedstat`);
  const last = new Map<string, number>();
  const read = () => {
    let ns = 0;
    for (const f of files) {
      try {
        last.set(f, Number(readFileSync(f, 'utf8').split(' ')[0]));
      } catch {
        // the connection closed: its time up to its last reading stays counted
      }
      ns += last.get(f) ?? 0;
    }
    return ns / 1e6;
  };
  read();
  // Another machine, or no right to read the server's processes: nothing was read.
  return last.size ? read : null;
}
