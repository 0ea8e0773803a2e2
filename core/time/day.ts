/**
 * @module time/day
 * The length of 24 hours in milliseconds, in one place. It is not the length of a local day: in
 * Europe/Warsaw a day is 23 or 25 hours across a DST change, so count local days with
 * `addLocalDays`, and use this for spans of time (windows, horizons, "within N days").
 */

/** 86 400 000: milliseconds in 24 hours. */
export const DAY_MS = 86_400_000;
