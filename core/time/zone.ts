/**
 * @module time/zone
 * Wall-clock time in the firm's zone (default Europe/Warsaw) ↔ UTC instants. Instants are stored
 * and compared in UTC; a person sees and types local dates and times. DST makes the mapping
 * imperfect twice a year, and this file is the one place that decides what happens then:
 * - a local time that does not exist (the spring gap, 02:30 on 29 March 2026) is moved forward by
 *   the length of the gap (→ 03:30 CEST) and flagged `adjusted: 'gap'`;
 * - a local time that exists twice (the autumn overlap, 02:30 on 25 October 2026) resolves to the
 *   EARLIER instant (CEST) and is flagged `ambiguous: true`.
 */
import { IANAZone } from 'luxon';
import { CrmError } from '../errors.ts';
import { offsetAt } from './offset-cache.ts';
import { DAY_MS } from './day.ts';

export const DEFAULT_ZONE = 'Europe/Warsaw';

/** A UTC instant: a `Date` or an ISO-8601 string with an offset or `Z`. */
export type Instant = Date | string;

export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm`, optionally `HH:mm:ss` */
  time: string;
}

export interface ZonedToUtcResult {
  instant: Date;
  adjusted?: 'gap';
  ambiguous?: true;
}

const MINUTE = 60_000;

// Checking a zone name builds an Intl formatter (about a millisecond): do it once per name.
const zones = new Map<string, IANAZone>();

/** @internal A valid luxon zone, or a 422 naming the bad zone. */
export function ianaZone(zone: string): IANAZone {
  let z = zones.get(zone);
  if (!z) {
    if (!IANAZone.isValidZone(zone)) throw new CrmError('invalid', `Unknown time zone "${zone}"`);
    z = IANAZone.create(zone);
    zones.set(zone, z);
  }
  return z;
}

/** @internal Epoch ms of an instant; a 422 for what is not one. */
export function toEpochMs(instant: Instant): number {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new CrmError('invalid', `Not a valid instant: ${String(instant)}`);
  return ms;
}

/** @internal The wall clock as if it were UTC ("wall ms"), so calendar maths is plain arithmetic. */
export function wallMs(epochMs: number, zone: IANAZone): number {
  return epochMs + offsetAt(zone, epochMs) * MINUTE;
}

/**
 * @internal Wall ms → instant with the rules above. `preferOffset` keeps an existing instant's
 * side of an overlap (so moving a second-02:30 meeting by 0 days does not move it).
 */
export function resolveWall(wall: number, zone: IANAZone, preferOffset?: number): ZonedToUtcResult {
  const offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => offsetAt(zone, t)))];
  const valid = offsets.filter((off) => offsetAt(zone, wall - off * MINUTE) === off).sort((a, b) => b - a);
  if (valid.length === 0) {
    // Read with the offset in force before the gap: the wall clock lands `gap` minutes later.
    return { instant: new Date(wall - offsetAt(zone, wall - DAY_MS) * MINUTE), adjusted: 'gap' };
  }
  const chosen = preferOffset !== undefined && valid.includes(preferOffset) ? preferOffset : valid[0]!;
  const instant = new Date(wall - chosen * MINUTE);
  return valid.length > 1 ? { instant, ambiguous: true } : { instant };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** @internal `YYYY-MM-DD` + `HH:mm[:ss]` → wall ms, refusing dates and times that do not exist. */
export function parseWall({ date, time }: LocalDateTime): number {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d) throw new CrmError('invalid', `Not a date (YYYY-MM-DD): ${date}`);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59)
    throw new CrmError('invalid', `Not a time (HH:mm): ${time}`);
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(y, m - 1, day, Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) {
    throw new CrmError('invalid', `No such date: ${date}`);
  }
  return wall;
}

/**
 * A local date and time in `zone` → the UTC instant, resolving DST as the module describes.
 * @example
 * zonedToUtc({ date: '2026-03-29', time: '02:30' }) // { instant: 2026-03-29T01:30:00Z (03:30 CEST), adjusted: 'gap' }
 * zonedToUtc({ date: '2026-10-25', time: '02:30' }) // { instant: 2026-10-25T00:30:00Z (CEST), ambiguous: true }
 * zonedToUtc({ date: '2026-06-01', time: '10:00' }) // { instant: 2026-06-01T08:00:00Z }
 */
export function zonedToUtc(local: LocalDateTime, zone: string = DEFAULT_ZONE): ZonedToUtcResult {
  return resolveWall(parseWall(local), ianaZone(zone));
}

/**
 * A UTC instant → what a clock on the wall in `zone` shows (seconds dropped) and the offset.
 * @example
 * utcToZoned(new Date('2026-03-31T22:30:00Z')) // { date: '2026-04-01', time: '00:30', offsetMinutes: 120 }
 */
export function utcToZoned(instant: Instant, zone: string = DEFAULT_ZONE): LocalDateTime & { offsetMinutes: number } {
  const z = ianaZone(zone);
  const ms = toEpochMs(instant);
  const iso = new Date(wallMs(ms, z)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offsetMinutes: offsetAt(z, ms) };
}
