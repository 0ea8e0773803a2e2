/**
 * @module time/plausible
 * Plausibility bounds on the dates people enter, so a typo (9999 for 2026, 0001 for 2001) is a 422
 * naming the field instead of a sale that opens commission period 9999-12 or a meeting nobody will
 * reach. Bounds are relative to now, in days; the defaults suit a brokerage and a firm can widen
 * them (importing older history, planning further ahead) with `createCrm({ dateBounds })`.
 *
 * | kind       | what                                   | default past | default future |
 * | ---------- | -------------------------------------- | ------------ | -------------- |
 * | `sale`     | a sale's date (disbursement)           | 30 years     | 31 days        |
 * | `calendar` | meetings, tasks, their series' end     | 5 years      | 5 years        |
 * | `activity` | a contact's time and its next step     | 30 years     | 5 years        |
 * | `report`   | the period of a partner report         | 30 years     | 31 days        |
 */
import type { FieldProblem } from '../errors.ts';
import { DAY_MS } from './day.ts';

export type DateKind = 'sale' | 'calendar' | 'activity' | 'report';
export interface DateBound {
  pastDays: number;
  futureDays: number;
}
export type DateBounds = Record<DateKind, DateBound>;

export const DEFAULT_DATE_BOUNDS: DateBounds = {
  sale: { pastDays: 30 * 366, futureDays: 31 },
  calendar: { pastDays: 5 * 366, futureDays: 5 * 366 },
  activity: { pastDays: 30 * 366, futureDays: 5 * 366 },
  report: { pastDays: 30 * 366, futureDays: 31 },
};

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A problem naming `path` when `at` lies outside the bounds of `kind` around `now`, else null.
 * @example
 * plausibleDate(new Date('9999-12-31'), 'sale', '/fields/saleDate', now) // { path: '/fields/saleDate', … }
 */
export function plausibleDate(
  at: Date,
  kind: DateKind,
  path: string,
  now: Date,
  overrides: Partial<DateBounds> = {},
): FieldProblem | null {
  const b = overrides[kind] ?? DEFAULT_DATE_BOUNDS[kind];
  const t = at.getTime();
  const from = now.getTime() - b.pastDays * DAY_MS;
  const to = now.getTime() + b.futureDays * DAY_MS;
  if (Number.isNaN(t)) return { path, message: 'must be a date' };
  if (t < from || t > to) return { path, message: `must be between ${iso(from)} and ${iso(to)}` };
  return null;
}
