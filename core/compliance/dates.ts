/**
 * @module compliance/dates
 * Local calendar dates (`YYYY-MM-DD`) as compliance uses them: validation, today in the firm's zone,
 * and whole days between two dates (no clock, no zone: a date is a day).
 */
import type { Ctx } from '../context.ts';
import { utcToZoned } from '../time/index.ts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether `v` is a real calendar date `YYYY-MM-DD` (2026-02-30 is not). */
export function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  return new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/** Today in the firm's zone. */
export const today = (ctx: Ctx): string => utcToZoned(ctx.clock.now(), ctx.config.firm.timeZone).date;

/**
 * Whole days from `a` to `b` (negative when `b` is earlier).
 * @example
 * daysBetween('2026-03-01', '2026-03-31') // 30
 */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
