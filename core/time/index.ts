/**
 * @module time
 * The clock, the firm's time zone, local-day arithmetic, settlement periods and display.
 */
export { fixedClock, systemClock, type Clock } from './clock.ts';
export { DAY_MS } from './day.ts';
export {
  DEFAULT_ZONE,
  utcToZoned,
  zonedToUtc,
  type Instant,
  type LocalDateTime,
  type ZonedToUtcResult,
} from './zone.ts';
export { addLocalDays, startOfLocalDay, startOfLocalMonth } from './local-days.ts';
export { offsetAt } from './offset-cache.ts';
export { localPeriodRange, periodOf } from './period.ts';
export { formatLocal, type FormatLanguage, type FormatStyle } from './format-local.ts';
export { DEFAULT_DATE_BOUNDS, plausibleDate, type DateBound, type DateBounds, type DateKind } from './plausible.ts';
