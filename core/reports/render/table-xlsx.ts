/**
 * @module reports/render/table-xlsx
 * A table document as an XLSX workbook, streamed: rows are written and committed one at a time, so
 * a 100k-line export never sits in memory. Money is a real number in złoty with a currency format
 * (people sum and pivot these files), dates are real dates, and the totals are SUM formulas that
 * also carry their computed result, so a viewer that does not recalculate still shows the amount.
 *
 * Money rule: grosze stay integers for every sum; a cell gets the double nearest to the exact
 * decimal amount (`Number('1234.56')`, built from digits, never `minor / 100` accumulated), which
 * Excel displays back as exactly the same grosze.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { createColumnSums } from './column-sums.ts';
import { calendarDay, requireInteger, scaledDecimal } from './format-cell.ts';
import { renderLabels } from './labels.ts';
import type { CellValue, TableColumn, TableDocument } from './table-document.ts';
import { openStableWorkbook } from './xlsx-writer.ts';

export const moneyFormat = { pl: '#,##0.00 "zł"', en: '"PLN "#,##0.00' } as const;
const dateFormat = { pl: 'dd.mm.yyyy', en: 'yyyy-mm-dd' } as const;
const percentFormat = '0.00%';
const YIELD_EVERY = 256;

/** The exact złoty amount of integer grosze as the nearest double. */
export const minorToCellNumber = (amountMinor: number): number =>
  Number(scaledDecimal(requireInteger(amountMinor, 'A money amount'), 2));

function cellValue(column: TableColumn, value: CellValue | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind ?? 'text') {
    case 'money':
      return minorToCellNumber(value as number);
    case 'percent':
      return Number(scaledDecimal(requireInteger(value as number, `Column "${column.key}"`), 4));
    case 'date':
      // Midnight UTC: exceljs turns a Date into a serial day number through UTC, so no zone shift.
      return new Date(`${calendarDay(value)}T00:00:00Z`);
    default:
      return value;
  }
}

/** Sheet names are at most 31 characters and may not contain []:*?/\ */
const sheetName = (title: string) =>
  title
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim() || 'Sheet1';

const columnLetter = (n: number): string =>
  n <= 0 ? '' : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * Streams `doc` as an XLSX workbook into a file path or a writable stream; resolves when the last
 * byte is written. Rows may be an async iterable, read once.
 * @example
 * await writeTableXlsx({ ...statement, rows: streamLedgerLines(db, period) }, 'statement.xlsx');
 */
export async function writeTableXlsx(doc: TableDocument, out: Writable | string): Promise<void> {
  const labels = renderLabels[doc.locale];
  const workbook = openStableWorkbook(out, doc.issuedAt);
  workbook.creator = doc.issuer.name;
  workbook.lastModifiedBy = doc.issuer.name;
  workbook.title = doc.title;
  if (doc.subtitle) workbook.subject = doc.subtitle;

  const party = (label: string, p: TableDocument['issuer']) => `${label}: ${[p.name, ...p.lines].join(', ')}`;
  const block: Array<[string, Partial<ExcelJS.Font>]> = [
    [doc.title, { bold: true, size: 14 }],
    ...(doc.subtitle ? [[doc.subtitle, { italic: true }] as [string, Partial<ExcelJS.Font>]] : []),
    [party(labels.issuer, doc.issuer), {}],
    [party(labels.recipient, doc.recipient), {}],
    ...doc.meta.map(([label, value]) => [`${label}: ${value}`, {}] as [string, Partial<ExcelJS.Font>]),
  ];
  const headerRow = block.length + 2;
  const sheet = workbook.addWorksheet(sheetName(doc.title), {
    // Views are written before the first row, so they must be set now, not after streaming.
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}` }],
  });
  sheet.columns = doc.columns.map((column) => ({
    key: column.key,
    width: Math.max(8, Math.round((column.width ?? 1) * 14)),
    style:
      column.kind === 'money'
        ? { numFmt: moneyFormat[doc.locale] }
        : column.kind === 'date'
          ? { numFmt: dateFormat[doc.locale] }
          : column.kind === 'percent'
            ? { numFmt: percentFormat }
            : {},
  }));

  for (const [text, font] of block) {
    const row = sheet.addRow([text]);
    row.getCell(1).font = font;
    row.commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow(doc.columns.map((c) => c.label));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9EEF4' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1F3A5F' } } };
  });
  header.commit();
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: doc.columns.length } };

  const sums = createColumnSums(doc.columns);
  let count = 0;
  for await (const source of doc.rows) {
    sums.add(source);
    sheet.addRow(doc.columns.map((column) => cellValue(column, source[column.key]))).commit();
    count += 1;
    // Rows from memory or a fast cursor never leave the microtask queue, which starves the zip
    // and file streams: without a turn of the event loop the whole sheet would pile up in memory.
    if (count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sums.check(doc.totals);
  writeTotals(sheet, doc, headerRow, count, sums.of);

  sheet.commit();
  await workbook.commit();
}

/**
 * One row per total: the label in the first column, the amount in its money column. A total that
 * names a column becomes `SUM` over that column's lines with the integer sum as the cached result.
 */
function writeTotals(
  sheet: ExcelJS.Worksheet,
  doc: TableDocument,
  headerRow: number,
  count: number,
  sumOf: (key: string) => number,
): void {
  const totals = doc.totals ?? [];
  if (totals.length === 0) return;
  const moneyKeys = doc.columns.filter((c) => c.kind === 'money').map((c) => c.key);
  const fallbackKey =
    totals.find(([, , column]) => column !== undefined)?.[2] ?? moneyKeys.at(-1) ?? doc.columns.at(-1)!.key;
  sheet.addRow([]).commit();
  for (const [label, amountMinor, column] of totals) {
    const key = column ?? fallbackKey;
    const index = doc.columns.findIndex((c) => c.key === key) + 1;
    const values: ExcelJS.CellValue[] = [label];
    const letter = columnLetter(index);
    values[index - 1] =
      column !== undefined && count > 0
        ? {
            formula: `SUM(${letter}${headerRow + 1}:${letter}${headerRow + count})`,
            result: minorToCellNumber(sumOf(column)),
          }
        : minorToCellNumber(amountMinor);
    const row = sheet.addRow(values);
    row.font = { bold: true };
    row.getCell(index).numFmt = moneyFormat[doc.locale];
    row.commit();
  }
}
