/**
 * @module calendar/local-time
 * The calendar's one door to `core/time`: a typed local time (`2026-03-29T02:30`) in a zone → the
 * UTC instant, with DST resolved exactly as `core/time/zone.ts` documents (a time in the spring gap
 * moves forward by the gap; a time in the autumn overlap takes the earlier, summer-time instant) and
 * the resolution reported, so the API can tell the person what happened.
 */
import { invalid } from '../errors.ts';
import { zonedToUtc } from '../time/index.ts';

/** How a typed local time was resolved: `gap` = moved forward; `overlap` = earlier of two instants. */
export interface TimeResolution {
  field: string;
  local: string;
  resolution: 'gap' | 'overlap';
  instant: string;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/**
 * @example
 * resolveLocal('2026-03-29T02:30', 'Europe/Warsaw', '/start')
 * // { instant: 2026-03-29T01:30:00Z (03:30 CEST), note: { resolution: 'gap', … } }
 */
export function resolveLocal(local: string, zone: string, field: string): { instant: Date; note?: TimeResolution } {
  const m = LOCAL.exec(local);
  if (!m) throw invalid('Not a local date and time', [{ path: field, message: `"${local}" is not YYYY-MM-DDTHH:mm` }]);
  let r;
  try {
    r = zonedToUtc({ date: m[1]!, time: m[2]! }, zone);
  } catch (error) {
    throw invalid('Not a local date and time', [{ path: field, message: (error as Error).message }]);
  }
  const resolution = r.adjusted === 'gap' ? 'gap' : r.ambiguous ? 'overlap' : undefined;
  return resolution
    ? { instant: r.instant, note: { field, local, resolution, instant: r.instant.toISOString() } }
    : { instant: r.instant };
}

/** `YYYY-MM-DDTHH:mm` as wall-clock ms (the local time read as if it were UTC), for recurrence. */
export function localToWallMs(local: string): number {
  return Date.parse(`${local}:00Z`);
}

/** Wall-clock ms → `YYYY-MM-DDTHH:mm`. */
export function wallMsToLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
