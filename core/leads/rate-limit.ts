/**
 * @module leads/rate-limit
 * Fixed-window limits of the public lead endpoint (per address, per public key) that hold across
 * every instance on the database: counted in the database on PostgreSQL, in the process on libsql
 * (where one process is every instance) — see `sharedCounter` in core/bus. A lead's address and key
 * limits are counted in one round trip (`hitWithin`).
 */
import { sharedCounter } from '../bus/index.ts';
import type { Database } from '../storage/index.ts';

export interface RateLimiter {
  /** Count one hit for `key`; false when it is over `limit` in the current window. */
  hit(key: string, limit: number, nowMs: number): Promise<boolean>;
  /** Count one hit of each key in turn, stopping at the first over its limit (one round trip); false if one was. */
  hitWithin(limits: ReadonlyArray<{ key: string; limit: number }>, nowMs: number): Promise<boolean>;
}

/**
 * @example
 * const rl = createRateLimiter(crm.database);
 * if (!(await rl.hit(`ip:${ip}`, 10, Date.now()))) throw new CrmError('rate_limited', 'Too many requests');
 */
export function createRateLimiter(database: Database, windowMs = 60_000): RateLimiter {
  const counter = sharedCounter(database, 'lead-rate', windowMs);
  return {
    async hit(key, limit, nowMs) {
      return (await counter.hit(key, nowMs)) <= limit;
    },
    hitWithin: (limits, nowMs) => counter.hitWithin(limits, nowMs),
  };
}
