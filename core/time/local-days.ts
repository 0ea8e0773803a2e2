/**
 * @module time/local-days
 * Calendar arithmetic on the firm's wall clock: "the same time, n days later" and "the start of
 * the day/month" mean local time, not UTC, so they stay right across DST.
 */
import { CrmError } from '../errors.ts';
import { offsetAt } from './offset-cache.ts';
import { DEFAULT_ZONE, ianaZone, resolveWall, toEpochMs, wallMs, type Instant } from './zone.ts';
import { DAY_MS } from './day.ts';

/**
 * Moves an instant by `n` local days keeping the wall-clock time: a 10:00 meeting stays 10:00
 * across a DST change (23 or 25 hours later). A time that falls into the spring gap moves forward
 * by the gap; in an overlap the side of the original instant is kept when possible.
 * @example
 * addLocalDays(new Date('2026-03-28T09:00:00Z'), 1) // 2026-03-29T08:00:00Z — 10:00 in Warsaw both days
 */
export function addLocalDays(instant: Instant, n: number, zone: string = DEFAULT_ZONE): Date {
  if (!Number.isSafeInteger(n)) throw new CrmError('invalid', `n must be a whole number of days, got ${n}`);
  const z = ianaZone(zone);
  const ms = toEpochMs(instant);
  return resolveWall(wallMs(ms, z) + n * DAY_MS, z, offsetAt(z, ms)).instant;
}

/**
 * The instant the local day containing `instant` begins.
 * @example
 * startOfLocalDay(new Date('2026-03-31T22:30:00Z')) // 2026-03-31T22:00:00Z (1 April, 00:00 CEST)
 */
export function startOfLocalDay(instant: Instant, zone: string = DEFAULT_ZONE): Date {
  const z = ianaZone(zone);
  const wall = wallMs(toEpochMs(instant), z);
  return resolveWall(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS), z).instant;
}

/**
 * The instant the local month containing `instant` begins.
 * @example
 * startOfLocalMonth(new Date('2026-03-31T22:30:00Z')) // 2026-03-31T22:00:00Z (1 April, 00:00 CEST)
 */
export function startOfLocalMonth(instant: Instant, zone: string = DEFAULT_ZONE): Date {
  const z = ianaZone(zone);
  const wall = new Date(wallMs(toEpochMs(instant), z));
  return resolveWall(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1), z).instant;
}
