/**
 * @module reports/period
 * Report periods are local calendar ranges in the firm's zone (Europe/Warsaw): a day, an ISO week
 * (Monday–Sunday), a month, a quarter, or custom dates. Bounds are inclusive local dates; queries
 * use the half-open UTC instants of their local midnights, so DST days are exactly one day.
 * The previous period has the same kind (previous month, quarter…) or, for custom and day ranges,
 * the same number of days just before.
 */
import { DAY_MS, zonedToUtc } from '../time/index.ts';
import type { PeriodKind } from './types.ts';

const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `date` + n calendar days. */
export const addDays = (date: string, n: number) => iso(ms(date) + n * DAY_MS);
/** Inclusive number of days from `from` to `to`. */
export const daysBetween = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY_MS) + 1;

/** A valid calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
export function isLocalDate(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms(s)) && iso(ms(s)) === s;
}

function monthStart(date: string, monthsBack = 0, span = 1): { from: string; to: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - monthsBack;
  const from = iso(Date.UTC(y, m, 1));
  const to = iso(Date.UTC(y, m + span, 1) - DAY_MS);
  return { from, to };
}

/**
 * The local range of a period kind around `at`.
 * @example
 * periodRange('quarter', '2026-05-14') // { from: '2026-04-01', to: '2026-06-30' }
 */
export function periodRange(kind: Exclude<PeriodKind, 'custom'>, at: string): { from: string; to: string } {
  switch (kind) {
    case 'day':
      return { from: at, to: at };
    case 'week': {
      const dow = (new Date(ms(at)).getUTCDay() + 6) % 7; // Monday = 0
      return { from: addDays(at, -dow), to: addDays(at, 6 - dow) };
    }
    case 'month':
      return monthStart(at);
    case 'quarter': {
      const m = Number(at.slice(5, 7)) - 1;
      return monthStart(`${at.slice(0, 4)}-${String(m - (m % 3) + 1).padStart(2, '0')}-01`, 0, 3);
    }
  }
}

/**
 * The period just before `{from, to}` of the same kind.
 * @example
 * previousRange('month', { from: '2026-03-01', to: '2026-03-31' }) // { from: '2026-02-01', to: '2026-02-28' }
 */
export function previousRange(kind: PeriodKind, r: { from: string; to: string }): { from: string; to: string } {
  if (kind === 'month') return monthStart(r.from, 1);
  if (kind === 'quarter') return monthStart(r.from, 3, 3);
  const n = daysBetween(r.from, r.to);
  return { from: addDays(r.from, -n), to: addDays(r.from, -1) };
}

/** The UTC instants of a local date range, half-open. */
export function instantsOf(r: { from: string; to: string }, zone: string): { fromInstant: Date; toInstant: Date } {
  return {
    fromInstant: zonedToUtc({ date: r.from, time: '00:00' }, zone).instant,
    toInstant: zonedToUtc({ date: addDays(r.to, 1), time: '00:00' }, zone).instant,
  };
}

/** Chart buckets for a range: days up to 31 days, ISO weeks up to 92, months beyond. */
export function bucketOf(from: string, to: string): (date: string) => string {
  const n = daysBetween(from, to);
  if (n <= 31) return (d) => d;
  if (n <= 92) return (d) => periodRange('week', d).from;
  return (d) => d.slice(0, 7);
}

/** Every bucket key of a range, in order (so a line chart has no gaps). */
export function bucketsOf(from: string, to: string): string[] {
  const key = bucketOf(from, to);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const k = key(d);
    if (out[out.length - 1] !== k) out.push(k);
  }
  return out;
}
