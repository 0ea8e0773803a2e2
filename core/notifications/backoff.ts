/**
 * @module notifications/backoff
 * When a temporarily failed message is tried again: exponential, capped, never sooner than the
 * provider asked (`Retry-After`), and given up after `maxAttempts` (the row becomes `dead`).
 */

export interface BackoffOptions {
  /** Delay after the first failed attempt (default 30 s). */
  baseMs: number;
  /** Each further failure multiplies the delay (default 2). */
  factor: number;
  /** Upper bound of one delay (default 1 h). */
  maxMs: number;
  /** Attempts in all, the first included, before a message is dead-lettered (default 8). */
  maxAttempts: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 30_000, factor: 2, maxMs: 3_600_000, maxAttempts: 8 };

/**
 * The delay before the next attempt, after `attempts` attempts have failed; `null` means give up.
 * @example
 * retryDelayMs(1, defaultBackoff);          // 30_000
 * retryDelayMs(3, defaultBackoff, 120_000); // 120_000 (30 s × 2² = 120 s; Retry-After asks the same)
 * retryDelayMs(8, defaultBackoff);          // null: dead-letter
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, retryAfterMs?: number): number | null {
  if (attempts >= options.maxAttempts) return null;
  const exponential = Math.min(options.maxMs, options.baseMs * options.factor ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}
