/**
 * @module reports/render/format-cell
 * Turns cell values into the text a person reads on a statement. Money is integer grosze and is
 * never divided as a float: the amount is written as an exact decimal string and Intl formats that
 * string (Intl accepts decimal strings exactly), so `1234567` is always `12 345,67 zł`.
 * Kept local to the renderers on purpose: they must not depend on a money module still in flux.
 */
import { invalid } from '../../errors.ts';
import type { CellValue, TableColumn } from './table-document.ts';

export type DocumentLocale = 'pl' | 'en';

// Intl accepts exact decimal strings at run time (ECMA-402 NumberFormat v3); the lib types lag.
type DecimalFormat = (value: string) => string;

const moneyFormats = {
  // Financial documents group thousands even in 4-digit amounts ("1 234,56 zł"), which pl-PL skips by default.
  pl: decimalFormat('pl-PL', { style: 'currency', currency: 'PLN', useGrouping: 'always' }),
  en: decimalFormat('en-GB', { style: 'currency', currency: 'PLN', currencyDisplay: 'code' }),
};
const percentFormats = {
  pl: decimalFormat('pl-PL', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: decimalFormat('en-GB', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

function decimalFormat(locale: string, options: Intl.NumberFormatOptions & { useGrouping?: unknown }): DecimalFormat {
  const format = new Intl.NumberFormat(locale, options as Intl.NumberFormatOptions);
  return (value) => format.format(value as unknown as number);
}

/** Throws a 422 naming the column unless `value` is a safe integer (grosze or basis points). */
export function requireInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${what} must be an integer, got ${value}`);
  return value;
}

/**
 * The exact decimal of an integer scaled by 10^`scale`, without float arithmetic.
 * @example
 * scaledDecimal(-5, 2) // '-0.05'
 * scaledDecimal(150, 4) // '0.0150'
 */
export function scaledDecimal(units: number, scale: number): string {
  const digits = Math.abs(units)
    .toString()
    .padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${units < 0 ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * @example
 * formatMoney(123456, 'pl') // '1 234,56 zł' (no-break spaces)
 * formatMoney(123456, 'en') // 'PLN 1,234.56'
 */
export function formatMoney(amountMinor: number, locale: DocumentLocale): string {
  return moneyFormats[locale](scaledDecimal(requireInteger(amountMinor, 'A money amount'), 2));
}

/**
 * @example
 * formatPercent(150, 'en') // '1.50%'
 */
export function formatPercent(rateBp: number, locale: DocumentLocale): string {
  return percentFormats[locale](scaledDecimal(requireInteger(rateBp, 'A rate in basis points'), 4));
}

const warsawDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day a date cell means, as `YYYY-MM-DD`: a plain date is taken as is, an instant is
 * read on the Warsaw wall clock (an instant at 23:30 UTC on 31 Jan is 1 Feb in Poland).
 * @example
 * calendarDay('2026-01-31T23:30:00Z') // '2026-02-01'
 */
export function calendarDay(value: string | number): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw invalid(`Not a date: ${String(value)}`);
  return warsawDay.format(instant);
}

/**
 * @example
 * formatDate('2026-01-31', 'pl') // '31.01.2026'
 * formatDate('2026-01-31', 'en') // '2026-01-31'
 */
export function formatDate(value: string | number, locale: DocumentLocale): string {
  const day = calendarDay(value);
  if (locale === 'en') return day;
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/**
 * The text of one cell. Empty cells stay empty; a money or percent column holding a string is a
 * caller bug and is rejected rather than printed as if it were an amount.
 * @example
 * formatCell({ key: 'a', label: 'Kwota', kind: 'money' }, 1999, 'pl') // '19,99 zł'
 */
export function formatCell(column: TableColumn, value: CellValue | undefined, locale: DocumentLocale): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind ?? 'text') {
    case 'money':
      return formatMoney(numeric(column, value), locale);
    case 'percent':
      return formatPercent(numeric(column, value), locale);
    case 'date':
      return formatDate(value, locale);
    default:
      return String(value);
  }
}

function numeric(column: TableColumn, value: string | number): number {
  if (typeof value !== 'number')
    throw invalid(`Column "${column.key}" holds ${column.kind} as integers, got "${value}"`);
  return requireInteger(value, `Column "${column.key}"`);
}
