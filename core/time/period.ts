/**
 * @module time/period
 * Monthly settlement periods (`'2026-03'`) are local months: a disbursement at 00:30 on 1 April in
 * Warsaw belongs to April's commission statement even though it is still 31 March in UTC.
 */
import { CrmError } from '../errors.ts';
import { DEFAULT_ZONE, ianaZone, resolveWall, toEpochMs, wallMs, type Instant } from './zone.ts';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The month period key of an instant in `zone`.
 * @example
 * periodOf(new Date('2026-03-31T22:30:00Z')) // '2026-04'
 */
export function periodOf(instant: Instant, zone: string = DEFAULT_ZONE): string {
  return new Date(wallMs(toEpochMs(instant), ianaZone(zone))).toISOString().slice(0, 7);
}

/**
 * The UTC instants bounding a local month, half-open: `from <= t < to`. Use it in queries, so
 * that a month of 31 days and 743 hours (March, spring DST) is exactly one period.
 * @example
 * localPeriodRange('2026-03') // { from: 2026-02-28T23:00:00Z, to: 2026-03-31T22:00:00Z }
 */
export function localPeriodRange(period: string, zone: string = DEFAULT_ZONE): { from: Date; to: Date } {
  const m = PERIOD.exec(period);
  if (!m) throw new CrmError('invalid', `Not a period (YYYY-MM): ${period}`);
  const z = ianaZone(zone);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return {
    from: resolveWall(Date.UTC(year, month - 1, 1), z).instant,
    to: resolveWall(Date.UTC(year, month, 1), z).instant,
  };
}
