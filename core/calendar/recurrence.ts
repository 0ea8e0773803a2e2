/**
 * @module calendar/recurrence
 * Recurring items (RRULE, RFC 5545) expanded for a window. The rule runs on the item's LOCAL wall
 * time (read as floating UTC, so `rrule` never sees a zone), and each occurrence is then placed in
 * the item's zone: a weekly 10:00 meeting is 10:00 in Warsaw before and after a DST change, i.e.
 * 09:00Z in winter and 08:00Z in summer. Removed occurrences are listed by local date (`exdates`).
 */
import rrulePkg from 'rrule';
import { invalid } from '../errors.ts';
import { DAY_MS, zonedToUtc } from '../time/index.ts';
import { localToWallMs, wallMsToLocal } from './local-time.ts';

const { RRule } = rrulePkg;
/** Far enough for "no end"; an instant both engines store. */
export const OPEN_END = new Date(Date.UTC(2200, 0, 1));
/** A series longer than this is refused: a typo like FREQ=MINUTELY should not flood a calendar. */
export const MAX_OCCURRENCES = 1000;
const FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export interface Occurrence {
  start: Date;
  end: Date;
  localStart: string;
}
export interface RecurringShape {
  localStart: string;
  zone: string;
  durationMinutes: number;
  rrule: string | null;
  exdates: readonly string[];
}

function ruleOf(rrule: string, localStart: string) {
  let options;
  try {
    options = RRule.parseString(rrule.replace(/^RRULE:/i, ''));
  } catch (error) {
    throw invalid('The recurrence rule is not valid', [{ path: '/rrule', message: (error as Error).message }]);
  }
  if (/DTSTART|TZID/i.test(rrule))
    throw invalid('The recurrence rule is not valid', [
      { path: '/rrule', message: "leave DTSTART and TZID out: the series starts at the item's start, in its zone" },
    ]);
  if (options.freq === undefined || !FREQS.has(RRule.FREQUENCIES[options.freq] ?? '')) {
    throw invalid('The recurrence rule is not valid', [
      { path: '/rrule', message: 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY' },
    ]);
  }
  if ((options.count ?? 0) > MAX_OCCURRENCES)
    throw invalid('The recurrence rule is not valid', [
      { path: '/rrule', message: `at most ${MAX_OCCURRENCES} occurrences` },
    ]);
  return new RRule({ ...options, dtstart: new Date(localToWallMs(localStart)) });
}

/**
 * Checks a rule and returns when the series ends (the end of its last occurrence, or `OPEN_END`).
 * @example
 * seriesEnd({ localStart: '2026-03-05T10:00', zone: 'Europe/Warsaw', durationMinutes: 60,
 *   rrule: 'FREQ=WEEKLY;COUNT=3', exdates: [] })
 * // 2026-03-19T10:00:00Z (11:00 local)
 */
export function seriesEnd(shape: RecurringShape): Date {
  if (!shape.rrule)
    return new Date(
      zonedToUtc(splitLocal(shape.localStart), shape.zone).instant.getTime() + shape.durationMinutes * 60_000,
    );
  const rule = ruleOf(shape.rrule, shape.localStart);
  if (!rule.options.count && !rule.options.until) return OPEN_END;
  const all = rule.all((_, i) => i < MAX_OCCURRENCES);
  const last = all.at(-1);
  if (!last)
    throw invalid('The recurrence rule has no occurrence', [{ path: '/rrule', message: 'no date matches it' }]);
  return new Date(
    zonedToUtc(splitLocal(wallMsToLocal(last.getTime())), shape.zone).instant.getTime() +
      shape.durationMinutes * 60_000,
  );
}

/** `YYYY-MM-DDTHH:mm` → `{ date, time }`. */
export function splitLocal(local: string): { date: string; time: string } {
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/**
 * The occurrences of an item that overlap [from, to). A single item gives itself when it overlaps.
 * @example
 * expand({ localStart: '2026-03-26T10:00', zone: 'Europe/Warsaw', durationMinutes: 60,
 *     rrule: 'FREQ=WEEKLY', exdates: [] },
 *   new Date('2026-03-23T00:00:00Z'), new Date('2026-04-06T00:00:00Z'))
 * // starts 2026-03-26T09:00Z and 2026-04-02T08:00Z — 10:00 in Warsaw both times
 */
export function expand(shape: RecurringShape, from: Date, to: Date): Occurrence[] {
  const durationMs = shape.durationMinutes * 60_000;
  const place = (local: string): Occurrence => {
    const start = zonedToUtc(splitLocal(local), shape.zone).instant;
    return { start, end: new Date(start.getTime() + durationMs), localStart: local };
  };
  const overlaps = (o: Occurrence) => o.start < to && (o.end > from || (durationMs === 0 && o.start >= from));
  if (!shape.rrule) {
    const o = place(shape.localStart);
    return overlaps(o) ? [o] : [];
  }
  const rule = ruleOf(shape.rrule, shape.localStart);
  // Search in wall time with a day's margin either side (zone offsets stay well under a day).
  const walls = rule.between(new Date(from.getTime() - DAY_MS - durationMs), new Date(to.getTime() + DAY_MS), true);
  const skip = new Set(shape.exdates);
  return walls
    .map((w) => wallMsToLocal(w.getTime()))
    .filter((l) => !skip.has(l.slice(0, 10)))
    .map(place)
    .filter(overlaps);
}
