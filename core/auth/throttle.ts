/**
 * @module auth/throttle
 * Sign-in counters that need no account row. Failed sign-ins per network address (one address
 * guessing across many accounts is slowed to a 429) are shared by every instance on the database
 * (`sharedCounter` of core/bus: in the database on PostgreSQL). Failures per unknown e-mail address
 * (so an address with no account locks exactly like one with an account, and the 423 tells nothing
 * about who has an account) are counted in memory, per process and bounded in size. The account
 * lock itself is counted in the user's row (see `sessions.ts`), so it holds across processes.
 */
import { sharedCounter } from '../bus/index.ts';
import type { Database } from '../storage/index.ts';

/** Failed sign-ins from one network address within the lockout window before it gets 429. */
export const MAX_FAILURES_PER_ADDRESS = 100;
const MAX_KEYS = 20_000;

export interface FailureCounter {
  /** Failures of `key` after `sinceMs`. */
  count(key: string, sinceMs: number): number;
  record(key: string, nowMs: number): number;
  /** The oldest failure of `key` after `sinceMs` (to tell when the window frees up), or null. */
  oldest(key: string, sinceMs: number): number | null;
  clear(key: string): void;
}

/**
 * @example
 * const byEmail = failureCounter();
 * byEmail.record('nobody@example.pl', Date.now());
 */
export function failureCounter(): FailureCounter {
  const map = new Map<string, number[]>();
  const live = (key: string, sinceMs: number) => {
    const list = map.get(key);
    if (!list) return [];
    const kept = list.filter((t) => t > sinceMs);
    if (kept.length !== list.length) {
      if (kept.length) map.set(key, kept);
      else map.delete(key);
    }
    return kept;
  };
  return {
    count: (key, sinceMs) => live(key, sinceMs).length,
    oldest: (key, sinceMs) => live(key, sinceMs)[0] ?? null,
    record(key, nowMs) {
      const list = map.get(key) ?? [];
      list.push(nowMs);
      map.delete(key); // re-insert: the Map's order is then least recently failed first
      map.set(key, list.slice(-1000));
      if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
      return list.length;
    },
    clear: (key) => void map.delete(key),
  };
}

export interface SignInThrottle {
  byUnknownEmail: FailureCounter;
  /** Unknown e-mail → until when it answers as locked. */
  unknownLockedUntil: Map<string, number>;
}

const throttles = new WeakMap<object, SignInThrottle>();

/** The counters of one CRM instance (keyed by its database, so two instances never share them). */
export function throttleFor(owner: object): SignInThrottle {
  let t = throttles.get(owner);
  if (!t) {
    t = { byUnknownEmail: failureCounter(), unknownLockedUntil: new Map() };
    throttles.set(owner, t);
  }
  return t;
}

/**
 * Failed sign-ins per network address, across instances. Counted in fixed windows of the lockout
 * window's length; an address is refused while its failures in this window and the previous one
 * reach MAX_FAILURES_PER_ADDRESS, so a window's boundary never forgives a burst.
 *
 * @example
 * const byAddress = addressFailures(rt.database, 15 * 60_000);
 * const wait = await byAddress.refusedFor('203.0.113.7', Date.now()); // null, or ms until allowed
 */
export function addressFailures(database: Database, windowMs: number) {
  const counter = sharedCounter(database, 'sign-in-address', windowMs);
  return {
    /** Milliseconds until `address` may try again, or null when it may now. */
    async refusedFor(address: string, nowMs: number): Promise<number | null> {
      const [current, previous] = await Promise.all([
        counter.count(address, nowMs),
        counter.count(address, nowMs - windowMs),
      ]);
      if (current + previous < MAX_FAILURES_PER_ADDRESS) return null;
      const end = counter.windowEnd(nowMs);
      return (current >= MAX_FAILURES_PER_ADDRESS ? end + windowMs : end) - nowMs;
    },
    async record(address: string, nowMs: number): Promise<void> {
      await counter.hit(address, nowMs);
    },
  };
}
