/**
 * @module time/offset-cache
 * A zone's UTC offset at an instant, memoised per hour. Luxon asks Intl every time (~10 µs),
 * which dominates when a settlement run assigns periods to 200k rows. An hour is cached only when
 * its first and last millisecond share one offset, so an hour containing a transition is always
 * computed exactly (no zone changes offset twice within an hour).
 */
import type { IANAZone } from 'luxon';

const HOUR = 3_600_000;
const MAX_ENTRIES = 50_000;
const caches = new WeakMap<IANAZone, Map<number, number>>();

/**
 * Offset in minutes of `zone` at `epochMs`, exactly what `zone.offset(epochMs)` returns.
 * @example
 * offsetAt(IANAZone.create('Europe/Warsaw'), Date.parse('2026-07-01T00:00:00Z')) // 120
 */
export function offsetAt(zone: IANAZone, epochMs: number): number {
  let cache = caches.get(zone);
  if (!cache) {
    cache = new Map();
    caches.set(zone, cache);
  }
  const hour = Math.floor(epochMs / HOUR);
  const hit = cache.get(hour);
  if (hit !== undefined) return hit;
  const start = zone.offset(hour * HOUR);
  if (zone.offset(hour * HOUR + HOUR - 1) !== start) return zone.offset(epochMs);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hour, start);
  return start;
}
