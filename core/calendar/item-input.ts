/**
 * @module calendar/item-input
 * What a person types for an item → the stored times. Start and end are LOCAL (`2026-03-27T10:00`)
 * in the item's zone (default: the firm's); the UTC instants, the duration and the series end are
 * derived here, with DST resolved by `core/time` and reported back as `timeNotes`.
 * A task has a due time (start = end); anything else must end after it starts (422 otherwise). Given
 * `plausible`, the start must lie within the calendar's date bounds around now (422 `/start`).
 */
import { invalid, type FieldProblem } from '../errors.ts';
import { resolveLocal, type TimeResolution } from './local-time.ts';
import { seriesEnd } from './recurrence.ts';
import { DAY_MS, plausibleDate, type DateBounds } from '../time/index.ts';

export const itemKinds = ['meeting', 'call', 'task', 'block'] as const;
export type ItemKind = (typeof itemKinds)[number];

export interface TimeInput {
  start: string;
  end?: string | null;
  zone?: string;
  rrule?: string | null;
  exdates?: readonly string[];
}
export interface TimeColumns {
  startAt: Date;
  endAt: Date;
  localStart: string;
  zone: string;
  durationMinutes: number;
  rrule: string | null;
  exdates: string[];
  seriesEndAt: Date;
}

/**
 * @example
 * timeColumns('meeting', { start: '2026-03-29T02:30', end: '2026-03-29T03:30' }, 'Europe/Warsaw')
 * // starts 03:30 CEST (the gap moves 02:30 forward), ends 03:30 → 422 "ends before it starts"
 */
export function timeColumns(
  kind: ItemKind,
  input: TimeInput,
  firmZone: string,
  plausible?: { now: Date; bounds?: Partial<DateBounds> },
): { columns: TimeColumns; timeNotes: TimeResolution[] } {
  const zone = input.zone ?? firmZone;
  const start = resolveLocal(input.start, zone, '/start');
  const notes = start.note ? [start.note] : [];
  let endAt = start.instant;
  if (input.end) {
    const end = resolveLocal(input.end, zone, '/end');
    if (end.note) notes.push(end.note);
    endAt = end.instant;
  } else if (kind !== 'task') {
    throw invalid('The item needs an end', [{ path: '/end', message: 'required for meetings, calls and blocks' }]);
  }
  const problems: FieldProblem[] = [];
  const durationMs = endAt.getTime() - start.instant.getTime();
  if (durationMs < 0 || (durationMs === 0 && kind !== 'task')) {
    problems.push({
      path: '/end',
      message: `ends (${endAt.toISOString()}) before it starts (${start.instant.toISOString()})`,
    });
  }
  if (durationMs > 14 * DAY_MS) problems.push({ path: '/end', message: 'an item lasts at most 14 days' });
  if (input.rrule && kind === 'task')
    problems.push({ path: '/rrule', message: 'tasks do not recur; plan a recurring block or meeting instead' });
  if (plausible) {
    // A meeting in 9999 or a task due in 0001 is a typo: bounded (core/time/plausible.ts).
    const far = plausibleDate(start.instant, 'calendar', '/start', plausible.now, plausible.bounds);
    if (far) problems.push(far);
  }
  if (problems.length) throw invalid("The item's times are not valid", problems);
  const shape = {
    localStart: input.start,
    zone,
    durationMinutes: Math.round(durationMs / 60_000),
    rrule: input.rrule?.trim() || null,
    exdates: [...(input.exdates ?? [])],
  };
  return { columns: { ...shape, startAt: start.instant, endAt, seriesEndAt: seriesEnd(shape) }, timeNotes: notes };
}
