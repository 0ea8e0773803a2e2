/**
 * @module widgets/crm-calendar/dates
 * Plain-date arithmetic for the views. The server sends each entry's LOCAL start
 * (`2026-03-26T10:00`, in the firm's zone), so the widget groups and labels by that text and never
 * needs a time-zone library: dates here are `YYYY-MM-DD` strings computed on UTC midnights.
 */
export type View = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `d` plus `n` days. */
export const addDays = (d: string, n: number) => iso(ms(d) + n * DAY);
/** Monday of the week containing `d`. */
export const mondayOf = (d: string) => addDays(d, -((new Date(ms(d)).getUTCDay() + 6) % 7));

/** `d` plus `n` months, clamped to the month's last day. */
export function addMonths(d: string, n: number): string {
  const x = new Date(ms(d));
  const first = Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + n, 1);
  const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + n + 1, 0)).getUTCDate();
  return iso(first + (Math.min(x.getUTCDate(), last) - 1) * DAY);
}

/**
 * The days a view shows: 1, 7 (Monday first) or the 6 weeks around a month.
 * @example
 * daysOf('week', '2026-03-26') // ['2026-03-23', …, '2026-03-29']
 */
export function daysOf(view: View, anchor: string): string[] {
  const start = view === 'day' ? anchor : view === 'week' ? mondayOf(anchor) : mondayOf(`${anchor.slice(0, 8)}01`);
  const n = view === 'day' ? 1 : view === 'week' ? 7 : 42;
  return Array.from({ length: n }, (_, i) => addDays(start, i));
}

/** The view moved one step back or forward. */
export const step = (view: View, anchor: string, dir: 1 | -1) =>
  view === 'month' ? addMonths(anchor, dir) : addDays(anchor, dir * (view === 'week' ? 7 : 1));

/** Minutes added to a local `YYYY-MM-DDTHH:mm` (wall-clock arithmetic; the server resolves DST). */
export function addMinutes(local: string, minutes: number): string {
  return new Date(Date.parse(`${local}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);
}

/** Today's date in a zone. */
export function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
