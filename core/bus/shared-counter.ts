/**
 * @module bus/shared-counter
 * Fixed-window hit counters that hold across every instance on one database: on PostgreSQL a row per
 * key and window in the UNLOGGED table `shared_counters` (one upsert per hit), on libsql a map in
 * the process — libsql has one process writing the database, so the process is every instance.
 *
 * Why in the database and not per instance with a share of the limit each: a share needs to know
 * how many instances run and breaks when one stops or a balancer favours one; one upsert per hit
 * costs a round trip on endpoints (lead intake, failed sign-ins) that write anyway.
 */
import type { Database } from '../storage/index.ts';

export interface SharedCounter {
  /** Count one hit of `key` in the window holding `nowMs`; the hits of that window so far, this one included. */
  hit(key: string, nowMs: number): Promise<number>;
  /**
   * Count one hit of each key in turn while each stays within its limit, in one round trip: the
   * first key over its limit stops the count there (later keys are not counted). True when all were
   * within. The keys must differ. The lead form's per-address and per-key limits use it.
   */
  hitWithin(limits: ReadonlyArray<{ key: string; limit: number }>, nowMs: number): Promise<boolean>;
  /** The hits of `key` in the window holding `nowMs`. */
  count(key: string, nowMs: number): Promise<number>;
  /** When the window holding `nowMs` ends (epoch ms). */
  windowEnd(nowMs: number): number;
}

const MAX_KEYS = 20_000;
/** libsql: the process's counters, by database label, name and window (every handle of a file shares them). */
const inProcess = new Map<string, Map<string, { start: number; hits: number }>>();

/**
 * @param name what is counted, part of every key (`lead-rate`, `sign-in-address`…)
 * @example
 * const failures = sharedCounter(database, 'sign-in-address', 15 * 60_000);
 * if ((await failures.count(address, Date.now())) >= 100) throw rateLimited();
 */
export function sharedCounter(database: Database, name: string, windowMs: number): SharedCounter {
  const startOf = (nowMs: number) => nowMs - (nowMs % windowMs);
  const windowEnd = (nowMs: number) => startOf(nowMs) + windowMs;
  if (database.dialect !== 'postgres') {
    const id = `${database.label}|${name}|${windowMs}`;
    let map = inProcess.get(id)!;
    if (!map) inProcess.set(id, (map = new Map()));
    const hit = (key: string, nowMs: number) => {
      const start = startOf(nowMs);
      const e = map.get(key);
      const hits = e && e.start === start ? e.hits + 1 : 1;
      map.delete(key);
      map.set(key, { start, hits });
      if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
      return hits;
    };
    return {
      hit: async (key, nowMs) => hit(key, nowMs),
      async hitWithin(limits, nowMs) {
        return limits.every(({ key, limit }) => hit(key, nowMs) <= limit);
      },
      async count(key, nowMs) {
        const e = map.get(key);
        return e && e.start === startOf(nowMs) ? e.hits : 0;
      },
      windowEnd,
    };
  }
  let swept = 0;
  const sweep = (start: number) => {
    // Old windows go once per window per process: a cheap delete, never in the way of a hit.
    if (start <= swept) return;
    swept = start;
    void database
      .raw('DELETE FROM shared_counters WHERE key LIKE ? AND window_start < ?', [`${name}:%`, start])
      .catch(() => {});
  };
  return {
    async hit(key, nowMs) {
      const start = startOf(nowMs);
      sweep(start);
      const [row] = await database.raw(
        'INSERT INTO shared_counters (key, window_start, hits) VALUES (?, ?, 1) ' +
          'ON CONFLICT (key, window_start) DO UPDATE SET hits = shared_counters.hits + 1 RETURNING hits',
        [`${name}:${key}`, start],
      );
      return Number(row!.hits);
    },
    async hitWithin(limits, nowMs) {
      if (!limits.length) return true;
      const start = startOf(nowMs);
      sweep(start);
      // One statement: each key's upsert takes its row from the one before, and only while that one
      // stayed within its limit (data-modifying CTEs pass rows on through RETURNING).
      const upsert = 'ON CONFLICT (key, window_start) DO UPDATE SET hits = shared_counters.hits + 1 RETURNING hits';
      const steps = limits.map((_, i) =>
        i === 0
          ? `c0 AS (INSERT INTO shared_counters (key, window_start, hits) VALUES (?, ?, 1) ${upsert})`
          : `c${i} AS (INSERT INTO shared_counters (key, window_start, hits) ` +
            `SELECT ?, ?, 1 FROM c${i - 1} WHERE c${i - 1}.hits <= ? ${upsert})`,
      );
      const params = limits.flatMap(({ key }, i) =>
        i === 0 ? [`${name}:${key}`, start] : [`${name}:${key}`, start, limits[i - 1]!.limit],
      );
      const last = limits.length - 1;
      const [row] = await database.raw(`WITH ${steps.join(', ')} SELECT (SELECT hits FROM c${last}) AS hits`, params);
      return row?.hits != null && Number(row.hits) <= limits[last]!.limit;
    },
    async count(key, nowMs) {
      const [row] = await database.raw('SELECT hits FROM shared_counters WHERE key = ? AND window_start = ?', [
        `${name}:${key}`,
        startOf(nowMs),
      ]);
      return row ? Number(row.hits) : 0;
    },
    windowEnd,
  };
}
