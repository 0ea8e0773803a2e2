/**
 * @module leads/rate-limit
 * Fixed-window counters in memory, per process: enough to blunt a flood against one public key or
 * from one address. Several processes each count on their own; put a proxy limit in front for more.
 */

export interface RateLimiter {
  /** Count one hit for `key`; false when it is over `limit` in the current minute. */
  hit(key: string, limit: number, nowMs: number): boolean;
}

/**
 * @example
 * const rl = createRateLimiter();
 * if (!rl.hit(`ip:${ip}`, 10, Date.now())) throw new CrmError('rate_limited', 'Too many requests');
 */
export function createRateLimiter(windowMs = 60_000): RateLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    hit(key, limit, nowMs) {
      if (nowMs - windowStart >= windowMs) {
        windowStart = nowMs - (nowMs % windowMs);
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= limit;
    },
  };
}
