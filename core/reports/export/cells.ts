/**
 * @module reports/export/cells
 * What an export column holds and how each value becomes a spreadsheet cell: numbers stay numbers,
 * money (integer grosze) becomes złoty as the double nearest to the exact decimal (never
 * `minor / 100` summed), dates become date cells, instants become date-times on the Warsaw wall
 * clock (a spreadsheet has no time zones), and text goes through formula neutralisation.
 */
import { IANAZone } from 'luxon';
import { calendarDay } from '../render/format-cell.ts';
import { minorToCellNumber } from '../render/table-xlsx.ts';
import { offsetAt } from '../../time/index.ts';
import { neutralise } from './neutralise.ts';

/**
 * - `text`: a string (other values are written as their text);
 * - `number`: a plain number (counts, household size);
 * - `money`: integer grosze, written as złoty with a currency format;
 * - `date`: a calendar day `YYYY-MM-DD` (an instant is read on the Warsaw clock);
 * - `datetime`: an instant (`Date` or ISO string), written as Warsaw wall-clock date and time;
 * - `percent`: a fraction (0.25 is 25%), written with a percent format.
 */
export type ExportColumnType = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'percent';
export type ExportCell = string | number | boolean | Date | null | undefined;
export type ExportRow = Record<string, ExportCell>;
export type ExportLocale = 'pl' | 'en';
export type LocalisedLabel = string | { pl: string; en: string };

export interface ExportColumn {
  key: string;
  label: LocalisedLabel;
  /** Default `text`. */
  type?: ExportColumnType;
  /** Width in characters (default from the type). */
  width?: number;
}

export const numberFormats: Record<ExportLocale, Partial<Record<ExportColumnType, string>>> = {
  pl: { money: '#,##0.00 "zł"', date: 'dd.mm.yyyy', datetime: 'dd.mm.yyyy hh:mm', percent: '0.00%' },
  en: { money: '"PLN "#,##0.00', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', percent: '0.00%' },
};

const defaultWidths: Record<ExportColumnType, number> = {
  text: 22,
  number: 10,
  money: 16,
  date: 12,
  datetime: 17,
  percent: 10,
};

export const labelOf = (label: LocalisedLabel, locale: ExportLocale): string =>
  typeof label === 'string' ? label : label[locale];
export const widthOf = (c: ExportColumn): number => c.width ?? defaultWidths[c.type ?? 'text'];

const warsaw = IANAZone.create('Europe/Warsaw');
const yesNo = { pl: ['Tak', 'Nie'], en: ['Yes', 'No'] } as const;

/** An instant as the Warsaw wall clock, encoded as a UTC date (exceljs writes UTC fields as the serial). */
function wallClock(value: Date | string | number): Date {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`Not an instant: ${String(value)}`);
  return new Date(ms + offsetAt(warsaw, ms) * 60_000);
}

/**
 * Converts one value of a column into what exceljs writes. Empty values give an empty cell.
 * @example
 * cellOf({ key: 'fee', label: 'Fee', type: 'money' }, 123456, 'pl') // 1234.56
 */
export function cellOf(column: ExportColumn, value: ExportCell, locale: ExportLocale): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type ?? 'text') {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'money':
      return minorToCellNumber(value as number);
    case 'percent':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return new Date(`${calendarDay(value instanceof Date ? value.toISOString() : (value as string))}T00:00:00Z`);
    case 'datetime':
      return wallClock(value as Date | string);
    default:
      if (typeof value === 'boolean') return yesNo[locale][value ? 0 : 1];
      return neutralise(value instanceof Date ? value.toISOString() : String(value));
  }
}
