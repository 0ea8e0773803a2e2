/**
 * @module widgets/base/format
 * Numbers, money and dates for people, via Intl. Money arrives as integer minor units (grosze) and
 * is turned into a decimal *string* for Intl, so no float ever touches an amount. Grouping is
 * always on (`1 234,56 zł`, not Polish CLDR's `1234,56 zł`) to match the firm's PDF and XLSX
 * reports and keep columns aligned. Dates are shown in the firm's zone, Europe/Warsaw by default.
 */
import { localeOf, type Lang } from './lang.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(localeOf[lang], options)));
  return f;
}

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(localeOf[lang], options)));
  return f;
}

/**
 * A count or other plain number, grouped the language's way.
 *
 * @example
 * formatNumber(12345, 'pl'); // '12 345' (U+00A0 between groups)
 */
export function formatNumber(n: number, lang: Lang): string {
  return numberFormat(lang, {}).format(n);
}

/** `12345` grosze → `'123.45'`, exactly, for any safe integer or bigint. */
function minorToDecimal(minor: number | bigint): `${number}` {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`formatMoney expects integer minor units (grosze), got ${minor}`);
  }
  const value = BigInt(minor);
  const abs = value < 0n ? -value : value;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${abs / 100n}.${fraction}` as `${number}`;
}

/**
 * An amount in minor units as money.
 *
 * @example
 * formatMoney(123456, 'pl');        // '1 234,56 zł'
 * formatMoney(123456, 'en');        // 'PLN 1,234.56'
 * formatMoney(-5, 'pl', 'EUR');     // '-0,05 €'
 */
export function formatMoney(minor: number | bigint, lang: Lang, currency = 'PLN'): string {
  return numberFormat(lang, { style: 'currency', currency, useGrouping: 'always' }).format(minorToDecimal(minor));
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date. An instant (`…T…Z`) is shown as the date it is in `timeZone`; a plain date
 * (`2026-03-30`, e.g. a birth date) is shown as written, whatever the zone.
 *
 * @example
 * formatDate('2026-03-29T22:30:00Z', 'pl'); // '30 mar 2026' (00:30 in Warsaw)
 * formatDate('2026-03-29T22:30:00Z', 'en'); // '30 Mar 2026'
 */
export function formatDate(iso: string, lang: Lang, timeZone = 'Europe/Warsaw'): string {
  const plain = dateOnly.test(iso);
  return dateFormat(lang, { dateStyle: 'medium', timeZone: plain ? 'UTC' : timeZone }).format(new Date(iso));
}

/**
 * An instant as date and time in `timeZone`.
 *
 * @example
 * formatDateTime('2026-07-01T07:00:00Z', 'pl'); // '1 lip 2026, 09:00'
 */
export function formatDateTime(iso: string, lang: Lang, timeZone = 'Europe/Warsaw'): string {
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
