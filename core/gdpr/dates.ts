/**
 * @module gdpr/dates
 * Calendar arithmetic for request deadlines on local dates (`YYYY-MM-DD`, the firm's zone). A period
 * in months ends on the same day of the month so many months later, or on that month's last day
 * when it has no such day (31 January + 1 month = 28 or 29 February), as Regulation 1182/71 counts
 * the GDPR's "one month" (Art. 12(3)).
 */
import { utcToZoned } from '../time/index.ts';

/**
 * @example
 * addMonths('2026-01-31', 1) // '2026-02-28'
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Today in the firm's zone. */
export const localToday = (now: Date): string => utcToZoned(now).date;

/** A real calendar date `YYYY-MM-DD`. */
export function isLocalDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
