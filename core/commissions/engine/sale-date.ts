/**
 * @module commissions/engine/sale-date
 * Rules are dated in local days of the firm's zone; a sale at 00:30 on 1 April in Warsaw is an
 * April sale even though it is still 31 March in UTC.
 */
import { DEFAULT_ZONE, utcToZoned, type Instant } from '../../time/index.ts';

/**
 * @example
 * saleDateOf(new Date('2026-03-31T22:30:00Z')) // '2026-04-01'
 */
export function saleDateOf(instant: Instant, zone: string = DEFAULT_ZONE): string {
  return utcToZoned(instant, zone).date;
}
