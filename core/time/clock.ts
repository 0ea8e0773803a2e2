/**
 * @module time/clock
 * The clock is part of the operation context so that tests and scripts can fix "now".
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until moved; for tests and replays.
 * @example
 * const clock = fixedClock('2026-03-29T00:30:00Z'); clock.advance(60_000);
 */
export function fixedClock(start: string | Date): Clock & { set(to: string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (to) => {
      t = new Date(to).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
