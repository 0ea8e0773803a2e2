/**
 * @module time/format-local
 * Showing an instant to a person, in the firm's zone and the reader's language. Polish uses
 * `29.03.2026, 10:05`; English uses British order and a 24-hour clock (`29/03/2026, 10:05`),
 * which reads naturally to Polish staff working in English.
 */
import { DEFAULT_ZONE, ianaZone, toEpochMs, type Instant } from './zone.ts';

export type FormatLanguage = 'pl' | 'en';
export type FormatStyle = 'date' | 'time' | 'datetime';

const LOCALE: Record<FormatLanguage, string> = { pl: 'pl-PL', en: 'en-GB' };
// Explicit two-digit fields: Polish `dateStyle: 'short'` writes `1.04.2026`, documents want `01.04.2026`.
const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const OPTIONS: Record<FormatStyle, Intl.DateTimeFormatOptions> = {
  date: DATE,
  time: TIME,
  datetime: { ...DATE, ...TIME },
};
const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * @example
 * formatLocal(new Date('2026-03-29T08:05:00Z'), 'Europe/Warsaw', 'pl', 'datetime') // '29.03.2026, 10:05'
 * formatLocal(new Date('2026-03-29T08:05:00Z'), 'Europe/Warsaw', 'en', 'date')     // '29/03/2026'
 */
export function formatLocal(
  instant: Instant,
  zone: string = DEFAULT_ZONE,
  language: FormatLanguage = 'pl',
  style: FormatStyle = 'datetime',
): string {
  const key = `${zone}|${language}|${style}`;
  let f = cache.get(key);
  if (!f) {
    ianaZone(zone);
    f = new Intl.DateTimeFormat(LOCALE[language], { ...OPTIONS[style], timeZone: zone });
    cache.set(key, f);
  }
  return f.format(toEpochMs(instant));
}
